import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SessionState } from '../../../shared/contract';
import type { User } from '../../../shared/domain';
import { useNoticeStore } from '../features/notices/notice-store';
import { describeNotice } from '../features/notices/notice-text';
import { translator } from '../i18n/translate';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useInboxStore } from '../stores/inbox-store';
import { useJoinedStore } from '../stores/joined-store';
import { useNotesStore } from '../stores/notes-store';
import { usePresenceStore } from '../stores/presence-store';
import { useSensitiveWordsStore } from '../stores/sensitive-words-store';
import { useSessionStore } from '../stores/session-store';
import { useTeamStore } from '../stores/team-store';
import { useThreadStore } from '../stores/thread-store';
import { FakeBridge, settle } from '../testing/fake-bridge';
import { conversation, message } from '../testing/fixtures';
import { ManualTimers } from '../testing/manual-timers';
import { createWorkstationController, type WorkstationController } from './workstation-controller';
import { answerQuietWorkstation } from '../testing/workstation-answers';

const en = translator('en');
const agent: User = { id: 'wang', accountId: 'acc', email: 'wang.fang@example.com', name: '王芳', role: 'agent' };
const supervisor: User = { id: 'sup', accountId: 'acc', email: 'supervisor@example.com', name: '陈琳', role: 'supervisor' };
const session = (user: User): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const offline: ConnectionState = { status: 'offline', since: '2025-01-01T10:05:00.000Z', error: null, nextRetryAt: null };

let fake: FakeBridge;
let controller: WorkstationController;
let stop: () => void;
let reports: string[];
let timers: ManualTimers;

async function start(user: User) {
  answerQuietWorkstation(fake)
    .answer('session.get', () => session(user))
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [
      conversation({ id: 'c1', contactName: 'Zhang Wei', assigneeId: 'wang', assigneeName: '王芳' }),
      conversation({ id: 'c2', contactName: 'Li Na', assigneeId: 'wang', assigneeName: '王芳' }),
    ]);
  stop = controller.start();
  await settle();
}

/** What this user told colleagues, as "conversation:state[:preview]". */
const told = () =>
  fake.callsOf('activity.set').map((a) => {
    const { conversationId, state, preview } = a as { conversationId: string; state: string; preview?: string };
    return [conversationId, state, preview].filter((x) => x !== undefined).join(':');
  });

beforeEach(() => {
  useSessionStore.setState({ phase: 'loading', session: null, error: null });
  useConnectionStore.setState({ connection: null });
  for (const store of [useInboxStore, useThreadStore, useDraftsStore, usePresenceStore, useTeamStore, useNotesStore, useJoinedStore, useNoticeStore, useSensitiveWordsStore]) {
    store.getState().reset();
  }
  fake = new FakeBridge();
  reports = [];
  timers = new ManualTimers();
  controller = createWorkstationController(fake.bridge, (m) => reports.push(m), { timers });
});

afterEach(() => stop?.());

describe('internal notes', () => {
  it('adds the note to the thread with its mentions and empties the note box', async () => {
    await start(agent);
    fake.answer('notes.add', ({ conversationId, body }) =>
      message({ id: 'n1', conversationId, seq: 5, senderType: 'agent', senderId: 'wang', body, internal: true }),
    );
    controller.changeNote('c1', '@李雷 please check the refund');
    await controller.addNote('c1', '@李雷 please check the refund', ['li']);
    expect(fake.callsOf('notes.add')).toEqual([{ conversationId: 'c1', body: '@李雷 please check the refund', mentions: ['li'] }]);
    expect(useThreadStore.getState().byConversation.c1?.messages.map((m) => [m.body, m.internal])).toEqual([
      ['@李雷 please check the refund', true],
    ]);
    expect(useNotesStore.getState().byConversation.c1?.text).toBe('');
  });

  it('sends no mentions field when nobody is mentioned', async () => {
    await start(agent);
    fake.answer('notes.add', ({ conversationId, body }) => message({ id: 'n1', conversationId, body, internal: true }));
    await controller.addNote('c1', 'private reminder', []);
    expect(fake.callsOf('notes.add')).toEqual([{ conversationId: 'c1', body: 'private reminder' }]);
  });

  it('keeps the text and shows the reason when the note is refused', async () => {
    await start(agent);
    fake.failWith('notes.add', 'offline', 'no connection');
    controller.changeNote('c1', 'call the customer back');
    await controller.addNote('c1', 'call the customer back', []);
    const note = useNotesStore.getState().byConversation.c1;
    expect(note).toMatchObject({ text: 'call the customer back', sending: false, error: { code: 'offline' } });
    controller.changeNote('c1', 'call the customer back today');
    expect(useNotesStore.getState().byConversation.c1?.error).toBeNull();
  });
});

