import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, Draft, SessionState } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useInboxStore } from '../stores/inbox-store';
import { usePresenceStore } from '../stores/presence-store';
import { useSessionStore } from '../stores/session-store';
import { useTeamStore } from '../stores/team-store';
import { useThreadStore } from '../stores/thread-store';
import { FakeBridge, settle } from '../testing/fake-bridge';
import { agentState, clientId, conversation, draft, message, skillGroup, teamMember } from '../testing/fixtures';
import { ManualTimers } from '../testing/manual-timers';
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
let timers: ManualTimers;
/** The client core's saved drafts, as the fake answers drafts.get and drafts.save. */
let savedDrafts: Map<string, Draft>;

function start(session: SessionState = signedIn) {
  fake
    .answer('session.get', () => session)
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [conversation({ id: 'c1', seq: 1 })])
    .answer('presence.get', () => null)
    .answer('messages.list', ({ conversationId }) => [message({ id: `${conversationId}-m1`, conversationId, seq: 1 })])
    .answer('drafts.get', ({ conversationId }) => savedDrafts.get(conversationId) ?? null)
    .answer('drafts.save', ({ conversationId, body }) => {
      if (body === '') {
        savedDrafts.delete(conversationId);
        return null;
      }
      const saved = draft({ conversationId, body, reason: savedDrafts.get(conversationId)?.reason ?? null });
      savedDrafts.set(conversationId, saved);
      return saved;
    });
  stop = controller.start();
}

beforeEach(() => {
  useSessionStore.setState({ phase: 'loading', session: null, error: null });
  useConnectionStore.setState({ connection: null });
  useInboxStore.getState().reset();
  useThreadStore.getState().reset();
  useDraftsStore.getState().reset();
  usePresenceStore.getState().reset();
  useTeamStore.getState().reset();
  fake = new FakeBridge();
  reports = [];
  timers = new ManualTimers();
  savedDrafts = new Map();
  controller = createWorkstationController(fake.bridge, (m) => reports.push(m), { timers });
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

const composerOf = (id: string) => useDraftsStore.getState().byConversation[id];
const threadIds = (id: string) => useThreadStore.getState().byConversation[id]?.messages.map((m) => m.id);

/** Makes outbox.send answer like the core: persisted at once, queued while offline. */
function answerSendQueued() {
  let n = 0;
  fake.answer('outbox.send', ({ conversationId, body }) => {
    n += 1;
    savedDrafts.delete(conversationId); // the core deletes the draft with the send
    return message({
      id: `local-${n}`,
      conversationId,
      clientId: clientId(n),
      seq: 0,
      senderType: 'agent',
      body,
      delivery: 'queued',
    });
  });
}

async function openC1() {
  start();
  await settle();
  controller.selectConversation('c1');
  await settle();
}

describe('starting offline', () => {
  it('renders the whole workstation from the local cache while the connection is offline', async () => {
    fake
      .answer('session.get', () => signedIn)
      .answer('connection.get', () => offline)
      .answer('conversations.list', () => [conversation({ id: 'c1' }), conversation({ id: 'c2', access: 'lost' })])
      .answer('messages.list', ({ conversationId }) => [message({ id: 'm1', conversationId })])
      .answer('drafts.get', ({ conversationId }) => draft({ conversationId, body: 'typed yesterday' }));
    stop = controller.start();
    await settle();
    expect(useSessionStore.getState()).toMatchObject({ phase: 'ready', session: { signedIn: true } });
    expect(useConnectionStore.getState().connection?.status).toBe('offline');
    expect(useInboxStore.getState()).toMatchObject({ status: 'ready' });
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    controller.selectConversation('c1');
    await settle();
    expect(threadIds('c1')).toEqual(['m1']);
    expect(composerOf('c1')?.text).toBe('typed yesterday');
  });

  it('a reply written offline is queued at once and leaves the composer empty', async () => {
    await openC1();
    fake.emit('connection.changed', offline);
    answerSendQueued();
    controller.changeDraft('c1', 'Sorry for the wait');
    await controller.send('c1', 'Sorry for the wait');
    expect(useThreadStore.getState().byConversation.c1?.messages.map((m) => m.delivery)).toEqual(['sent', 'queued']);
    expect(composerOf('c1')?.text).toBe('');
  });
});

describe('the composer\'s draft', () => {
  it('loads the saved draft when a conversation is selected', async () => {
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'half a reply' }));
    await openC1();
    expect(fake.callsOf('drafts.get')).toEqual([{ conversationId: 'c1' }]);
    expect(composerOf('c1')).toMatchObject({ text: 'half a reply', loaded: true, reason: null });
  });

  it('saves 400 ms after the agent stops typing', async () => {
    await openC1();
    controller.changeDraft('c1', 'Hel');
    timers.advance(200);
    controller.changeDraft('c1', 'Hello');
    timers.advance(399);
    await settle();
    expect(fake.callsOf('drafts.save')).toEqual([]);
    timers.advance(1);
    await settle();
    expect(fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'Hello' }]);
  });

  it('saves at once when the agent switches to another conversation', async () => {
    await openC1();
    controller.changeDraft('c1', 'do not lose me');
    controller.selectConversation('c2');
    await settle();
    expect(fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'do not lose me' }]);
    expect(timers.pending).toBe(0);
  });

  it('flushAllDrafts saves everything still waiting for its debounce (page unload)', async () => {
    await openC1();
    controller.changeDraft('c1', 'one');
    controller.changeDraft('c2', 'two');
    await controller.flushAllDrafts();
    expect(savedDrafts.get('c1')?.body).toBe('one');
    expect(savedDrafts.get('c2')?.body).toBe('two');
  });

  it('typing before the saved draft arrives is kept with it', async () => {
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'saved earlier' }));
    start();
    await settle();
    let release: () => void = () => {};
    fake.answer(
      'drafts.get',
      ({ conversationId }) =>
        new Promise<Draft | null>((resolve) => {
          release = () => resolve(savedDrafts.get(conversationId) ?? null);
        }),
    );
    controller.selectConversation('c1');
    controller.changeDraft('c1', 'quick');
    release();
    await settle();
    expect(composerOf('c1')?.text).toBe('saved earlier\n\nquick');
    expect(savedDrafts.get('c1')?.body).toBe('saved earlier\n\nquick');
  });
});

