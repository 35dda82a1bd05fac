import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SessionState } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useInboxStore } from '../stores/inbox-store';
import { useSessionStore } from '../stores/session-store';
import { useThreadStore } from '../stores/thread-store';
import { FakeBridge, settle } from '../testing/fake-bridge';
import { conversation, message } from '../testing/fixtures';
import { createWorkstationController, type WorkstationController } from './workstation-controller';

const user = { id: 'u1', accountId: 'acc', email: 'li@example.com', name: 'Li Na', role: 'agent' as const };
const signedIn: SessionState = { signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email };
const signedOut: SessionState = { signedIn: false, user: null, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email };
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const offline: ConnectionState = {
  status: 'offline',
  since: '2025-01-01T10:05:00.000Z',
  error: { code: 'server_unreachable', message: 'ECONNREFUSED' },
  nextRetryAt: '2025-01-01T10:05:05.000Z',
};

let fake: FakeBridge;
let controller: WorkstationController;
let stop: () => void;
let reports: string[];

function start(session: SessionState = signedIn) {
  fake
    .answer('session.get', () => session)
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [conversation({ id: 'c1', seq: 1 })])
    .answer('messages.list', ({ conversationId }) => [message({ id: `${conversationId}-m1`, conversationId, seq: 1 })]);
  stop = controller.start();
}

beforeEach(() => {
  useSessionStore.setState({ phase: 'loading', session: null, error: null });
  useConnectionStore.setState({ connection: null });
  useInboxStore.getState().reset();
  useThreadStore.getState().reset();
  useDraftsStore.getState().reset();
  fake = new FakeBridge();
  reports = [];
  controller = createWorkstationController(fake.bridge, (m) => reports.push(m));
});

afterEach(() => stop?.());

describe('startup', () => {
  it('loads session, connection and, when signed in, the inbox', async () => {
    start();
    await settle();
    expect(useSessionStore.getState()).toMatchObject({ phase: 'ready', session: signedIn });
    expect(useConnectionStore.getState().connection).toEqual(online);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('does not ask for conversations when nobody is signed in', async () => {
    start(signedOut);
    await settle();
    expect(useSessionStore.getState().session?.signedIn).toBe(false);
    expect(fake.callsOf('conversations.list')).toHaveLength(0);
  });

  it('shows the start-up failure when the session cannot be read', async () => {
    fake.failWith('session.get', 'offline');
    fake.answer('connection.get', () => online);
    stop = controller.start();
    await settle();
    expect(useSessionStore.getState()).toMatchObject({ phase: 'failed', error: { code: 'offline' } });
  });
});

describe('pushed events', () => {
  it('a conversation.updated for a new id appears in the inbox, newest first, without a reload', async () => {
    start();
    await settle();
    const listCalls = fake.callsOf('conversations.list').length;
    fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, lastMessageAt: '2025-01-02T00:00:00.000Z' }));
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(fake.callsOf('conversations.list')).toHaveLength(listCalls);
  });

  it('drops an event whose payload does not match the contract, and says so', async () => {
    start();
    await settle();
    fake.emit('conversation.updated', { id: 'broken' } as never);
    expect(useInboxStore.getState().byId.broken).toBeUndefined();
    expect(reports.join('\n')).toMatch(/conversation.updated/);
  });

  it('message.updated merges into the thread it belongs to', async () => {
    start();
    await settle();
    fake.emit('message.updated', message({ id: 'm9', conversationId: 'c1', seq: 9 }));
    expect(useThreadStore.getState().byConversation.c1?.messages.map((m) => m.id)).toEqual(['m9']);
  });

  it('connection.changed updates the status, and coming back online reloads the inbox', async () => {
    start();
    await settle();
    fake.emit('connection.changed', offline);
    expect(useConnectionStore.getState().connection?.status).toBe('offline');
    const before = fake.callsOf('conversations.list').length;
    fake.emit('connection.changed', online);
    await settle();
    expect(fake.callsOf('conversations.list').length).toBe(before + 1);
  });

  it('session.changed to signed out clears the workspace', async () => {
    start();
    await settle();
    useDraftsStore.getState().setText('c1', 'half a reply');
    fake.emit('session.changed', signedOut);
    expect(useInboxStore.getState().conversations).toEqual([]);
    expect(useDraftsStore.getState().byConversation).toEqual({});
  });
});

