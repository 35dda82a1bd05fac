import type { ContractHandlers, EventSink } from '../../shared/contract';
import type { Contact } from '../../shared/domain';
import { AppError, toAppError, type ErrorCode } from '../../shared/errors';
import type { AgentPush, AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import { ProfileCache } from './cache/profile-cache';
import type { Workspace } from './workspace';

/** The part of the connection the profile panel needs. */
export interface ProfileTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

type ProfileMethods = 'contacts.profile' | 'contacts.setTags' | 'contacts.rename' | 'contacts.addNote' | 'contacts.unmask';

/** Failures after which the cached profile is shown instead (the connection, not the request, failed). */
const USE_CACHE: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'server_unreachable', 'internal']);

/**
 * The customer profile panel: the profile live from the server, kept (masked) in the cache for
 * when the connection is gone; tag changes, notes and reveals need the connection. A revealed
 * value is only answered, never stored.
 */
export function contactProfileHandlers(
  transport: ProfileTransport,
  current: () => Promise<Workspace>,
  emit: EventSink,
  now: () => Date = () => new Date(),
): Pick<ContractHandlers, ProfileMethods> {
  const cacheOf = async () => {
    const { store } = await current();
    return new ProfileCache(store.db, store.cipher);
  };
  const online = (what: string) => {
    if (!transport.isOnline()) throw new AppError('offline', `${what} needs the connection`);
  };
  return {
    'contacts.profile': async ({ contactId }) => {
      const cache = await cacheOf();
      if (transport.isOnline()) {
        try {
          const { profile } = await transport.request('contacts:profile', { contactId });
          const savedAt = now().toISOString();
          await cache.put(contactId, profile, savedAt);
          return { profile, stale: false, savedAt };
        } catch (err) {
          const error = toAppError(err);
          if (error.code === 'not_found' || error.code === 'forbidden') await cache.remove(contactId);
          if (!USE_CACHE.has(error.code)) throw error;
        }
      }
      const cached = await cache.get(contactId);
      if (!cached) throw new AppError('offline', 'This customer’s profile has not been loaded on this computer yet');
      return { ...cached, stale: true };
    },
    'contacts.setTags': async ({ contactId, group, tags }) => {
      online('Changing tags');
      const { contact } = await transport.request('contacts:tags:set', { contactId, group, tags });
      await contactChanged(await current(), emit, contact);
      return contact;
    },
    'contacts.rename': async ({ contactId, name }) => {
      online('Renaming a customer');
      const { contact } = await transport.request('contacts:rename', { contactId, name });
      await contactChanged(await current(), emit, contact);
      return contact;
    },
    'contacts.addNote': async ({ contactId, body }) => {
      online('Adding a note');
      const { note } = await transport.request('contacts:note:add', { contactId, body });
      await (await cacheOf()).addNote(note);
      return note;
    },
    'contacts.unmask': async ({ contactId, conversationId, field }) => {
      online('Showing personal data');
      return (await transport.request('contacts:unmask', { contactId, conversationId, field })).reveal;
    },
  };
}

/** A contact changed on the server: the cache (contact, profile, the name on their conversations) and the UI follow. */
async function contactChanged(workspace: Workspace, emit: EventSink, contact: Contact): Promise<void> {
  const { store } = workspace;
  const renamed = await store.db.write(async (tx) => {
    await store.putContacts(tx, [contact]);
    return store.renameContactConversations(tx, contact);
  });
  await new ProfileCache(store.db, store.cipher).updateContact(contact);
  emit('contact.updated', contact);
  for (const id of renamed) {
    const conversation = await store.conversation(id);
    if (conversation) emit('conversation.updated', conversation);
  }
}

/** The server's `contact:updated`, passed on to the cache and the UI. */
export function contactPushes(emit: EventSink, workspace: () => Workspace | null) {
  return {
    // A push that could not be stored is repaired by the next profile load or sync.
    'contact:updated': (contact: AgentPush<'contact:updated'>) => {
      const opened = workspace();
      if (opened) void contactChanged(opened, emit, contact).catch(() => undefined);
    },
  };
}
