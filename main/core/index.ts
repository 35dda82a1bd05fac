import type { ContractHandlers } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { unfilledReplyError } from '../../shared/quick-replies';
import { preferencesIn } from './attention';
import { attentionHandlers } from './attention-handlers';
import { desktopSettingsHandlers } from './desktop-settings';
import { systemClock } from './clock';
import { Connection } from './connection';
import { FieldCipher } from './cache/field-cipher';
import { ServerApi } from './server-api';
import { PresenceService } from './presence';
import { SessionService } from './session';
import { adminHandlers } from './admin';
import { contactProfileHandlers, contactPushes } from './contact-profiles';
import { channelAdminHandlers } from './channel-admin';
import { aiAssistHandlers } from './ai-assist';
import { knowledgeAdminHandlers } from './knowledge-admin';
import { catalogPushes, supervisionHandlers, supervisionPushes } from './supervision';
import { conversationTagHandlers, conversationTagPushes } from './conversation-tags';
import { ticketHandlers, ticketPushes } from './tickets/ticket-handlers';
import { ticketAdminHandlers } from './tickets/ticket-admin-handlers';
import { csatHandlers } from './csat/csat-handlers';
import { weeklyReportHandlers } from './weekly-report/weekly-report-handlers';
import { topicHandlers } from './topics/topic-handlers';
import { reportHandlers } from './reports/report-handlers';
import { restDownloader } from './admin-rest';
import type { Core, CoreOptions } from './types';
import { Workspace, type WorkspaceOptions } from './workspace';
import { applyAttachmentPush } from './message-attachments';
import { FileReplies } from './file-replies';

export { DEFAULT_SERVER_URL } from '../../shared/defaults';

const ignore = () => undefined;
export type { Core, CoreOptions, SecretStore, SettingsStore, StoredSettings } from './types';

/**
 * Builds the client core: the services behind every contract method. It starts as the agent who
 * was signed in last, from their local cache, and connects when it can.
 */
