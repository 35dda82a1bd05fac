import { describe, expect, it } from 'vitest';
import { averageHandlingSeconds, DEFAULT_HANDLING_SECONDS, estimateWaitSeconds } from './estimate';
import { queuePositions, queueStatuses, type StatusInput } from './queue-status';

describe('estimated wait', () => {
  it('averages recent handling times, falling back to five minutes without history', () => {
    expect(averageHandlingSeconds([])).toBe(DEFAULT_HANDLING_SECONDS);
    expect(DEFAULT_HANDLING_SECONDS).toBe(300);
    expect(averageHandlingSeconds([60, 120, Number.NaN, -5])).toBe(90);
  });

  it('shares the handling time among online agents and grows with the position', () => {
    expect(estimateWaitSeconds(1, 120, 2)).toBe(60);
    expect(estimateWaitSeconds(3, 120, 2)).toBe(180);
    expect(estimateWaitSeconds(2, 100, 0)).toBe(200);
    expect(estimateWaitSeconds(0, 100, 1)).toBe(0);
  });
});

const row = (id: string, over: Partial<StatusInput> = {}): StatusInput => ({
  id, status: 'open', routingState: 'queued', groupId: 'g', groupName: '售后', priority: 0, waitingSince: 0, assigneeName: null, ...over,
});

describe('queue positions', () => {
  it('count within the group, in routing order, over queued and offered conversations', () => {
    const positions = queuePositions([
      row('late', { waitingSince: 30 }),
      row('offered', { routingState: 'offered', waitingSince: 5 }),
      row('vip', { priority: 2, waitingSince: 50 }),
      row('other-group', { groupId: 'h', waitingSince: 40 }),
      row('assigned', { routingState: 'assigned' }),
      row('pending', { routingState: 'pending' }),
      row('resolved', { status: 'resolved' }),
    ]);
    expect(Object.fromEntries(positions)).toEqual({ vip: 1, offered: 2, late: 3, 'other-group': 1 });
  });

  it('tell each customer their state, position, estimate and, once assigned, the agent', () => {
    const statuses = queueStatuses(
      [row('a', { waitingSince: 1 }), row('b', { waitingSince: 2 }), row('c', { routingState: 'assigned', assigneeName: '李雷' }), row('d', { status: 'resolved' }), row('e', { routingState: 'pending' })],
      () => 100,
      () => 1,
    );
    expect(statuses.get('a')).toEqual({ state: 'queued', position: 1, estimatedWaitSeconds: 100, agentName: null, groupName: '售后', availability: null });
    expect(statuses.get('b')).toMatchObject({ position: 2, estimatedWaitSeconds: 200 });
    expect(statuses.get('c')).toEqual({ state: 'assigned', position: null, estimatedWaitSeconds: null, agentName: '李雷', groupName: '售后', availability: null });
    expect(statuses.get('d')).toMatchObject({ state: 'resolved', position: null, agentName: null });
    expect(statuses.get('e')).toMatchObject({ state: 'pending', position: null });
  });

  it('never gives an estimate when nobody can be expected: the reason instead', () => {
    const statuses = queueStatuses(
      [row('alone', { waitingSince: 1 }), row('closed', { routingState: 'pending' }), row('empty-group', { waitingSince: 2, groupId: 'x' })],
      () => 100,
      (groupId) => (groupId === 'x' ? 0 : 1),
      (r) => (r.routingState === 'pending' ? 'off_hours' : r.id === 'alone' ? 'nobody_online' : null),
    );
    expect(statuses.get('alone')).toMatchObject({ state: 'queued', position: 1, estimatedWaitSeconds: null, availability: 'nobody_online' });
    expect(statuses.get('closed')).toMatchObject({ state: 'pending', estimatedWaitSeconds: null, availability: 'off_hours' });
    // Nobody online in the group: no estimate even without a reason.
    expect(statuses.get('empty-group')).toMatchObject({ estimatedWaitSeconds: null });
  });
});
