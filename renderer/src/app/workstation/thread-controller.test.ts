import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/contract';
import { clientId, conversation, draft, message } from '../../testing/fixtures';
import { startedWithOneConversation } from '../../testing/workstation-answers';
import { offline, WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;
/** The client core's saved drafts, as the fake answers drafts.get and drafts.save. */
let savedDrafts: Map<string, Draft>;

beforeEach(async () => {
  savedDrafts = new Map();
  h = await startedWithOneConversation(savedDrafts);
  await h.open('c1');
});

afterEach(() => h.stop());

const composerOf = (id: string) => h.stores.drafts.getState().byConversation[id];
const threadIds = (id: string) => h.stores.thread.getState().byConversation[id]?.messages.map((m) => m.id);

/** Makes outbox.send answer like the core: persisted at once, queued while offline. */
function answerSendQueued() {
  let n = 0;
  h.fake.answer('outbox.send', ({ conversationId, body }) => {
    n += 1;
    savedDrafts.delete(conversationId); // the core deletes the draft with the send
    return message({ id: `local-${n}`, conversationId, clientId: clientId(n), seq: 0, senderType: 'agent', body, delivery: 'queued' });
  });
}

describe('messages', () => {
  it('message.updated merges into the thread it belongs to', () => {
    h.fake.emit('message.updated', message({ id: 'm9', conversationId: 'c2', seq: 9 }));
    expect(threadIds('c2')).toEqual(['m9']);
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });
});

describe('sending a reply', () => {
  it('shows the reply in the thread and empties the composer', async () => {
    h.fake.answer('outbox.send', ({ conversationId, body }) =>
      message({ id: 'local-1', conversationId, clientId: 'cid-1', seq: 0, senderType: 'agent', body, delivery: 'sending' }),
    );
    h.stores.drafts.getState().setText('c1', '  Hello there  ');
    await h.controller.send('c1', '  Hello there  ');
    expect(h.fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: 'Hello there' }]);
    const messages = h.stores.thread.getState().byConversation.c1?.messages ?? [];
    expect(messages.map((m) => [m.body, m.delivery])).toEqual([
      ['body of c1-m1', 'sent'],
      ['Hello there', 'sending'],
    ]);
    expect(composerOf('c1')).toMatchObject({ text: '', sending: false, error: null });

    // The server's ack replaces the optimistic copy.
    h.fake.emit('message.updated', message({ id: 'srv-7', conversationId: 'c1', clientId: 'cid-1', seq: 7, senderType: 'agent', body: 'Hello there' }));
    expect(threadIds('c1')).toEqual(['c1-m1', 'srv-7']);
  });

  it('keeps the text and shows the reason when the send fails', async () => {
    h.fake.failWith('outbox.send', 'not_signed_in');
    h.stores.drafts.getState().setText('c1', 'Do not lose me');
    await h.controller.send('c1', 'Do not lose me');
    expect(composerOf('c1')).toMatchObject({ text: 'Do not lose me', sending: false, error: { code: 'not_signed_in' } });
  });

  it('keeps words typed while the reply was on its way', async () => {
    let release: () => void = () => {};
    h.fake.answer(
      'outbox.send',
      ({ conversationId, body }) =>
        new Promise((resolve) => {
          release = () => resolve(message({ id: 'x', conversationId, body, senderType: 'agent', delivery: 'sending', seq: 0 }));
        }),
    );
    h.stores.drafts.getState().setText('c1', 'first');
    const sending = h.controller.send('c1', 'first');
    await h.fake.untilCalled('outbox.send');
    h.stores.drafts.getState().setText('c1', 'first and more');
    release();
    await sending;
    expect(composerOf('c1')?.text).toBe('first and more');
  });

  it('sends nothing for an empty reply', async () => {
    await h.controller.send('c1', '   \n ');
    expect(h.fake.callsOf('outbox.send')).toEqual([]);
  });

  it('a reply written offline is queued at once and leaves the composer empty', async () => {
    h.fake.emit('connection.changed', offline);
    answerSendQueued();
    h.controller.changeDraft('c1', 'Sorry for the wait');
    await h.controller.send('c1', 'Sorry for the wait');
    expect(h.stores.thread.getState().byConversation.c1?.messages.map((m) => m.delivery)).toEqual(['sent', 'queued']);
    expect(composerOf('c1')?.text).toBe('');
  });
});

