import type { ConnectionState, ContractHandlers } from '../../shared/contract';
import { Connection } from './connection';
import { InboxService } from './inbox';
import { ServerApi } from './server-api';
import { SessionService } from './session';
import type { Core, CoreOptions } from './types';

export { DEFAULT_SERVER_URL } from '../../shared/defaults';

export type { Core, CoreOptions, SettingsStore, StoredSettings } from './types';

/** Builds the client core: the services behind every contract method, wired to one connection. */
export function createCore(options: CoreOptions, api: ServerApi = new ServerApi()): Core {
  const { emit, settings } = options;
  const session = new SessionService(
    api,
    settings,
    (state) => emit('session.changed', state),
    options.defaultServerUrl ?? null,
  );

  const connection: Connection = new Connection({
    getToken: () => session.accessToken(),
    refreshToken: () => session.refresh(),
    onUnauthorized: () => {
      connection.stop();
      inbox.clear();
      session.logout();
    },
    onState: (state: ConnectionState) => emit('connection.changed', state),
    onConnected: () => {
      inbox.refreshConversations().catch(() => {
        /* a failed refresh shows as the connection dropping; the next connect retries */
      });
    },
    pushes: {
      'conversation:upsert': (conversation) => inbox.applyConversation(conversation),
      'message:new': (message) => inbox.applyMessage(message),
    },
  });
  const inbox: InboxService = new InboxService(connection, emit);

  const handlers: ContractHandlers = {
    'session.get': async () => session.state(),
    'session.login': async ({ serverUrl, email, password }) => {
      const state = await session.login(serverUrl, email, password);
      inbox.clear();
      connection.start(session.currentServerUrl());
      return state;
    },
    'session.logout': async () => {
      connection.stop();
      inbox.clear();
      return session.logout();
    },
    'connection.get': async () => connection.getState(),
    'conversations.list': async () => inbox.listConversations(),
    'messages.list': async ({ conversationId }) => inbox.listMessages(conversationId),
    'outbox.send': async ({ conversationId, body }) => inbox.send(conversationId, body),
  };

  return {
    handlers,
    async dispose() {
      connection.stop();
      session.dispose();
    },
  };
}
