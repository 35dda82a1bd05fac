import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';
import { Outbox, type OutboxTransport } from './outbox';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';
import { ManualClock } from './testing/manual-clock';

const agent = { id: 'u1', accountId: 'a1', name: 'Wang Fang', email: 'wang@demo.test', role: 'agent' as const };

/** A server that refuses the first `refusals` sends with rate_limited (asking to wait 30 s), then stores them. */
function busyServer(refusals: number) {
  const sent: string[] = [];
  const tries = { count: 0 };
  let left = refusals;
  const transport: OutboxTransport = {
    isOnline: () => true,
    request: async (_name, payload) => {
      tries.count++;
      if (left > 0) {
        left--;
        throw new AppError('rate_limited', 'Too many requests at once; try again in 30 s.', { retryAfterSeconds: '30' });
      }
      sent.push(payload.body);
      const message = aMessage({ id: `m-${sent.length}`, seq: 10 + sent.length, conversationId: payload.conversationId, senderType: 'agent', senderId: agent.id, body: payload.body, clientId: payload.clientId });
      return { message, conversation: aConversation({ id: payload.conversationId, seq: 10 + sent.length, assigneeId: agent.id }) } as AgentRequestResult<'message:send'>;
    },
  };
  return { transport, sent, tries };
}

describe('a reply the server asked to wait for (rate_limited)', () => {
  it('stays queued and is sent once, no sooner than the wait the server named', async () => {
    const store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1', assigneeId: agent.id })] });
    const clock = new ManualClock();
    const server = busyServer(1);
    const outbox = new Outbox(store, server.transport, () => undefined, () => agent, { clock, retryDelayMs: 5_000 });

    await outbox.send('c1', 'Your parcel left the warehouse today.');
    await expect.poll(() => clock.waiting()).toBe(1);
    expect(server.tries.count).toBe(1);
    expect(await outbox.pending('c1')).toMatchObject([{ body: 'Your parcel left the warehouse today.', delivery: 'queued' }]);

    // The outbox's own retry (5 s) waits for the 30 s the server named.
    await clock.advance(5_000);
    expect(server.tries.count).toBe(1);
    await clock.advance(25_000);
    expect(server.tries.count).toBe(2);
    expect(server.sent).toEqual(['Your parcel left the warehouse today.']);
    expect(await outbox.pending('c1')).toEqual([]);
  });
});
