import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import { loadIntoStore } from '../load-into-store';
import type { DraftPart } from './draft-controller';
import type { PartContext } from './part-context';
import type { ThreadController } from './thread-controller';

/** The agent's conversations, which one is open, and the search over their messages. */
export interface InboxController {
  /** Opens a conversation (its messages and saved draft); the previous one's typing is saved first. */
  selectConversation(id: string | null): void;
  loadConversations(): Promise<void>;
  /** Marks the conversation resolved, with these tags (reason, outcome) when given. Throws an AppError the header or the picker shows. */
  resolve(conversationId: string, tagIds?: string[]): Promise<void>;
  /** Searches the cached messages for the inbox search box; only the latest query's answer is kept. */
  searchMessages(query: string): Promise<void>;
}

export interface InboxPart {
  api: InboxController;
  /** The customer's name of a conversation, also of one that already left the inbox. */
  contactNameOf(conversationId: string): string | null;
  /** Forgets the names of conversations that left (the user changed). */
  reset(): void;
  handlers: EventHandlers<'conversation.updated' | 'conversation.removed' | 'contact.updated'>;
}

export interface InboxPartOptions extends PartContext<'inbox' | 'contacts' | 'inboxSearch'> {
  drafts: Pick<DraftPart, 'saver'> & { api: Pick<DraftPart['api'], 'loadDraft'> };
  thread: Pick<ThreadController, 'loadMessages'>;
}

export function createInboxPart({ call, stores, report, drafts, thread }: InboxPartOptions): InboxPart {
  const { saver } = drafts;
  const inbox = () => stores.inbox.getState();

  /** Customers of conversations that left the inbox, so a takeover notice arriving after the removal can name them. */
  const removedNames = new Map<string, string>();

  /** The customer of a conversation, from the cache; a miss is not an error (it syncs later). */
  async function loadContact(conversationId: string): Promise<void> {
    const contactId = inbox().byId[conversationId]?.contactId;
    if (!contactId) return;
    try {
      const contact = await call('contacts.get', { contactId });
      if (contact) stores.contacts.getState().put(contact);
    } catch (err) {
      report(`contacts.get failed for ${contactId}: ${toAppError(err).message}`);
    }
  }

  const api: InboxController = {
    selectConversation(id) {
      const current = inbox();
      if (current.selectedId === id) return;
      if (current.selectedId) void saver.flush(current.selectedId);
      current.select(id);
      if (id) {
        void thread.loadMessages(id);
        void drafts.api.loadDraft(id);
        void loadContact(id);
      }
    },

    loadConversations() {
      return loadIntoStore(stores.inbox.getState, () => call('conversations.list', {}));
    },

    async resolve(conversationId, tagIds) {
      const conversation = await call('conversations.resolve', { conversationId, ...(tagIds ? { tagIds } : {}) });
      inbox().upsert(conversation);
    },

    async searchMessages(query) {
      stores.inboxSearch.getState().setSearching(query);
      try {
        const { hits, truncated } = await call('conversations.search', { query });
        stores.inboxSearch.getState().setResults(query, hits, truncated);
      } catch (err) {
        stores.inboxSearch.getState().setFailed(query, toAppError(err).toJSON());
      }
    },
  };

  return {
    api,
    contactNameOf: (conversationId) => inbox().byId[conversationId]?.contactName ?? removedNames.get(conversationId) ?? null,
    reset: () => removedNames.clear(),
    handlers: {
      'conversation.updated': (conversation) => inbox().upsert(conversation),
      'conversation.removed': ({ conversationId }) => {
        const wasOpen = inbox().selectedId === conversationId;
        const flushed = saver.flush(conversationId);
        const name = inbox().byId[conversationId]?.contactName;
        if (name) removedNames.set(conversationId, name);
        inbox().remove(conversationId);
        // Text typed a moment before the conversation was taken brings it back (kept for that text):
        // the agent stays on it and sees their words with the reason.
        if (wasOpen) {
          void flushed.then(() => {
            const now = inbox();
            if (now.selectedId === null && now.byId[conversationId]) api.selectConversation(conversationId);
          });
        }
      },
      'contact.updated': (contact) => {
        stores.contacts.getState().put(contact);
        inbox().relabel(contact.id, contact.tags);
      },
    },
  };
}
