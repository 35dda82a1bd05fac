import type { ConnectionState, MethodArgs, SessionState } from '../../../../shared/contract';
import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import type { PartContext } from './part-context';

/** Who is signed in and whether the connection is up; a change of either reloads what the agent sees. */
export interface SessionController {
  /** Loads session, connection, inbox and the open thread again; resolves once they are read. */
  resync(): Promise<void>;
  /** Throws an AppError the login form shows. */
  login(args: MethodArgs<'session.login'>): Promise<void>;
  /** Throws an AppError the header shows. */
  logout(): Promise<void>;
}

/** What the session part asks of the rest of the workstation when the user or the connection changes. */
export interface Workspace {
  /** Reads what a user who just signed in sees first. */
  loadForUser(): Promise<void>;
  /** Reads the inbox, the open conversation, presence and notifications again. */
  reload(): Promise<void>;
  /** The connection came back: the team is read again and colleagues are told again what this user does. */
  reconnected(): void;
  /** The user is about to sign out: their typing is saved and colleagues see them leave. */
  leave(): Promise<void>;
  /** Forgets everything of the previous user. */
  reset(): void;
}

export interface SessionPart {
  api: SessionController;
  handlers: EventHandlers<'session.changed' | 'connection.changed' | 'inbox.reloaded'>;
}

export function createSessionPart({
  call,
  stores,
  report,
  workspace,
}: PartContext<'session' | 'connection' | 'inbox'> & { workspace: Workspace }): SessionPart {
  const signedIn = () => stores.session.getState().session?.signedIn ?? false;

  /** Applies a session; on a change of user the workspace is reset and read again (the promise covers the reading). */
  function applySession(next: SessionState): Promise<void> {
    const previous = stores.session.getState().session;
    stores.session.getState().setSession(next);
    const sameUser = previous?.signedIn && next.signedIn && previous.user?.id === next.user?.id;
    if (sameUser) return Promise.resolve();
    if (previous?.signedIn) workspace.reset();
    stores.inbox.getState().setMe(next.signedIn ? (next.user?.id ?? null) : null);
    return next.signedIn ? workspace.loadForUser() : Promise.resolve();
  }

  function applyConnection(next: ConnectionState): void {
    const previous = stores.connection.getState().connection;
    stores.connection.getState().setConnection(next);
    // After a reconnect the inbox must equal the server's state without a reload.
    const cameBack = previous !== null && previous.status !== 'online' && next.status === 'online';
    if (cameBack && signedIn()) {
      void workspace.reload();
      workspace.reconnected();
    }
  }

  const api: SessionController = {
    async resync() {
      // Both answer from the client core's local state: nothing here waits for the network.
      const [session, connection] = await Promise.allSettled([call('session.get', {}), call('connection.get', {})]);
      if (connection.status === 'fulfilled') applyConnection(connection.value);
      else report(`connection.get failed: ${toAppError(connection.reason).message}`);
      if (session.status === 'rejected') {
        stores.session.getState().setFailed(toAppError(session.reason).toJSON());
        return;
      }
      const wasSignedIn = signedIn();
      const loaded = applySession(session.value);
      // applySession loads the inbox only on a change of user; after a resync load it anyway.
      await Promise.all([loaded, wasSignedIn && session.value.signedIn ? workspace.reload() : undefined]);
    },

    async login(args) {
      const session = await call('session.login', args);
      void applySession(session);
    },

    async logout() {
      await workspace.leave();
      const session = await call('session.logout', {});
      void applySession(session);
    },
  };

  return {
    api,
    handlers: {
      'session.changed': (session) => void applySession(session),
      'connection.changed': applyConnection,
      'inbox.reloaded': () => {
        if (signedIn()) void workspace.reload();
      },
    },
  };
}
