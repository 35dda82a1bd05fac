import {
  contractEvents,
  eventNames,
  type ConnectionState,
  type EventName,
  type EventPayload,
  type MethodArgs,
  type SessionState,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../../../shared/contract';
import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import { AppError, describeZodError, toAppError } from '../../../shared/errors';
import { canReportReconnect } from '../bridge/bridge';
import { createCall, type Call } from '../bridge/call';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useInboxStore } from '../stores/inbox-store';
import { useSessionStore } from '../stores/session-store';
import { useThreadStore } from '../stores/thread-store';

/** What the views ask of the client core; every answer lands in the stores. */
export interface WorkstationController {
  /** Subscribes to every event and loads the first state; returns a function that stops it. */
  start(): Unsubscribe;
  /** Loads session, connection, inbox and the open thread again. */
  resync(): Promise<void>;
  /** Throws an AppError the login form shows. */
  login(args: MethodArgs<'session.login'>): Promise<void>;
  /** Throws an AppError the header shows. */
  logout(): Promise<void>;
  selectConversation(id: string | null): void;
  loadConversations(): Promise<void>;
  loadMessages(conversationId: string): Promise<void>;
  /** Sends the reply; on failure the text stays in the draft with the reason. */
  send(conversationId: string, text: string): Promise<void>;
}

type Reporter = (message: string) => void;

/** Wires one bridge to the stores. Stores are reset when the signed-in user changes. */
export function createWorkstationController(
  bridge: SwitchboardBridge,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
): WorkstationController {
  const call: Call = createCall(bridge);

  function resetWorkspace(): void {
    useInboxStore.getState().reset();
    useThreadStore.getState().reset();
    useDraftsStore.getState().reset();
  }

  function applySession(next: SessionState): void {
    const previous = useSessionStore.getState().session;
    useSessionStore.getState().setSession(next);
    const sameUser = previous?.signedIn && next.signedIn && previous.user?.id === next.user?.id;
    if (sameUser) return;
    if (previous?.signedIn) resetWorkspace();
    if (next.signedIn) void controller.loadConversations();
  }

  function applyConnection(next: ConnectionState): void {
    const previous = useConnectionStore.getState().connection;
    useConnectionStore.getState().setConnection(next);
    // After a reconnect the inbox must equal the server's state without a reload.
    const cameBack = previous !== null && previous.status !== 'online' && next.status === 'online';
    if (cameBack && useSessionStore.getState().session?.signedIn) void reloadWorkspace();
  }

  async function reloadWorkspace(): Promise<void> {
    const selected = useInboxStore.getState().selectedId;
    await Promise.all([controller.loadConversations(), selected ? controller.loadMessages(selected) : undefined]);
  }

  const handlers: { [E in EventName]: (payload: EventPayload<E>) => void } = {
    'session.changed': applySession,
    'connection.changed': applyConnection,
    'conversation.updated': (conversation) => useInboxStore.getState().upsert(conversation),
    'message.updated': (message) => useThreadStore.getState().merge(message),
  };

  function subscribe<E extends EventName>(event: E): Unsubscribe {
    return bridge.on(event, (payload) => {
      const parsed = contractEvents[event].safeParse(payload);
      if (!parsed.success) {
        report(`dropped ${event} with an unexpected shape: ${describeZodError(parsed.error)}`);
        return;
      }
      handlers[event](parsed.data as EventPayload<E>);
    });
  }

  const controller: WorkstationController = {
    start() {
      const stops = eventNames.map((event) => subscribe(event));
      if (canReportReconnect(bridge)) stops.push(bridge.onReconnect(() => void controller.resync()));
      void controller.resync();
      return () => {
        for (const stop of stops) stop();
      };
    },

    async resync() {
      const [session, connection] = await Promise.allSettled([
        call('session.get', {}),
        call('connection.get', {}),
      ]);
      if (connection.status === 'fulfilled') applyConnection(connection.value);
      else report(`connection.get failed: ${toAppError(connection.reason).message}`);
      if (session.status === 'rejected') {
        useSessionStore.getState().setFailed(toAppError(session.reason).toJSON());
        return;
      }
      const wasSignedIn = useSessionStore.getState().session?.signedIn ?? false;
      applySession(session.value);
      // applySession loads the inbox only on a change of user; after a resync load it anyway.
      if (wasSignedIn && session.value.signedIn) await reloadWorkspace();
    },

    async login(args) {
      const session = await call('session.login', args);
      applySession(session);
    },

    async logout() {
      const session = await call('session.logout', {});
      applySession(session);
    },

    selectConversation(id) {
      const inbox = useInboxStore.getState();
      if (inbox.selectedId === id) return;
      inbox.select(id);
      if (id) void controller.loadMessages(id);
    },

    async loadConversations() {
      useInboxStore.getState().setLoading();
      try {
        const conversations = await call('conversations.list', {});
        useInboxStore.getState().setLoaded(conversations);
      } catch (err) {
        useInboxStore.getState().setFailed(toAppError(err).toJSON());
      }
    },

    async loadMessages(conversationId) {
      useThreadStore.getState().setLoading(conversationId);
      try {
        const messages = await call('messages.list', { conversationId });
        useThreadStore.getState().setLoaded(conversationId, messages);
      } catch (err) {
        useThreadStore.getState().setFailed(conversationId, toAppError(err).toJSON());
      }
    },

    async send(conversationId, text) {
      const drafts = useDraftsStore.getState();
      const body = text.trim();
      if (!body || drafts.byConversation[conversationId]?.sending) return;
      if (body.length > MAX_MESSAGE_LENGTH) {
        drafts.setError(conversationId, new AppError('bad_request', 'message is too long').toJSON());
        return;
      }
      drafts.setSending(conversationId, true);
      drafts.setError(conversationId, null);
      try {
        const message = await call('outbox.send', { conversationId, body });
        useThreadStore.getState().merge(message);
        if (message.delivery === 'failed') {
          useDraftsStore.getState().setError(conversationId, message.error ?? { code: 'internal', message: '' });
        } else {
          useDraftsStore.getState().clearSent(conversationId, text);
        }
      } catch (err) {
        useDraftsStore.getState().setError(conversationId, toAppError(err).toJSON());
      } finally {
        useDraftsStore.getState().setSending(conversationId, false);
      }
    },
  };

  return controller;
}