describe('sending with the outbox', () => {
  it('clears the composer once the core took the reply, and does not save the sent text again', async () => {
    await openC1();
    answerSendQueued();
    controller.changeDraft('c1', 'On its way');
    await controller.send('c1', 'On its way');
    expect(composerOf('c1')).toMatchObject({ text: '', error: null, sending: false });
    timers.advance(1000);
    await settle();
    expect(savedDrafts.has('c1')).toBe(false);

    // The core delivers it later; the queued bubble becomes the stored message.
    fake.emit(
      'message.updated',
      message({ id: 'srv-8', conversationId: 'c1', clientId: clientId(1), seq: 8, senderType: 'agent', body: 'On its way' }),
    );
    expect(threadIds('c1')).toEqual(['c1-m1', 'srv-8']);
  });

  it('keeps the text and shows the reason when the core refuses the reply', async () => {
    await openC1();
    fake.failWith('outbox.send', 'bad_request', 'message is too long');
    controller.changeDraft('c1', 'Too long, says the core');
    await controller.send('c1', 'Too long, says the core');
    expect(composerOf('c1')).toMatchObject({ text: 'Too long, says the core', error: { code: 'bad_request' } });
    expect(savedDrafts.get('c1')?.body).toBe('Too long, says the core');
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('does not send to a conversation that is no longer the agent\'s or is resolved', async () => {
    await openC1();
    answerSendQueued();
    fake.emit('conversation.updated', conversation({ id: 'c1', seq: 2, access: 'lost', assigneeName: '王芳' }));
    controller.changeDraft('c1', 'kept');
    await controller.send('c1', 'kept');
    expect(fake.callsOf('outbox.send')).toEqual([]);
    expect(composerOf('c1')).toMatchObject({
      text: 'kept',
      error: { code: 'reassigned', details: { assigneeName: '王芳' } },
    });
    fake.emit('conversation.updated', conversation({ id: 'c1', seq: 3, status: 'resolved' }));
    await controller.send('c1', 'kept');
    expect(fake.callsOf('outbox.send')).toEqual([]);
    expect(composerOf('c1')?.error?.code).toBe('resolved');
  });
});

describe('draft.updated', () => {
  const reason = { code: 'reassigned' as const, message: 'reassigned', details: { assigneeName: '王芳' } };

  it('fills the composer with the returned reply and keeps the reason for the notice', async () => {
    await openC1();
    fake.emit('draft.updated', { conversationId: 'c1', draft: draft({ conversationId: 'c1', body: 'Your refund is on its way', reason }) });
    expect(composerOf('c1')).toMatchObject({ text: 'Your refund is on its way', reason });
  });

  it('keeps typing the core had not saved yet, and saves the result', async () => {
    await openC1();
    controller.changeDraft('c1', 'Hello');
    await controller.flushDraft('c1');
    controller.changeDraft('c1', 'Hello again'); // not saved yet
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'Hello\n\nreturned reply', reason }));
    fake.emit('draft.updated', { conversationId: 'c1', draft: savedDrafts.get('c1') ?? null });
    await settle();
    expect(composerOf('c1')).toMatchObject({ text: 'Hello again\n\nreturned reply', reason });
    expect(savedDrafts.get('c1')?.body).toBe('Hello again\n\nreturned reply');
  });

  it('a draft deleted by the core empties a composer whose text was saved', async () => {
    await openC1();
    controller.changeDraft('c1', 'sent elsewhere');
    await controller.flushDraft('c1');
    fake.emit('draft.updated', { conversationId: 'c1', draft: null });
    expect(composerOf('c1')).toMatchObject({ text: '', reason: null });
  });
});

