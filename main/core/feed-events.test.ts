import { describe, expect, it } from 'vitest';
import { feedEventsOf } from './feed-events';
import { aConversation, aMessage } from './testing/cache-fixtures';

const me = 'u-wang';
const mine = aConversation({ id: 'c1', assigneeId: me, contactName: '张伟' });
const offered = aConversation({ id: 'c2', routingState: 'offered', offeredToId: me, contactName: 'Zhang Wei', lastMessagePreview: 'Where is my parcel?' });

describe('what a live change adds to the notification centre', () => {
  it('a conversation offered to me, once', () => {
    const queued = { ...offered, routingState: 'queued' as const, offeredToId: null };
    expect(feedEventsOf({ conversations: [{ current: offered, previous: queued }], messages: [] }, me)).toEqual([
      { kind: 'offer', conversationId: 'c2', contactName: 'Zhang Wei', excerpt: 'Where is my parcel?' },
    ]);
    // Still the same offer: nothing new.
    expect(feedEventsOf({ conversations: [{ current: offered, previous: offered }], messages: [] }, me)).toEqual([]);
    // Offered to a colleague: not mine.
    expect(feedEventsOf({ conversations: [{ current: { ...offered, offeredToId: 'u-li' }, previous: null }], messages: [] }, me)).toEqual([]);
    // A catch-up that was behind does not announce a conversation it never had.
    expect(feedEventsOf({ conversations: [{ current: offered, previous: null }], messages: [], behind: true }, me)).toEqual([]);
  });

  it('a colleague’s internal note on my conversation is a whisper; my own notes, system lines and replies are not', () => {
    const note = aMessage({ id: 'm1', seq: 5, conversationId: 'c1', senderType: 'agent', senderId: 'u-chen', senderName: '陈琳', internal: true, body: 'Offer a refund' });
    expect(feedEventsOf({ conversations: [], messages: [{ message: note, conversation: mine }] }, me)).toEqual([
      { kind: 'whisper', conversationId: 'c1', messageId: 'm1', byName: '陈琳', contactName: '张伟', excerpt: 'Offer a refund' },
    ]);
    const own = { ...note, senderId: me };
    const line = { ...note, senderType: 'system' as const, senderId: null };
    const reply = { ...note, internal: false };
    const elsewhere = aConversation({ id: 'c3', assigneeId: 'u-li' });
    expect(
      feedEventsOf(
        {
          conversations: [],
          messages: [
            { message: own, conversation: mine },
            { message: line, conversation: mine },
            { message: reply, conversation: mine },
            { message: { ...note, conversationId: 'c3' }, conversation: elsewhere },
          ],
        },
        me,
      ),
    ).toEqual([]);
  });
});
