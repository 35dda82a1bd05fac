import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';
import { SyncEngine, type SyncTransport } from './sync';
import { aConversation, memoryCache } from './testing/cache-fixtures';
import { ManualClock } from './testing/manual-clock';

describe('a catch-up the server asked to wait for (rate_limited)', () => {
  it('is tried again no sooner than the wait the server named, then fills the cache', async () => {
    const store = await memoryCache();
    const clock = new ManualClock();
    let tries = 0;
    const transport: SyncTransport = {
      isOnline: () => true,
      request: async () => {
        tries++;
        if (tries === 1) throw new AppError('rate_limited', 'Too many requests at once; try again in 20 s.', { retryAfterSeconds: '20' });
        return {
          conversations: [aConversation({ id: 'c1', seq: 3 })], contacts: [], messages: [], removed: [], cursor: 3, hasMore: false, reset: false,
        } as AgentRequestResult<'sync:changes'>;
      },
    };
    const sync = new SyncEngine(store, transport, () => undefined, { clock });
    await sync.load();

    await expect(sync.catchUp()).rejects.toMatchObject({ code: 'rate_limited' });
    // The backoff alone would try again after 1 s.
    await clock.advance(1_000);
    expect(tries).toBe(1);
    await clock.advance(19_000);
    expect(tries).toBe(2);
    expect(await store.conversation('c1')).toMatchObject({ id: 'c1', seq: 3 });
  });
});