describe('unsent replies in the thread', () => {
  const failed = () =>
    message({
      id: 'local-1',
      conversationId: 'c1',
      clientId: clientId(1),
      seq: 0,
      senderType: 'agent',
      body: 'Refund approved',
      delivery: 'failed',
      error: { code: 'reassigned', message: 'x' },
    });

  it('edit moves the text back into the composer and the bubble disappears', async () => {
    await openC1();
    fake.emit('message.updated', failed());
    controller.changeDraft('c1', 'Hi');
    fake.answer('outbox.edit', () => {
      const merged = draft({ conversationId: 'c1', body: `${savedDrafts.get('c1')?.body ?? ''}\n\nRefund approved` });
      savedDrafts.set('c1', merged);
      return merged;
    });
    await controller.edit({ conversationId: 'c1', clientId: clientId(1) });
    expect(fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'Hi' }]);
    expect(composerOf('c1')?.text).toBe('Hi\n\nRefund approved');
    expect(threadIds('c1')).toEqual(['c1-m1']);
    // The core's own message.removed for it changes nothing more.
    fake.emit('message.removed', { conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('discard drops the bubble; retry shows it sending again', async () => {
    await openC1();
    fake.emit('message.updated', failed());
    fake.answer('outbox.retry', () => ({ ...failed(), delivery: 'sending', error: null }));
    await controller.retry({ conversationId: 'c1', clientId: clientId(1) });
    expect(useThreadStore.getState().byConversation.c1?.messages.at(-1)?.delivery).toBe('sending');
    fake.answer('outbox.discard', () => ({ discarded: true }));
    await controller.discard({ conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('a refused action throws the coded error for the message to show', async () => {
    await openC1();
    fake.emit('message.updated', failed());
    fake.failWith('outbox.retry', 'reassigned', 'x', { assigneeName: '王芳' });
    await expect(controller.retry({ conversationId: 'c1', clientId: clientId(1) })).rejects.toMatchObject({
      code: 'reassigned',
      details: { assigneeName: '王芳' },
    });
  });

  it('message.removed drops the pending bubble', async () => {
    await openC1();
    fake.emit('message.updated', failed());
    fake.emit('message.removed', { conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });
});

describe('the inbox', () => {
  it('conversation.removed drops the item and clears the selection', async () => {
    await openC1();
    fake.emit('conversation.removed', { conversationId: 'c1' });
    expect(useInboxStore.getState()).toMatchObject({ conversations: [], selectedId: null });
  });

  it('a conversation taken by another agent stays, marked lost, at the bottom', async () => {
    await openC1();
    fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, lastMessageAt: '2024-12-01T00:00:00.000Z' }));
    fake.emit('conversation.updated', conversation({ id: 'c1', seq: 3, access: 'lost' }));
    expect(useInboxStore.getState().conversations.map((c) => [c.id, c.access])).toEqual([
      ['c2', 'full'],
      ['c1', 'lost'],
    ]);
  });

  it('inbox.reloaded reads the list again', async () => {
    await openC1();
    const before = fake.callsOf('conversations.list').length;
    fake.emit('inbox.reloaded', {});
    await settle();
    expect(fake.callsOf('conversations.list')).toHaveLength(before + 1);
  });

  it('resolve stores the resolved conversation; a refusal throws for the header to show', async () => {
    await openC1();
    fake.answer('conversations.resolve', ({ conversationId }) => conversation({ id: conversationId, seq: 5, status: 'resolved' }));
    await controller.resolve('c1');
    expect(useInboxStore.getState().byId.c1?.status).toBe('resolved');
    fake.failWith('conversations.resolve', 'forbidden');
    await expect(controller.resolve('c1')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('presence', () => {
  /** Answers presence.set like the core: the server's new state, also pushed as presence.changed. */
  function answerPresenceSet(base = agentState()) {
    fake.answer('presence.set', ({ presence }) => {
      const state = { ...base, presence };
      fake.emit('presence.changed', state);
      return state;
    });
  }
  const presenceCalls = () => fake.callsOf('presence.set').map((a) => (a as { presence: string }).presence);

  it('reads the agent\'s presence and load when signed in', async () => {
    start();
    fake.answer('presence.get', () => agentState({ presence: 'busy', load: 3, maxChats: 5 }));
    await settle();
    expect(usePresenceStore.getState().agent).toMatchObject({ presence: 'busy', load: 3, maxChats: 5 });
  });

  it('presence.changed updates the presence and load', async () => {
    start();
    await settle();
    fake.emit('presence.changed', agentState({ presence: 'online', load: 2 }));
    expect(usePresenceStore.getState().agent).toMatchObject({ presence: 'online', load: 2 });
    fake.emit('presence.changed', agentState({ presence: 'online', load: 4 }));
    expect(usePresenceStore.getState().agent?.load).toBe(4);
  });

  it('ignores a presence.changed for someone else, and a malformed one', async () => {
    start();
    await settle();
    fake.emit('presence.changed', agentState({ userId: 'u9', presence: 'busy' }));
    fake.emit('presence.changed', { userId: 'u1', presence: 'sleeping' } as never);
    expect(usePresenceStore.getState().agent).toBeNull();
  });

  it('setting the presence calls presence.set and shows the answer', async () => {
    start();
    await settle();
    fake.emit('presence.changed', agentState({ presence: 'online' }));
    answerPresenceSet();
    await controller.setPresence('busy');
    expect(fake.callsOf('presence.set')).toEqual([{ presence: 'busy' }]);
    expect(usePresenceStore.getState().agent?.presence).toBe('busy');
  });

  it('a presence change that needs the connection fails with the offline code', async () => {
    start();
    await settle();
    fake.emit('presence.changed', agentState({ presence: 'online' }));
    fake.failWith('presence.set', 'offline');
    await expect(controller.setPresence('away')).rejects.toMatchObject({ code: 'offline' });
    expect(usePresenceStore.getState().agent?.presence).toBe('online');
  });

  it('auto-away: idle while online sets away, and the next activity comes back online', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    timers.advance(59_000);
    await settle();
    expect(presenceCalls()).toEqual([]);
    timers.advance(1_000);
    await settle();
    expect(presenceCalls()).toEqual(['away']);
    expect(usePresenceStore.getState()).toMatchObject({ agent: { presence: 'away' }, autoAway: true });

    controller.noteActivity();
    await settle();
    expect(presenceCalls()).toEqual(['away', 'online']);
    expect(usePresenceStore.getState()).toMatchObject({ agent: { presence: 'online' }, autoAway: false });
  });

  it('activity keeps an agent online', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    for (let i = 0; i < 5; i++) {
      timers.advance(50_000);
      controller.noteActivity();
    }
    await settle();
    expect(presenceCalls()).toEqual([]);
  });

  it('auto-away never changes busy or offline', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'busy', autoAwaySeconds: 60 }));
    timers.advance(120_000);
    controller.noteActivity();
    fake.emit('presence.changed', agentState({ presence: 'offline', autoAwaySeconds: 60 }));
    timers.advance(120_000);
    controller.noteActivity();
    await settle();
    expect(presenceCalls()).toEqual([]);
  });

  it('auto-away never undoes an away the agent chose', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    await controller.setPresence('away');
    timers.advance(120_000);
    controller.noteActivity();
    await settle();
    expect(presenceCalls()).toEqual(['away']);
    expect(usePresenceStore.getState()).toMatchObject({ agent: { presence: 'away' }, autoAway: false });
  });

  it('choosing a presence by hand while auto-away ends it', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    timers.advance(60_000);
    await settle();
    expect(usePresenceStore.getState().autoAway).toBe(true);
    await controller.setPresence('busy');
    controller.noteActivity();
    await settle();
    expect(presenceCalls()).toEqual(['away', 'busy']);
    expect(usePresenceStore.getState()).toMatchObject({ agent: { presence: 'busy' }, autoAway: false });
  });

  it('coming back while offline is tried again on the next activity once the connection is back', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    timers.advance(60_000);
    await settle();
    fake.failWith('presence.set', 'offline');
    controller.noteActivity();
    await settle();
    expect(usePresenceStore.getState().autoAway).toBe(true);
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    controller.noteActivity();
    await settle();
    expect(presenceCalls()).toEqual(['away', 'online', 'online']);
    expect(usePresenceStore.getState()).toMatchObject({ agent: { presence: 'online' }, autoAway: false });
  });

  it('signing out forgets the presence and stops auto-away', async () => {
    start();
    await settle();
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
    fake.emit('session.changed', signedOut);
    expect(usePresenceStore.getState().agent).toBeNull();
    timers.advance(120_000);
    await settle();
    expect(presenceCalls()).toEqual([]);
  });
});

describe('chats offered to the agent', () => {
  const offered = conversation({
    id: 'c7',
    seq: 5,
    routingState: 'offered',
    offeredToId: user.id,
    offerExpiresAt: '2025-01-01T10:00:30.000Z',
    waitingSince: '2025-01-01T09:59:00.000Z',
  });

  it('an offer to me goes to the top of the inbox', async () => {
    start();
    await settle();
    fake.emit('conversation.updated', offered);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c7', 'c1']);
  });

  it('accept calls the bridge, updates the inbox and opens the chat', async () => {
    start();
    await settle();
    fake.emit('conversation.updated', offered);
    fake.answer('conversations.accept', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 6, routingState: 'assigned', assigneeId: user.id, assigneeName: user.name }),
    );
    await controller.accept('c7');
    await settle();
    expect(fake.callsOf('conversations.accept')).toEqual([{ conversationId: 'c7' }]);
    expect(useInboxStore.getState().byId.c7).toMatchObject({ routingState: 'assigned', assigneeId: user.id });
    expect(useInboxStore.getState().selectedId).toBe('c7');
    expect(fake.callsOf('messages.list')).toContainEqual({ conversationId: 'c7' });
  });

  it('decline calls the bridge and updates the inbox', async () => {
    start();
    await settle();
    fake.emit('conversation.updated', offered);
    fake.answer('conversations.decline', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 6, routingState: 'offered', offeredToId: 'u2' }),
    );
    await controller.decline('c7');
    expect(fake.callsOf('conversations.decline')).toEqual([{ conversationId: 'c7' }]);
    expect(useInboxStore.getState().byId.c7).toMatchObject({ offeredToId: 'u2' });
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c7']);
    expect(useInboxStore.getState().selectedId).toBeNull();
  });

  it('a failed accept throws the coded error and leaves the offer as it was', async () => {
    start();
    await settle();
    fake.emit('conversation.updated', offered);
    fake.failWith('conversations.accept', 'conflict');
    await expect(controller.accept('c7')).rejects.toMatchObject({ code: 'conflict' });
    expect(useInboxStore.getState().byId.c7).toEqual(offered);
    expect(useInboxStore.getState().selectedId).toBeNull();
  });
});

