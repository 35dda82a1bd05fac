import { describe, expect, it } from 'vitest';
import type { RoutingAgent } from './decide';
import { availabilityOf, decideOverflows, type OverflowCandidate, type OverflowRules } from './overflow';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id, name: id, presence: 'online', connected: true, load: 0, maxChats: 5, groupIds: ['pre'], lastAssignedAt: null, ...over,
});
const waiting = (id: string, over: Partial<OverflowCandidate> = {}): OverflowCandidate => ({
  id, groupId: 'after', waitingSince: 0, overflowedFrom: null, ...over,
});
const rules = (target: string | null, afterSeconds = 60): OverflowRules =>
  new Map([
    ['after', { groupId: 'after', afterSeconds, target }],
    ['pre', { groupId: 'pre', afterSeconds, target: null }],
  ]);
const none = new Map<string, number | null>();

describe('overflow per skill group', () => {
  it('moves a conversation to the target group once its group had nobody with room for the overflow time', () => {
    const wang = agent('wang');
    expect(decideOverflows([waiting('c')], [wang], none, rules('pre'), 59_999)).toEqual([]);
    expect(decideOverflows([waiting('c')], [wang], none, rules('pre'), 60_000)).toEqual([{ conversationId: 'c', fromGroupId: 'after', toGroupId: 'pre' }]);
  });

  it("'any' hands it to the whole team", () => {
    expect(decideOverflows([waiting('c')], [agent('wang')], none, rules('any'), 60_000)).toEqual([{ conversationId: 'c', fromGroupId: 'after', toGroupId: null }]);
  });

  it('stays when its own group has someone with room, when the rule is off, when the target has nobody with room, or when it overflowed already', () => {
    const li = agent('li', { groupIds: ['after'] });
    expect(decideOverflows([waiting('c')], [li, agent('wang')], none, rules('pre'), 120_000)).toEqual([]);
    expect(decideOverflows([waiting('c')], [agent('wang')], none, rules(null), 120_000)).toEqual([]);
    expect(decideOverflows([waiting('c')], [agent('wang', { load: 5 })], none, rules('pre'), 120_000)).toEqual([]);
    expect(decideOverflows([waiting('c', { overflowedFrom: 'x' })], [agent('wang')], none, rules('pre'), 120_000)).toEqual([]);
  });

  it('counts an agent at their limit in the group as no room, so a full group overflows too', () => {
    const li = agent('li', { groupIds: ['after'], load: 2 });
    expect(decideOverflows([waiting('c')], [li, agent('wang')], new Map([['after', 2]]), rules('pre'), 60_000)).toHaveLength(1);
  });
});

describe('what a waiting customer can expect', () => {
  const open = { status: 'open' as const, groupId: 'after' };

  it('nobody online for the group nor where it would overflow: nobody_online', () => {
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('wang', { presence: 'away' })], rules('pre'))).toBe('nobody_online');
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('wang', { presence: 'offline' })], rules('any'))).toBe('nobody_online');
    // A dropped connection within its grace period is still at work: the agent is likely back in a moment.
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('wang', { connected: false })], rules('any'))).toBeNull();
  });

  it('someone online where it would overflow, or in the group even when busy: a person can be expected', () => {
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('wang')], rules('pre'))).toBeNull();
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('li', { groupIds: ['after'], load: 5 })], rules(null))).toBeNull();
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('wang')], rules(null))).toBe('nobody_online');
    // Busy is at work: the customer waits for them rather than being told nobody is there.
    expect(availabilityOf({ ...open, routingState: 'queued' }, [agent('li', { groupIds: ['after'], presence: 'busy' })], rules(null))).toBeNull();
  });

  it('off-hours while pending; nothing to say once offered, assigned or resolved', () => {
    expect(availabilityOf({ ...open, routingState: 'pending' }, [], rules(null))).toBe('off_hours');
    expect(availabilityOf({ ...open, routingState: 'offered' }, [], rules(null))).toBeNull();
    expect(availabilityOf({ status: 'resolved', groupId: 'after', routingState: 'queued' }, [], rules(null))).toBeNull();
  });
});
