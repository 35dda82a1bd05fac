import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/contract';
import { conversation, draft, message } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { answerOneConversationCore } from '../../testing/workstation-answers';
import { agentUser, offline, online, signedIn, signedOut, WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;
/** The client core's saved drafts, as the fake answers drafts.get and drafts.save. */
let savedDrafts: Map<string, Draft>;

async function start(session = signedIn) {
  answerOneConversationCore(h.fake, savedDrafts, session);
  await h.start();
}

beforeEach(() => {
  h = new WorkstationHarness();
  savedDrafts = new Map();
});

afterEach(() => h.stop());

describe('startup', () => {
  it('loads session, connection and, when signed in, the inbox', async () => {
    await start();
    expect(h.stores.session.getState()).toMatchObject({ phase: 'ready', session: signedIn });
    expect(h.stores.connection.getState().connection).toEqual(online);
    expect(h.stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('does not ask for conversations when nobody is signed in', async () => {
    await start(signedOut);
    expect(h.stores.session.getState().session?.signedIn).toBe(false);
    expect(h.fake.callsOf('conversations.list')).toHaveLength(0);
  });

  it('shows the start-up failure when the session cannot be read', async () => {
    h.fake.failWith('session.get', 'offline');
    h.fake.answer('connection.get', () => online);
    await h.start();
    expect(h.stores.session.getState()).toMatchObject({ phase: 'failed', error: { code: 'offline' } });
  });

  it('renders the whole workstation from the local cache while the connection is offline', async () => {
    h.fake
      .answer('session.get', () => signedIn)
      .answer('connection.get', () => offline)
      .answer('conversations.list', () => [conversation({ id: 'c1' }), conversation({ id: 'c2', access: 'lost' })])
      .answer('messages.list', ({ conversationId }) => [message({ id: 'm1', conversationId })])
      .answer('drafts.get', ({ conversationId }) => draft({ conversationId, body: 'typed yesterday' }));
    await h.start();
    expect(h.stores.session.getState()).toMatchObject({ phase: 'ready', session: { signedIn: true } });
    expect(h.stores.connection.getState().connection?.status).toBe('offline');
    expect(h.stores.inbox.getState()).toMatchObject({ status: 'ready' });
    expect(h.stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    await h.open('c1');
    expect(h.stores.thread.getState().byConversation.c1?.messages.map((m) => m.id)).toEqual(['m1']);
    expect(h.stores.drafts.getState().byConversation.c1?.text).toBe('typed yesterday');
  });
});

describe('connection and session events', () => {
  it('connection.changed updates the status, and coming back online reloads the inbox', async () => {
    await start();
    h.fake.emit('connection.changed', offline);
    expect(h.stores.connection.getState().connection?.status).toBe('offline');
    const before = h.fake.callsOf('conversations.list').length;
    h.fake.answer('conversations.list', () => [conversation({ id: 'c1', seq: 1 }), conversation({ id: 'c3', seq: 4 })]);
    h.fake.emit('connection.changed', online);
    expect(h.fake.callsOf('conversations.list').length).toBe(before + 1);
    await untilStore(h.stores.inbox, (s) => s.byId.c3 !== undefined, 'the reloaded inbox');
  });

  it('session.changed to signed out clears the workspace', async () => {
    await start();
    h.stores.drafts.getState().setText('c1', 'half a reply');
    h.fake.emit('session.changed', signedOut);
    expect(h.stores.inbox.getState().conversations).toEqual([]);
    expect(h.stores.drafts.getState().byConversation).toEqual({});
  });

  it('inbox.reloaded reads the list again', async () => {
    await start();
    await h.open('c1');
    const before = h.fake.callsOf('conversations.list').length;
    h.fake.emit('inbox.reloaded', {});
    expect(h.fake.callsOf('conversations.list')).toHaveLength(before + 1);
    await untilStore(h.stores.inbox, (s) => s.status === 'ready', 'the inbox read again');
  });
});

describe('signing in and out', () => {
  it('a successful login loads the inbox; a failed one throws the coded error', async () => {
    await start(signedOut);
    h.fake.failWith('session.login', 'invalid_credentials', 'bad password');
    await expect(
      h.controller.login({ serverUrl: 'http://127.0.0.1:7340', email: agentUser.email, password: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(h.fake.callsOf('conversations.list')).toHaveLength(0);

    h.fake.answer('session.login', () => signedIn);
    await h.controller.login({ serverUrl: 'http://127.0.0.1:7340', email: agentUser.email, password: 'right' });
    expect(h.stores.session.getState().session?.signedIn).toBe(true);
    await untilStore(h.stores.inbox, (s) => s.status === 'ready', 'the inbox after login');
    expect(h.stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('logout returns to the signed-out state', async () => {
    await start();
    h.fake.answer('session.logout', () => signedOut);
    await h.controller.logout();
    expect(h.stores.session.getState().session?.signedIn).toBe(false);
    expect(h.stores.inbox.getState().conversations).toEqual([]);
  });
});
