import { type SwitchboardBridge, type Unsubscribe } from '../../../shared/contract';
import type { PiiField } from '../../../shared/contact-profile';
import { toAppError } from '../../../shared/errors';
import type { TagGroupName } from '../../../shared/tag-groups';
import { createCall, type Call } from '../bridge/call';
import { subscribeParsed } from '../bridge/events';
import { useProfileStore } from '../features/profile/profile-store';
import { useConnectionStore } from '../stores/connection-store';
import { useContactsStore } from '../stores/contacts-store';
import { useInboxStore } from '../stores/inbox-store';
import { useViewStore } from '../stores/view-store';
import type { WorkstationController } from './workstation-controller';
import { onUserChange } from './on-user-change';

/** What the profile panel asks of the client core; answers land in the profile store. */
export interface ProfileController {
  /** Follows the open conversation, the connection and sign-ins; returns a function that stops it. */
  start(): Unsubscribe;
  /** Reads a customer's profile (offline: the last one loaded, marked stale). */
  load(contactId: string): Promise<void>;
  /** Replaces one group of tags. Throws an AppError the tag editor shows (keeping what was typed). */
  setTags(contactId: string, group: TagGroupName, tags: readonly string[]): Promise<void>;
  /** Renames the customer. Throws an AppError the name box shows (keeping what was typed). */
  rename(contactId: string, name: string): Promise<void>;
  /** Adds a note. Throws an AppError the note box shows (keeping what was typed). */
  addNote(contactId: string, body: string): Promise<void>;
  /** Reveals a masked field for the open conversation until the agent leaves it. Throws an AppError. */
  unmask(contactId: string, conversationId: string, field: PiiField): Promise<void>;
  /** Opens one of the customer's conversations in the inbox. */
  openConversation(conversationId: string): void;
}

type Reporter = (message: string) => void;

/** Wires the profile panel to the client core, beside the workstation controller (whose selection it follows). */
export function createProfileController(
  bridge: SwitchboardBridge,
  workstation: Pick<WorkstationController, 'selectConversation'>,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
): ProfileController {
  const call: Call = createCall(bridge);
  // Only the newest read of each profile lands (an older answer must not replace it).
  const runs = new Map<string, number>();
  /** The open conversation's customer, unless the conversation is no longer ours (the server would refuse). */
  const openContact = () => {
    const { selectedId, byId } = useInboxStore.getState();
    const open = selectedId ? byId[selectedId] : undefined;
    return open && open.access !== 'lost' ? open.contactId : null;
  };

  const controller: ProfileController = {
    start() {
      const stops: Unsubscribe[] = [
        ...subscribeParsed(
          bridge,
          ['contact.updated'],
          { 'contact.updated': (contact) => useProfileStore.getState().updateContact(contact) },
          report,
        ),
        useInboxStore.subscribe((state, previous) => {
          if (state.byId !== previous.byId) {
            const changed = Object.values(state.byId).filter((c) => previous.byId[c.id] !== c);
            if (changed.length > 0) useProfileStore.getState().updateConversations(changed);
          }
          if (state.selectedId === previous.selectedId) return;
          // Leaving a conversation hides what was revealed in it.
          useProfileStore.getState().clearReveals(state.selectedId);
          const contactId = openContact();
          if (contactId) void controller.load(contactId);
        }),
        useConnectionStore.subscribe((state, previous) => {
          const back = state.connection?.status === 'online' && previous.connection?.status !== 'online';
          const contactId = openContact();
          const entry = contactId ? useProfileStore.getState().byContact[contactId] : undefined;
          if (back && contactId && (!entry || entry.stale || entry.status === 'failed')) void controller.load(contactId);
        }),
        onUserChange(() => {
          runs.clear();
          useProfileStore.getState().reset();
        }),
      ];
      const contactId = openContact();
      if (contactId) void controller.load(contactId);
      return () => {
        for (const stop of stops) stop();
      };
    },

    async load(contactId) {
      const run = (runs.get(contactId) ?? 0) + 1;
      runs.set(contactId, run);
      useProfileStore.getState().setLoading(contactId);
      try {
        const loaded = await call('contacts.profile', { contactId });
        if (runs.get(contactId) === run) useProfileStore.getState().setLoaded(contactId, loaded);
      } catch (err) {
        if (runs.get(contactId) === run) useProfileStore.getState().setFailed(contactId, toAppError(err).toJSON());
      }
    },

    async setTags(contactId, group, tags) {
      const contact = await call('contacts.setTags', { contactId, group, tags: [...tags] });
      useProfileStore.getState().updateContact(contact);
      useContactsStore.getState().put(contact);
      useInboxStore.getState().relabel(contact.id, contact.tags);
    },

    async rename(contactId, name) {
      const contact = await call('contacts.rename', { contactId, name });
      useProfileStore.getState().updateContact(contact);
      useContactsStore.getState().put(contact);
    },

    async addNote(contactId, body) {
      const note = await call('contacts.addNote', { contactId, body });
      useProfileStore.getState().addNote(contactId, note);
    },

    async unmask(contactId, conversationId, field) {
      const reveal = await call('contacts.unmask', { contactId, conversationId, field });
      // Answered after the agent moved on: nothing to show it in.
      if (useInboxStore.getState().selectedId !== conversationId) return;
      useProfileStore.getState().addReveal(reveal);
    },

    openConversation(conversationId) {
      useViewStore.getState().setView('inbox');
      workstation.selectConversation(conversationId);
    },
  };
  return controller;
}