describe('transfer', () => {
  it('sends the chosen colleague and the trimmed note, and updates the inbox', async () => {
    start();
    await settle();
    fake.answer('conversations.transfer', ({ conversationId, to }) =>
      conversation({
        id: conversationId,
        seq: 8,
        routingState: 'offered',
        offeredToId: to.kind === 'agent' ? to.userId : null,
      }),
    );
    await controller.transfer('c1', { kind: 'agent', userId: 'u2' }, '  wants a refund  ');
    expect(fake.callsOf('conversations.transfer')).toEqual([
      { conversationId: 'c1', to: { kind: 'agent', userId: 'u2' }, note: 'wants a refund' },
    ]);
    expect(useInboxStore.getState().byId.c1).toMatchObject({ seq: 8, offeredToId: 'u2' });
  });

  it('sends a group as the target', async () => {
    start();
    await settle();
    fake.answer('conversations.transfer', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 9, routingState: 'queued', groupId: 'after', groupName: 'After-sales' }),
    );
    await controller.transfer('c1', { kind: 'group', groupId: 'after' }, '');
    expect(fake.callsOf('conversations.transfer')).toEqual([
      { conversationId: 'c1', to: { kind: 'group', groupId: 'after' }, note: '' },
    ]);
    expect(useInboxStore.getState().byId.c1?.groupName).toBe('After-sales');
  });

  it('a refused transfer throws the coded error for the dialog', async () => {
    start();
    await settle();
    fake.failWith('conversations.transfer', 'offline');
    await expect(controller.transfer('c1', { kind: 'group', groupId: 'g' }, 'x')).rejects.toMatchObject({ code: 'offline' });
  });

  it('loads colleagues and groups into the team store, or the reason it could not', async () => {
    start();
    await settle();
    fake.answer('team.list', () => ({ agents: [teamMember({ id: 'u2' })], groups: [skillGroup({ id: 'g1' })] }));
    await controller.loadTeam();
    expect(useTeamStore.getState()).toMatchObject({ status: 'ready', agents: [{ id: 'u2' }], groups: [{ id: 'g1' }] });
    fake.failWith('team.list', 'offline');
    await controller.loadTeam();
    expect(useTeamStore.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });
  });
});
