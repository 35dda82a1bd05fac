import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../shared/contract';
import type { User } from '../../../../shared/domain';
import { conversation, message } from '../../testing/fixtures';
import { answerQuietWorkstation } from '../../testing/workstation-answers';
import { online, sessionOf, WorkstationHarness } from '../../testing/workstation-harness';

const agent: User = { id: 'wang', accountId: 'acc', email: 'wang.fang@example.com', name: '王芳', role: 'agent' };
const supervisor: User = { id: 'sup', accountId: 'acc', email: 'supervisor@example.com', name: '陈琳', role: 'supervisor' };
const offline: ConnectionState = { status: 'offline', since: '2025-01-01T10:05:00.000Z', error: null, nextRetryAt: null };

let h: WorkstationHarness;

async function start(user: User) {
  answerQuietWorkstation(h.fake)
    .answer('session.get', () => sessionOf(user))
    .answer('connection.get', () => online)
    .answer('attention.set', () => ({}))
    .answer('conversations.list', () => [
      conversation({ id: 'c1', contactName: 'Zhang Wei', assigneeId: 'wang', assigneeName: '王芳' }),
      conversation({ id: 'c2', contactName: 'Li Na', assigneeId: 'wang', assigneeName: '王芳' }),
    ]);
  await h.start();
}

/** What this user told colleagues, as "conversation:state[:preview]". */
const told = () =>
  h.fake.callsOf('activity.set').map((a) => {
    const { conversationId, state, preview } = a as { conversationId: string; state: string; preview?: string };
    return [conversationId, state, preview].filter((x) => x !== undefined).join(':');
  });

beforeEach(() => {
  h = new WorkstationHarness();
});

afterEach(() => h.stop());

describe('telling colleagues what this user is doing', () => {
  it('viewing the open conversation, idle for the one left, and who is already there is read', async () => {
    await start(agent);
    h.controller.selectConversation('c1');
    h.controller.selectConversation('c2');
    expect(told()).toEqual(['c1:viewing', 'c1:idle', 'c2:viewing']);
    expect(h.fake.callsOf('activity.list')).toEqual([{ conversationId: 'c1' }, { conversationId: 'c2' }]);
  });

  it('typing in the composer with the text, throttled, then viewing after a pause and after sending', async () => {
    await start(agent);
    h.fake.answer('outbox.send', ({ conversationId, body }) =>
      message({ id: 'r1', conversationId, senderType: 'agent', body, delivery: 'sending', clientId: 'cid-1' }),
    );
    h.controller.selectConversation('c1');
    h.controller.changeDraft('c1', 'Your');
    h.controller.changeDraft('c1', 'Your refund');
    h.timers.advance(300);
    expect(told()).toEqual(['c1:viewing', 'c1:typing:Your', 'c1:typing:Your refund']);
    await h.controller.send('c1', 'Your refund');
    expect(told().at(-1)).toBe('c1:viewing');
  });

  it('writing an internal note counts as typing too', async () => {
    await start(supervisor);
    h.controller.selectConversation('c1');
    h.controller.changeNote('c1', '@王芳 offer the coupon');
    expect(told().at(-1)).toBe('c1:typing:@王芳 offer the coupon');
  });

  it('a hidden window says idle, and nothing is sent while offline; coming back says it again', async () => {
    await start(agent);
    h.controller.selectConversation('c1');
    h.controller.setWindowVisible(false);
    expect(told()).toEqual(['c1:viewing', 'c1:idle']);
    h.fake.emit('connection.changed', offline);
    h.controller.setWindowVisible(true);
    h.controller.changeDraft('c1', 'typed offline');
    expect(told()).toEqual(['c1:viewing', 'c1:idle']);
    h.fake.emit('connection.changed', online);
    expect(told().at(-1)).toBe('c1:typing:typed offline');
  });

  it('says nothing more about a conversation taken away from the user', async () => {
    await start(agent);
    h.controller.selectConversation('c1');
    h.fake.emit('conversation.updated', conversation({ id: 'c1', seq: 7, access: 'lost', assigneeId: 'sup', assigneeName: '陈琳' }));
    h.controller.changeDraft('c1', 'still typing');
    h.timers.advance(6000);
    expect(told()).toEqual(['c1:viewing']);
  });

  it('a failing activity call is reported once, not on every keystroke', async () => {
    await start(agent);
    h.fake.failWith('activity.set', 'internal', 'not available');
    h.controller.selectConversation('c1');
    h.controller.changeDraft('c1', 'a');
    h.timers.advance(300);
    h.controller.changeDraft('c1', 'ab');
    expect(told().length).toBeGreaterThanOrEqual(2);
    // A failing attention.set, asked for after them, is answered after them: once it is reported,
    // every activity.set failure before it has been handled too.
    h.fake.failWith('attention.set', 'internal', 'not available');
    h.controller.setWindowVisible(false);
    await h.reports.until('attention.set failed');
    expect(h.reports.startingWith('activity.set failed')).toHaveLength(1);
  });
});

describe('what the agent has in front of them', () => {
  it('tells the core which conversation is open and whether the window has the focus', async () => {
    await start(agent);
    h.controller.selectConversation('c1');
    h.controller.setWindowVisible(false);
    h.controller.setWindowVisible(false);
    h.controller.setWindowVisible(true);
    expect(h.fake.callsOf('attention.set').slice(-3)).toEqual([
      { conversationId: 'c1', focused: true },
      { conversationId: 'c1', focused: false },
      { conversationId: 'c1', focused: true },
    ]);
  });
});