export function createCore(options: CoreOptions, api: ServerApi = new ServerApi(), tuning: WorkspaceOptions = {}): Core {
  const { emit, settings, secrets, dataDir } = options;
  const clock = options.clock ?? systemClock;
  const stamp = () => new Date(clock.now()).toISOString();
  const session = new SessionService(
    api,
    settings,
    secrets,
    (state) => {
      emit('session.changed', state);
      // A new role changes what this user may see: the cache syncs again from the start.
      if (state.user) workspace?.roleChanged(state.user);
    },
    options.defaultServerUrl ?? null,
    clock,
  );
  let workspace: Workspace | null = null;

  const connection: Connection = new Connection(
    {
      getToken: () => session.accessToken(),
      refreshToken: () => session.refresh(),
      onUnauthorized: () => {
        void signOut();
      },
      onState: (state) => emit('connection.changed', state),
      onConnected: () => {
        void workspace?.store.setLastOnline(stamp()).catch(() => undefined);
        workspace?.resume().catch(() => {
          /* a failed catch-up shows as the connection dropping; the next connect runs it again */
        });
      },
      onDisconnected: () => {
        void workspace?.store.setLastOnline(stamp()).catch(() => undefined);
      },
      pushes: {
        // A push that could not be stored leaves a gap in the sequence; the catch-up repairs it.
        'conversation:upsert': (c) => workspace?.sync.onConversation(c).catch(ignore),
        'message:new': (m) => workspace?.sync.onMessage(m).catch(ignore),
        'conversation:removed': (r) => workspace?.sync.onRemoved(r).catch(ignore),
        'sync:tick': ({ seq }) => workspace?.sync.onTick(seq).catch(ignore),
        // Missed or failed, the next reconnect reads the delivery state again.
        'message:delivery': (push) => workspace?.deliveries.apply([push]).catch(ignore),
        // A customer's file was stored (or refused): the cached message and the thread show it.
        'message:attachment': (push) => (workspace ? applyAttachmentPush(workspace.store, emit, push).catch(ignore) : undefined),
        'agent:state': (state) => presence.apply(state),
        'contact:typing': (typing) => emit('contact.typing', typing),
        ...supervisionPushes(emit, () => workspace),
        ...catalogPushes(() => workspace),
        ...contactPushes(emit, () => workspace),
        ...ticketPushes(emit, () => workspace),
        ...conversationTagPushes(() => workspace),
      },
    },
    { clock, reconnectDelay: options.reconnectDelay },
  );
  const presence = new PresenceService(connection, emit);

  const adminRest = {
    api,
    isOnline: () => connection.isOnline(),
    serverUrl: () => session.currentServerUrl(),
    accessToken: () => session.accessToken(),
    refresh: () => session.refresh(),
  };
  // Also the uploader of the files that wait in a workspace's outbox.
  const files = new FileReplies({ rest: adminRest, transport: connection, store: async () => (await current()).store, emit });

  async function openWorkspace(user: User): Promise<Workspace> {
    if (workspace?.user.id === user.id) return workspace;
    await workspace?.close();
    workspace = await Workspace.open(dataDir, user, FieldCipher.fromSecrets(secrets), connection, emit, { clock, uploader: files, ...tuning }, preferencesIn(settings, user.id));
    return workspace;
  }

  async function signOut() {
    // The server is told which socket was ours, so it knows whether another device is still signed in.
    const socketId = connection.socketId();
    connection.stop();
    const closing = workspace;
    workspace = null;
    presence.clear();
    await closing?.close();
    // Signed out, nothing is unread: the badge and the title clear.
    emit('badge.changed', { count: 0 });
    return session.logout(socketId);
  }

  const ready = (async () => {
    if (!session.restore()) return;
    const opened = await openWorkspace(session.currentUser()!);
    connection.start(session.currentServerUrl(), (await opened.store.lastOnline()) ?? undefined);
  })();

  const current = async (): Promise<Workspace> => {
    await ready;
    if (!workspace) throw new AppError('not_signed_in', 'Sign in first');
    return workspace;
  };

  const handlers: ContractHandlers = {
    'session.get': async () => {
      await ready.catch(() => undefined);
      return session.state();
    },
    'session.login': async ({ serverUrl, email, password }) => {
      await ready.catch(() => undefined);
      const state = await session.login(serverUrl, email, password);
      await openWorkspace(session.currentUser()!);
      connection.start(session.currentServerUrl());
      emit('inbox.reloaded', {});
      return state;
    },
    'session.logout': async () => signOut(),
    'connection.get': async () => connection.getState(),
    'conversations.list': async () => (await current()).inbox.conversations(),
    'conversations.resolve': async ({ conversationId, tagIds }) =>
      (await current()).inbox.act('conversation:resolve', { conversationId, ...(tagIds ? { tagIds } : {}) }),
    'conversations.setTags': async ({ conversationId, tagIds }) => (await current()).inbox.act('conversation:tags', { conversationId, tagIds }),
    'messages.list': async ({ conversationId, limit }) => (await current()).inbox.messages(conversationId, limit),
    'outbox.send': async ({ conversationId, body }) => {
      // A quick reply's unfilled variable (⟦order.latest.id⟧, {{…}}) never reaches a customer.
      const unfilled = unfilledReplyError(body);
      if (unfilled) throw unfilled;
      const opened = await current();
      return opened.outbox.send(conversationId, await opened.catalog.screenReply(body));
    },
    'attachments.url': async ({ fileId, variant }) => {
      await current();
      return files.url(fileId, variant);
    },
    'attachments.upload': async ({ conversationId, name, bytes }) => {
      await current();
      return files.upload(conversationId, name, bytes);
    },
    'attachments.send': async ({ conversationId, fileId, caption }) => files.send(conversationId, fileId, caption),
    'outbox.sendFile': async ({ conversationId, name, mimeType, bytes, caption }) => {
      // The caption is screened as a text reply is.
      const unfilled = unfilledReplyError(caption);
      if (unfilled) throw unfilled;
      const opened = await current();
      const screened = caption ? await opened.catalog.screenReply(caption) : caption;
      return opened.outbox.sendFile(conversationId, screened, { name, mimeType, bytes });
    },
    'outbox.retry': async ({ clientId }) => (await current()).outbox.retry(clientId),
    'outbox.edit': async ({ clientId }) => (await current()).outbox.edit(clientId),
    'outbox.discard': async ({ clientId }) => (await current()).outbox.discard(clientId),
    'presence.get': async () => presence.current(),
    'presence.set': async ({ presence: next }) => presence.set(next),
    'conversations.accept': async ({ conversationId }) => (await current()).inbox.act('conversation:accept', { conversationId }),
    'conversations.decline': async ({ conversationId }) => (await current()).inbox.act('conversation:decline', { conversationId }),
    'conversations.transfer': async ({ conversationId, to, note }) =>
      (await current()).inbox.act('conversation:transfer', {
        conversationId,
        note,
        ...(to.kind === 'agent' ? { toUserId: to.userId } : { toGroupId: to.groupId }),
      }),
    'team.list': async () => {
      if (!connection.isOnline()) throw new AppError('offline', 'The team list needs the connection');
      return connection.request('team:list', {});
    },
    'contacts.get': async ({ contactId }) => (await current()).catalog.contact(contactId),
    'kb.list': async () => (await current()).catalog.articles(),
    'templates.list': async () => (await current()).catalog.templates(),
    'kb.search': async ({ query, limit }) => (await current()).catalog.search(query, limit),
    'templates.save': async (input) => (await current()).catalog.saveTemplate(input),
    'templates.delete': async ({ id }) => (await current()).catalog.deleteTemplate(id),
    'templates.import': async ({ text, format }) => (await current()).catalog.importTemplates(text, format),
    'drafts.get': async ({ conversationId }) => (await current()).inbox.draft(conversationId),
    'drafts.save': async ({ conversationId, body }) => (await current()).inbox.saveDraft(conversationId, body),
    ...attentionHandlers(current),
    ...desktopSettingsHandlers(settings, options.loginItem),
    ...supervisionHandlers(connection, current),
    ...knowledgeAdminHandlers(connection),
    ...adminHandlers(connection),
    ...contactProfileHandlers(connection, current, emit),
    ...channelAdminHandlers(adminRest),
    ...conversationTagHandlers(connection, current),
    ...ticketHandlers(async () => (await current()).tickets),
    ...ticketAdminHandlers({ transport: connection, download: restDownloader(adminRest) }),
    ...csatHandlers(connection),
    ...weeklyReportHandlers(connection),
    ...topicHandlers(connection),
    ...reportHandlers({ transport: connection, download: restDownloader(adminRest) }),
    ...aiAssistHandlers({ ...adminRest, request: (name, payload) => connection.request(name, payload) }),
  };

  return {
    handlers,
    pushesHandled: () => connection.pushesHandled(),
    async dispose() {
      await ready.catch(() => undefined);
      if (connection.isOnline()) await workspace?.store.setLastOnline(stamp()).catch(() => undefined);
      connection.stop();
      session.dispose();
      const closing = workspace;
      workspace = null;
      await closing?.close();
    },
  };
}
