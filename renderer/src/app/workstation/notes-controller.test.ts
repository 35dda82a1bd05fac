import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain';
import { conversation, message } from '../../testing/fixtures';
import { answerQuietWorkstation } from '../../testing/workstation-answers';
import { online, sessionOf, WorkstationHarness } from '../../testing/workstation-harness';

const agent: User = { id: 'wang', accountId: 'acc', email: 'wang.fang@example.com', name: '王芳', role: 'agent' };
const supervisor: User = { id: 'sup', accountId: 'acc', email: 'supervisor@example.com', name: '陈琳', role: 'supervisor' };

let h: WorkstationHarness;

async function start(user: User) {
  answerQuietWorkstation(h.fake)
    .answer('session.get', () => sessionOf(user))
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [conversation({ id: 'c1', contactName: 'Zhang Wei', assigneeId: 'wang', assigneeName: '王芳' })]);
  await h.start();
}

beforeEach(() => {
  h = new WorkstationHarness();
});

afterEach(() => h.stop());

const notes = () => h.stores.notes.getState();

describe('internal notes', () => {
  it('adds the note to the thread with its mentions and empties the note box', async () => {
    await start(agent);
    h.fake.answer('notes.add', ({ conversationId, body }) =>
      message({ id: 'n1', conversationId, seq: 5, senderType: 'agent', senderId: 'wang', body, internal: true }),
    );
    h.controller.changeNote('c1', '@李雷 please check the refund');
    await h.controller.addNote('c1', '@李雷 please check the refund', ['li']);
    expect(h.fake.callsOf('notes.add')).toEqual([{ conversationId: 'c1', body: '@李雷 please check the refund', mentions: ['li'] }]);
    expect(h.stores.thread.getState().byConversation.c1?.messages.map((m) => [m.body, m.internal])).toEqual([
      ['@李雷 please check the refund', true],
    ]);
    expect(notes().byConversation.c1?.text).toBe('');
  });

  it('sends no mentions field when nobody is mentioned', async () => {
    await start(agent);
    h.fake.answer('notes.add', ({ conversationId, body }) => message({ id: 'n1', conversationId, body, internal: true }));
    await h.controller.addNote('c1', 'private reminder', []);
    expect(h.fake.callsOf('notes.add')).toEqual([{ conversationId: 'c1', body: 'private reminder' }]);
  });

  it('keeps the text and shows the reason when the note is refused', async () => {
    await start(agent);
    h.fake.failWith('notes.add', 'offline', 'no connection');
    h.controller.changeNote('c1', 'call the customer back');
    await h.controller.addNote('c1', 'call the customer back', []);
    expect(notes().byConversation.c1).toMatchObject({ text: 'call the customer back', sending: false, error: { code: 'offline' } });
    h.controller.changeNote('c1', 'call the customer back today');
    expect(notes().byConversation.c1?.error).toBeNull();
  });
});

describe('joining and taking over', () => {
  it('joining marks the conversation joined and brings the reply box back', async () => {
    await start(supervisor);
    notes().setMode('c1', 'note');
    h.fake.answer('conversations.join', ({ conversationId }) => conversation({ id: conversationId, seq: 9, assigneeId: 'wang' }));
    await h.controller.join('c1');
    expect(h.stores.joined.getState().ids).toEqual({ c1: true });
    expect(notes().modes.c1).toBe('reply');
  });

  it('a refused join throws the coded error for the watch bar and marks nothing', async () => {
    await start(supervisor);
    h.fake.failWith('conversations.join', 'resolved', 'resolved');
    await expect(h.controller.join('c1')).rejects.toMatchObject({ code: 'resolved' });
    expect(h.stores.joined.getState().ids).toEqual({});
  });

  it('takeover asks for the target and reason and shows the new assignee at once', async () => {
    await start(supervisor);
    h.fake.answer('conversations.takeover', ({ conversationId, toUserId }) =>
      conversation({ id: conversationId, seq: 9, assigneeId: toUserId ?? 'sup', assigneeName: toUserId ? '李雷' : '陈琳' }),
    );
    await h.controller.takeover('c1', { toUserId: 'li', reason: 'after-sales question' });
    expect(h.fake.callsOf('conversations.takeover')).toEqual([{ conversationId: 'c1', toUserId: 'li', reason: 'after-sales question' }]);
    expect(h.stores.inbox.getState().byId.c1?.assigneeName).toBe('李雷');
  });
});

describe('a reply refused for sensitive words', () => {
  it('stays in the composer with the words named', async () => {
    await start(agent);
    h.fake.failWith('outbox.send', 'sensitive_blocked', 'blocked', { words: '微信' });
    h.controller.selectConversation('c1');
    h.controller.changeDraft('c1', '加我微信');
    await h.controller.send('c1', '加我微信');
    expect(h.stores.drafts.getState().byConversation.c1).toMatchObject({
      text: '加我微信',
      sending: false,
      error: { code: 'sensitive_blocked', details: { words: '微信' } },
    });
  });
});
