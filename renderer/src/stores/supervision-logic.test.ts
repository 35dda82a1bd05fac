import { describe, expect, it } from 'vitest';
import type { Activity, SensitiveAlert } from '../../../shared/domain';
import { activityIn, applyActivity, applyAlert } from './supervision-logic';

function alert(overrides: Partial<SensitiveAlert> = {}): SensitiveAlert {
  return {
    conversationId: 'c1',
    messageId: 'm1',
    contactName: 'Zhang Wei',
    senderType: 'contact',
    senderName: 'Zhang Wei',
    words: ['refund scam'],
    excerpt: 'this is a refund scam',
    at: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

function activity(overrides: Partial<Activity> & { userId: string }): Activity {
  return {
    conversationId: 'c1',
    name: `Agent ${overrides.userId}`,
    role: 'agent',
    state: 'viewing',
    preview: null,
    at: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('sensitive-word alerts on the monitor', () => {
  it('flags the conversation with the matched words and the latest excerpt', () => {
    let alerts = applyAlert({}, alert());
    alerts = applyAlert(alerts, alert({ words: ['idiot', 'refund scam'], excerpt: 'you idiot', at: '2025-01-01T10:01:00.000Z' }));
    expect(alerts.c1).toMatchObject({ count: 2, words: ['refund scam', 'idiot'], excerpt: 'you idiot' });
    expect(alerts.c2).toBeUndefined();
  });

  it('keeps the newest excerpt when an older alert arrives late', () => {
    let alerts = applyAlert({}, alert({ excerpt: 'newest', at: '2025-01-01T10:05:00.000Z' }));
    alerts = applyAlert(alerts, alert({ excerpt: 'older', at: '2025-01-01T10:00:00.000Z' }));
    expect(alerts.c1).toMatchObject({ count: 2, excerpt: 'newest' });
  });
});

describe('who is viewing or typing in a conversation', () => {
  it('lists colleagues typing first, leaving out the supervisor themselves', () => {
    let map = applyActivity({}, activity({ userId: 'me', name: 'Chen Lin' }));
    map = applyActivity(map, activity({ userId: 'li', name: 'Li Lei' }));
    map = applyActivity(map, activity({ userId: 'wang', name: 'Wang Fang', state: 'typing', preview: 'Sorry' }));
    expect(activityIn(map, 'c1', 'me').map((a) => [a.name, a.state])).toEqual([
      ['Wang Fang', 'typing'],
      ['Li Lei', 'viewing'],
    ]);
  });

  it('drops someone who went idle, and ignores a late report from before they left', () => {
    let map = applyActivity({}, activity({ userId: 'li', at: '2025-01-01T10:00:00.000Z' }));
    map = applyActivity(map, activity({ userId: 'li', state: 'idle', at: '2025-01-01T10:00:05.000Z' }));
    expect(activityIn(map, 'c1', null)).toEqual([]);
    expect(map.c1).toBeUndefined();
    const late = applyActivity(
      applyActivity({}, activity({ userId: 'li', state: 'typing', at: '2025-01-01T10:00:09.000Z' })),
      activity({ userId: 'li', state: 'viewing', at: '2025-01-01T10:00:01.000Z' }),
    );
    expect(activityIn(late, 'c1', null).map((a) => a.state)).toEqual(['typing']);
  });

  it('changes nothing when someone not listed goes idle', () => {
    const map = applyActivity({}, activity({ userId: 'li' }));
    expect(applyActivity(map, activity({ userId: 'wang', state: 'idle' }))).toBe(map);
  });
});
