import { describe, expect, it } from 'vitest';
import { capacityIn, compareQueue, decideOffers, isEligible, type RoutingAgent, type WaitingConversation } from './decide';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id, name: id, presence: 'online', connected: true, load: 0, maxChats: 5, groupIds: ['pre', 'after'], lastAssignedAt: null, ...over,
});
const conv = (id: string, over: Partial<WaitingConversation> = {}): WaitingConversation => ({
  id, groupId: null, priority: 0, waitingSince: 1000, passes: [], ...over,
});
const none = new Map<string, number | null>();

describe('routing decision: eligibility', () => {
  it('offers new chats only to online, connected agents', () => {
    for (const presence of ['busy', 'away', 'offline'] as const) {
      expect(isEligible(agent('a', { presence }), conv('c'), none)).toBe(false);
    }
    expect(isEligible(agent('a', { connected: false }), conv('c'), none)).toBe(false);
    expect(isEligible(agent('a'), conv('c'), none)).toBe(true);
  });

  it('needs membership of the group, or nothing when the conversation has no group', () => {
    expect(isEligible(agent('a', { groupIds: ['after'] }), conv('c', { groupId: 'pre' }), none)).toBe(false);
    expect(isEligible(agent('a', { groupIds: [] }), conv('c', { groupId: null }), none)).toBe(true);
  });

  it('caps load at the lower of the agent maximum and the group maximum per agent', () => {
    const limits = new Map([['pre', 2]]);
    expect(capacityIn(agent('a', { maxChats: 5 }), 'pre', limits)).toBe(2);
    expect(capacityIn(agent('a', { maxChats: 1 }), 'pre', limits)).toBe(1);
    expect(capacityIn(agent('a', { maxChats: 5 }), null, limits)).toBe(5);
    expect(isEligible(agent('a', { load: 2 }), conv('c', { groupId: 'pre' }), limits)).toBe(false);
    expect(isEligible(agent('a', { load: 2 }), conv('c', { groupId: 'after' }), limits)).toBe(true);
    expect(isEligible(agent('a', { load: 5 }), conv('c'), limits)).toBe(false);
  });

  it('passes over an agent who declined while a colleague is online, even a busier one', () => {
    const declined = conv('c', { passes: [{ agentId: 'a', kind: 'declined', at: 0 }] });
    expect(isEligible(agent('a'), declined, none, 1_000, 60_000)).toBe(false);
    expect(decideOffers([declined], [agent('a'), agent('b', { load: 3 })], none, 1_000, 60_000)).toEqual([{ conversationId: 'c', agentId: 'b' }]);
    // After the cool-down, still not while someone else is online for it (even at their limit).
    expect(decideOffers([declined], [agent('a'), agent('b', { load: 5 })], none, 120_000, 60_000)).toEqual([]);
  });
});

describe('routing decision: a missed offer is not a decline', () => {
  const missed = (at: number) => conv('c', { passes: [{ agentId: 'a', kind: 'timed_out', at }] });

  it('offers a timed-out conversation to the next agent first', () => {
    expect(decideOffers([missed(0)], [agent('a'), agent('b', { load: 4 })], none, 1_000, 60_000)).toEqual([{ conversationId: 'c', agentId: 'b' }]);
  });

  it('comes back to the only online agent once the cool-down is over, never stranded', () => {
    expect(decideOffers([missed(0)], [agent('a')], none, 59_999, 60_000)).toEqual([]);
    expect(decideOffers([missed(0)], [agent('a')], none, 60_000, 60_000)).toEqual([{ conversationId: 'c', agentId: 'a' }]);
  });

  it('after the cool-down prefers an agent who never passed, however busy, over the one who missed it', () => {
    expect(decideOffers([missed(0)], [agent('a'), agent('b', { load: 4 })], none, 90_000, 60_000)).toEqual([{ conversationId: 'c', agentId: 'b' }]);
    // With nobody else with room, the agent who missed it gets it again.
    expect(decideOffers([missed(0)], [agent('a'), agent('b', { load: 5 })], none, 90_000, 60_000)).toEqual([{ conversationId: 'c', agentId: 'a' }]);
  });

  it('a decline by the only online agent also ends after the cool-down', () => {
    const declined = conv('c', { passes: [{ agentId: 'a', kind: 'declined', at: 0 }] });
    expect(decideOffers([declined], [agent('a'), agent('b', { presence: 'offline' })], none, 30_000, 60_000)).toEqual([]);
    expect(decideOffers([declined], [agent('a'), agent('b', { presence: 'offline' })], none, 60_000, 60_000)).toEqual([
      { conversationId: 'c', agentId: 'a' },
    ]);
  });
});