describe('selecting a conversation', () => {
  it('loads its messages, and again when the selection changes', async () => {
    start();
    await settle();
    controller.selectConversation('c1');
    await settle();
    expect(useInboxStore.getState().selectedId).toBe('c1');
    expect(useThreadStore.getState().byConversation.c1?.messages.map((m) => m.id)).toEqual(['c1-m1']);
    controller.selectConversation('c2');
    await settle();
    expect(fake.callsOf('messages.list')).toEqual([{ conversationId: 'c1' }, { conversationId: 'c2' }]);
  });

  it('shows a load failure on the thread', async () => {
    start();
    await settle();
    fake.failWith('messages.list', 'forbidden');
    controller.selectConversation('c1');
    await settle();
    expect(useThreadStore.getState().byConversation.c1).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
  });
});

describe('sending a reply', () => {
  it('shows the reply in the thread and empties the composer', async () => {
    start();
    await settle();
    controller.selectConversation('c1');
    await settle();
    fake.answer('outbox.send', ({ conversationId, body }) =>
      message({ id: 'local-1', conversationId, clientId: 'cid-1', seq: 0, senderType: 'agent', body, delivery: 'sending' }),
    );
    useDraftsStore.getState().setText('c1', '  Hello there  ');
    await controller.send('c1', '  Hello there  ');
    expect(fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: 'Hello there' }]);
    const messages = useThreadStore.getState().byConversation.c1?.messages ?? [];
    expect(messages.map((m) => [m.body, m.delivery])).toEqual([
      ['body of c1-m1', 'sent'],
      ['Hello there', 'sending'],
    ]);
    expect(useDraftsStore.getState().byConversation.c1).toMatchObject({ text: '', sending: false, error: null });

    // The server's ack replaces the optimistic copy.
    fake.emit('message.updated', message({ id: 'srv-7', conversationId: 'c1', clientId: 'cid-1', seq: 7, senderType: 'agent', body: 'Hello there' }));
    expect(useThreadStore.getState().byConversation.c1?.messages.map((m) => m.id)).toEqual(['c1-m1', 'srv-7']);
  });

  it('keeps the text and shows the reason when the send fails', async () => {
    start();
    await settle();
    fake.failWith('outbox.send', 'not_signed_in');
    useDraftsStore.getState().setText('c1', 'Do not lose me');
    await controller.send('c1', 'Do not lose me');
    expect(useDraftsStore.getState().byConversation.c1).toMatchObject({
      text: 'Do not lose me',
      sending: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('keeps words typed while the reply was on its way', async () => {
    start();
    await settle();
    let release: () => void = () => {};
    fake.answer(
      'outbox.send',
      ({ conversationId, body }) =>
        new Promise((resolve) => {
          release = () => resolve(message({ id: 'x', conversationId, body, senderType: 'agent', delivery: 'sending', seq: 0 }));
        }),
    );
    useDraftsStore.getState().setText('c1', 'first');
    const sending = controller.send('c1', 'first');
    await settle();
    useDraftsStore.getState().setText('c1', 'first and more');
    release();
    await sending;
    expect(useDraftsStore.getState().byConversation.c1?.text).toBe('first and more');
  });

  it('sends nothing for an empty reply', async () => {
    start();
    await settle();
    await controller.send('c1', '   \n ');
    expect(fake.callsOf('outbox.send')).toEqual([]);
  });
});

describe('signing in and out', () => {
  it('a successful login loads the inbox; a failed one throws the coded error', async () => {
    start(signedOut);
    await settle();
    fake.failWith('session.login', 'invalid_credentials', 'bad password');
    await expect(
      controller.login({ serverUrl: 'http://127.0.0.1:7340', email: user.email, password: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(fake.callsOf('conversations.list')).toHaveLength(0);

    fake.answer('session.login', () => signedIn);
    await controller.login({ serverUrl: 'http://127.0.0.1:7340', email: user.email, password: 'right' });
    await settle();
    expect(useSessionStore.getState().session?.signedIn).toBe(true);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('logout returns to the signed-out state', async () => {
    start();
    await settle();
    fake.answer('session.logout', () => signedOut);
    await controller.logout();
    expect(useSessionStore.getState().session?.signedIn).toBe(false);
    expect(useInboxStore.getState().conversations).toEqual([]);
  });
});