describe('joining and taking over', () => {
  it('joining marks the conversation joined and brings the reply box back', async () => {
    await start(supervisor);
    useNotesStore.getState().setMode('c1', 'note');
    fake.answer('conversations.join', ({ conversationId }) => conversation({ id: conversationId, seq: 9, assigneeId: 'wang' }));
    await controller.join('c1');
    expect(useJoinedStore.getState().ids).toEqual({ c1: true });
    expect(useNotesStore.getState().modes.c1).toBe('reply');
  });

  it('a refused join throws the coded error for the watch bar and marks nothing', async () => {
    await start(supervisor);
    fake.failWith('conversations.join', 'resolved', 'resolved');
    await expect(controller.join('c1')).rejects.toMatchObject({ code: 'resolved' });
    expect(useJoinedStore.getState().ids).toEqual({});
  });

  it('takeover asks for the target and reason and shows the new assignee at once', async () => {
    await start(supervisor);
    fake.answer('conversations.takeover', ({ conversationId, toUserId }) =>
      conversation({ id: conversationId, seq: 9, assigneeId: toUserId ?? 'sup', assigneeName: toUserId ? '李雷' : '陈琳' }),
    );
    await controller.takeover('c1', { toUserId: 'li', reason: 'after-sales question' });
    expect(fake.callsOf('conversations.takeover')).toEqual([{ conversationId: 'c1', toUserId: 'li', reason: 'after-sales question' }]);
    expect(useInboxStore.getState().byId.c1?.assigneeName).toBe('李雷');
  });
});

describe('telling colleagues what this user is doing', () => {
  it('viewing the open conversation, idle for the one left, and who is already there is read', async () => {
    await start(agent);
    controller.selectConversation('c1');
    controller.selectConversation('c2');
    await settle();
    expect(told()).toEqual(['c1:viewing', 'c1:idle', 'c2:viewing']);
    expect(fake.callsOf('activity.list')).toEqual([{ conversationId: 'c1' }, { conversationId: 'c2' }]);
  });

  it('typing in the composer with the text, throttled, then viewing after a pause and after sending', async () => {
    await start(agent);
    fake.answer('outbox.send', ({ conversationId, body }) =>
      message({ id: 'r1', conversationId, senderType: 'agent', body, delivery: 'sending', clientId: 'cid-1' }),
    );
    controller.selectConversation('c1');
    controller.changeDraft('c1', 'Your');
    controller.changeDraft('c1', 'Your refund');
    timers.advance(300);
    expect(told()).toEqual(['c1:viewing', 'c1:typing:Your', 'c1:typing:Your refund']);
    await controller.send('c1', 'Your refund');
    expect(told().at(-1)).toBe('c1:viewing');
  });

  it('writing an internal note counts as typing too', async () => {
    await start(supervisor);
    controller.selectConversation('c1');
    controller.changeNote('c1', '@王芳 offer the coupon');
    expect(told().at(-1)).toBe('c1:typing:@王芳 offer the coupon');
  });

  it('a hidden window says idle, and nothing is sent while offline; coming back says it again', async () => {
    await start(agent);
    controller.selectConversation('c1');
    controller.setWindowVisible(false);
    expect(told()).toEqual(['c1:viewing', 'c1:idle']);
    fake.emit('connection.changed', offline);
    controller.setWindowVisible(true);
    controller.changeDraft('c1', 'typed offline');
    expect(told()).toEqual(['c1:viewing', 'c1:idle']);
    fake.emit('connection.changed', online);
    expect(told().at(-1)).toBe('c1:typing:typed offline');
  });

  it('says nothing more about a conversation taken away from the user', async () => {
    await start(agent);
    controller.selectConversation('c1');
    fake.emit('conversation.updated', conversation({ id: 'c1', seq: 7, access: 'lost', assigneeId: 'sup', assigneeName: '陈琳' }));
    controller.changeDraft('c1', 'still typing');
    timers.advance(6000);
    expect(told()).toEqual(['c1:viewing']);
  });

  it('a failing activity call is reported once, not on every keystroke', async () => {
    await start(agent);
    fake.failWith('activity.set', 'internal', 'not available');
    controller.selectConversation('c1');
    controller.changeDraft('c1', 'a');
    timers.advance(300);
    controller.changeDraft('c1', 'ab');
    await settle();
    expect(reports.filter((r) => r.startsWith('activity.set failed'))).toHaveLength(1);
  });
});