describe('routing decision: order', () => {
  it('walks the queue by priority, then first come first served', () => {
    const queue = [
      conv('late-normal', { waitingSince: 3000 }),
      conv('early-normal', { waitingSince: 1000 }),
      conv('vip', { priority: 2, waitingSince: 5000 }),
      conv('urgent-vip', { priority: 3, waitingSince: 9000 }),
    ];
    expect([...queue].sort(compareQueue).map((c) => c.id)).toEqual(['urgent-vip', 'vip', 'early-normal', 'late-normal']);
    // One free seat: the highest priority gets it.
    expect(decideOffers(queue, [agent('a', { maxChats: 1 })], none, 0)).toEqual([{ conversationId: 'urgent-vip', agentId: 'a' }]);
  });

  it('gives each conversation to the least busy agent, counting offers made in the same pass', () => {
    const offers = decideOffers(
      [conv('c1', { waitingSince: 1 }), conv('c2', { waitingSince: 2 }), conv('c3', { waitingSince: 3 }), conv('c4', { waitingSince: 4 })],
      [agent('busy', { load: 2 }), agent('free', { load: 0 })],
      none,
      100,
    );
    expect(offers).toEqual([
      { conversationId: 'c1', agentId: 'free' },
      { conversationId: 'c2', agentId: 'free' },
      // Now both carry 2; "busy" waited longer since an assignment (never, vs. now).
      { conversationId: 'c3', agentId: 'busy' },
      { conversationId: 'c4', agentId: 'free' },
    ]);
  });

  it('breaks ties by longest since last assignment, then by name', () => {
    const agents = [agent('b-recent', { lastAssignedAt: 500 }), agent('c-old', { lastAssignedAt: 100 }), agent('a-old', { lastAssignedAt: 100 })];
    expect(decideOffers([conv('x')], agents, none, 1000)).toEqual([{ conversationId: 'x', agentId: 'a-old' }]);
  });

  it('never offers beyond capacity, however long the queue', () => {
    const queue = Array.from({ length: 50 }, (_, i) => conv(`c${i}`, { waitingSince: i, groupId: i % 2 ? 'pre' : 'after' }));
    const agents = [agent('a', { maxChats: 3, load: 1 }), agent('b', { maxChats: 2, groupIds: ['pre'] }), agent('c', { presence: 'away' })];
    const offers = decideOffers(queue, agents, new Map([['pre', 1]]), 0);
    const count = (id: string) => offers.filter((o) => o.agentId === id).length;
    expect(count('a')).toBe(2);
    expect(count('b')).toBe(1);
    expect(count('c')).toBe(0);
    expect(new Set(offers.map((o) => o.conversationId)).size).toBe(offers.length);
  });

  it('skips a conversation nobody can take and serves the next one (no head-of-line blocking)', () => {
    const queue = [conv('pre-first', { groupId: 'pre', waitingSince: 1 }), conv('after-second', { groupId: 'after', waitingSince: 2 })];
    expect(decideOffers(queue, [agent('a', { groupIds: ['after'] })], none, 0)).toEqual([{ conversationId: 'after-second', agentId: 'a' }]);
  });

  it('does not change its inputs', () => {
    const agents = [agent('a')];
    decideOffers([conv('c')], agents, none, 5);
    expect(agents[0]).toMatchObject({ load: 0, lastAssignedAt: null });
  });

  it('offers nothing with no queue or nobody available', () => {
    expect(decideOffers([], [agent('a')], none, 0)).toEqual([]);
    expect(decideOffers([conv('c')], [], none, 0)).toEqual([]);
    expect(decideOffers([conv('c')], [agent('a', { load: 5 })], none, 0)).toEqual([]);
  });
});
