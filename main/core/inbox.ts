import type { Draft, EventSink, InboxConversation, ThreadMessage } from '../../shared/contract';
import type { Conversation } from '../../shared/domain';
import { AppError, toAppError } from '../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import type { CacheStore } from './cache/cache-store';
import type { Outbox } from './outbox';
import { asSent } from './thread-message';

/** The part of the connection the inbox needs. */
export interface InboxTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

type ConversationAction =
  | 'conversation:resolve'
  | 'conversation:tags'
  | 'conversation:accept'
  | 'conversation:decline'
  | 'conversation:transfer'
  | 'conversation:takeover'
  | 'conversation:join';

/**
 * What the UI reads: always answered from the local cache, so the inbox and every cached thread
 * open with the server down. A thread not fetched whole yet is fetched once when online.
 */
export class InboxService {
  constructor(
    private readonly store: CacheStore,
    private readonly outbox: Outbox,
    private readonly transport: InboxTransport,
    private readonly emit: EventSink,
  ) {}

  conversations(): Promise<InboxConversation[]> {
    return this.store.inbox();
  }

  async messages(conversationId: string, limit?: number): Promise<ThreadMessage[]> {
    // A conversation no longer ours is kept only for the agent's unsent text: show what we have.
    const lost = (await this.store.conversation(conversationId))?.access === 'lost';
    if (!lost && this.transport.isOnline() && !(await this.store.threadComplete(conversationId))) {
      await this.fetchThread(conversationId);
    }
    const stored = await this.store.thread(conversationId, limit);
    return [...stored.map(asSent), ...(await this.outbox.pending(conversationId))];
  }

  /**
   * Resolve, tag, accept, decline, transfer, take over or join: live actions on the server (they need
   * the connection), stored in the cache and announced when they succeed.
   */
  async act<K extends ConversationAction>(name: K, payload: AgentRequestPayload<K>): Promise<InboxConversation> {
    this.requireOnline();
    const { conversation } = (await this.transport.request(name, payload)) as { conversation: Conversation };
    return this.storeConversation(conversation);
  }

  /** An internal note or whisper: stored by the server first (it needs the connection), then cached. */
  async addNote(conversationId: string, body: string, mentions?: string[]): Promise<ThreadMessage> {
    this.requireOnline();
    const { message, conversation } = await this.transport.request('note:add', {
      conversationId,
      body,
      ...(mentions && mentions.length > 0 ? { mentions } : {}),
    });
    // The server's push of the same note may have stored it already.
    if (this.store.claimWrite([conversation], [message])) {
      await this.store.db.write((tx) => this.store.putMessages(tx, [message]));
    }
    const sent = asSent(message);
    this.emit('message.updated', sent);
    await this.storeConversation(conversation);
    return sent;
  }

  private requireOnline(): void {
    if (!this.transport.isOnline()) throw new AppError('offline', 'You are offline; try again when the connection is back');
  }

  private async storeConversation(conversation: Conversation): Promise<InboxConversation> {
    await this.store.db.write((tx) => this.store.putConversations(tx, [conversation]));
    const stored = (await this.store.conversation(conversation.id)) ?? { ...conversation, access: 'full' as const, unread: 0, labels: [] };
    this.emit('conversation.updated', stored);
    return stored;
  }

  draft(conversationId: string): Promise<Draft | null> {
    return this.store.draft(conversationId);
  }

  /** Saves the composer's text; a reason shown with returned replies stays until the text is gone. */
  async saveDraft(conversationId: string, body: string, now = new Date()): Promise<Draft | null> {
    const absent = body.length > 0 && !(await this.store.conversation(conversationId));
    const draft = await this.store.db.write(async (tx) => {
      const existing = await this.store.draft(conversationId);
      return this.store.putDraft(tx, { conversationId, body, updatedAt: now.toISOString(), reason: existing?.reason ?? null });
    });
    // Typed into a conversation taken away a moment ago: it comes back, kept for this text.
    const restored = absent ? await this.store.conversation(conversationId) : null;
    if (restored) this.emit('conversation.updated', restored);
    return draft;
  }

  private async fetchThread(conversationId: string): Promise<void> {
    try {
      const { messages } = await this.transport.request('messages:list', { conversationId });
      await this.store.db.write(async (tx) => {
        await this.store.putMessages(tx, messages);
        await this.store.markThreadComplete(tx, conversationId);
      });
    } catch (err) {
      const error = toAppError(err);
      // Without the network the cached part of the thread is still worth showing.
      if (!['offline', 'timeout', 'server_unreachable'].includes(error.code)) throw error;
    }
  }
}