describe('notices', () => {
  const shown = () => useNoticeStore.getState().notices.map((n) => describeNotice(en, n.data));

  it('a mention shows who mentioned the user and what they wrote', async () => {
    await start(agent);
    fake.emit('note.mentioned', { conversationId: 'c1', messageId: 'n1', byName: '李雷', excerpt: '@王芳 can you check?' });
    expect(shown()).toEqual(['李雷 mentioned you: @王芳 can you check?']);
  });

  it('a takeover names the customer even when the conversation already left the inbox', async () => {
    await start(agent);
    fake.emit('conversation.removed', { conversationId: 'c1' });
    fake.emit('conversation.taken', { conversationId: 'c1', byName: '陈琳', reason: 'VIP escalation' });
    expect(shown()).toEqual(['陈琳 took over the conversation with Zhang Wei: “VIP escalation”.']);
  });

  it('sensitive-word alerts reach supervisors only', async () => {
    const alert = {
      conversationId: 'c1',
      messageId: 'm1',
      contactName: 'Zhang Wei',
      senderType: 'contact' as const,
      senderName: 'Zhang Wei',
      words: ['微信'],
      excerpt: '加我微信',
      at: '2025-01-01T10:00:00.000Z',
    };
    await start(agent);
    fake.emit('sensitive.alert', alert);
    expect(shown()).toEqual([]);
    stop();
    await start(supervisor);
    fake.emit('sensitive.alert', alert);
    expect(shown()).toEqual(['Sensitive words in Zhang Wei’s conversation: 微信']);
  });

  it('signing out clears them', async () => {
    await start(agent);
    fake.emit('note.mentioned', { conversationId: 'c1', messageId: 'n1', byName: '李雷', excerpt: 'hi' });
    fake.emit('session.changed', { signedIn: false, user: null, serverUrl: null, lastEmail: null });
    expect(useNoticeStore.getState().notices).toEqual([]);
  });
});

describe('a reply refused for sensitive words', () => {
  it('stays in the composer with the words named', async () => {
    await start(agent);
    fake.failWith('outbox.send', 'sensitive_blocked', 'blocked', { words: '微信' });
    controller.selectConversation('c1');
    controller.changeDraft('c1', '加我微信');
    await controller.send('c1', '加我微信');
    const draft = useDraftsStore.getState().byConversation.c1;
    expect(draft).toMatchObject({ text: '加我微信', sending: false, error: { code: 'sensitive_blocked', details: { words: '微信' } } });
  });
});