describe('sending with the outbox', () => {
  it('clears the composer once the core took the reply, and does not save the sent text again', async () => {
    answerSendQueued();
    h.controller.changeDraft('c1', 'On its way');
    await h.controller.send('c1', 'On its way');
    expect(composerOf('c1')).toMatchObject({ text: '', error: null, sending: false });
    // A save still due would be asked for now, when its timer fires.
    h.timers.advance(1000);
    expect(savedDrafts.has('c1')).toBe(false);

    // The core delivers it later; the queued bubble becomes the stored message.
    h.fake.emit(
      'message.updated',
      message({ id: 'srv-8', conversationId: 'c1', clientId: clientId(1), seq: 8, senderType: 'agent', body: 'On its way' }),
    );
    expect(threadIds('c1')).toEqual(['c1-m1', 'srv-8']);
  });

  it('keeps the text and shows the reason when the core refuses the reply', async () => {
    h.fake.failWith('outbox.send', 'bad_request', 'message is too long');
    h.controller.changeDraft('c1', 'Too long, says the core');
    await h.controller.send('c1', 'Too long, says the core');
    expect(composerOf('c1')).toMatchObject({ text: 'Too long, says the core', error: { code: 'bad_request' } });
    expect(savedDrafts.get('c1')?.body).toBe('Too long, says the core');
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('does not send to a conversation that is no longer the agent\'s or is resolved', async () => {
    answerSendQueued();
    h.fake.emit('conversation.updated', conversation({ id: 'c1', seq: 2, access: 'lost', assigneeName: '王芳' }));
    h.controller.changeDraft('c1', 'kept');
    await h.controller.send('c1', 'kept');
    expect(h.fake.callsOf('outbox.send')).toEqual([]);
    expect(composerOf('c1')).toMatchObject({ text: 'kept', error: { code: 'reassigned', details: { assigneeName: '王芳' } } });
    h.fake.emit('conversation.updated', conversation({ id: 'c1', seq: 3, status: 'resolved' }));
    await h.controller.send('c1', 'kept');
    expect(h.fake.callsOf('outbox.send')).toEqual([]);
    expect(composerOf('c1')?.error?.code).toBe('resolved');
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
    h.fake.emit('message.updated', failed());
    h.controller.changeDraft('c1', 'Hi');
    h.fake.answer('outbox.edit', () => {
      const merged = draft({ conversationId: 'c1', body: `${savedDrafts.get('c1')?.body ?? ''}\n\nRefund approved` });
      savedDrafts.set('c1', merged);
      return merged;
    });
    await h.controller.edit({ conversationId: 'c1', clientId: clientId(1) });
    expect(h.fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'Hi' }]);
    expect(composerOf('c1')?.text).toBe('Hi\n\nRefund approved');
    expect(threadIds('c1')).toEqual(['c1-m1']);
    // The core's own message.removed for it changes nothing more.
    h.fake.emit('message.removed', { conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('discard drops the bubble; retry shows it sending again', async () => {
    h.fake.emit('message.updated', failed());
    h.fake.answer('outbox.retry', () => ({ ...failed(), delivery: 'sending', error: null }));
    await h.controller.retry({ conversationId: 'c1', clientId: clientId(1) });
    expect(h.stores.thread.getState().byConversation.c1?.messages.at(-1)?.delivery).toBe('sending');
    h.fake.answer('outbox.discard', () => ({ discarded: true }));
    await h.controller.discard({ conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });

  it('a refused action throws the coded error for the message to show', async () => {
    h.fake.emit('message.updated', failed());
    h.fake.failWith('outbox.retry', 'reassigned', 'x', { assigneeName: '王芳' });
    await expect(h.controller.retry({ conversationId: 'c1', clientId: clientId(1) })).rejects.toMatchObject({
      code: 'reassigned',
      details: { assigneeName: '王芳' },
    });
  });

  it('message.removed drops the pending bubble', () => {
    h.fake.emit('message.updated', failed());
    h.fake.emit('message.removed', { conversationId: 'c1', clientId: clientId(1) });
    expect(threadIds('c1')).toEqual(['c1-m1']);
  });
});
