import { describe, expect, it } from 'vitest';
import { ACTIVITY_EVENTS, watchActivity } from './activity-source';

describe('watching for activity', () => {
  it('passes keyboard, pointer and focus events on, at most once per throttle period', () => {
    const target = new EventTarget();
    let now = 0;
    let seen = 0;
    const stop = watchActivity(target, () => (seen += 1), { throttleMs: 1000, now: () => now });
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointermove'));
    expect(seen).toBe(1);
    now = 1000;
    target.dispatchEvent(new Event('focus'));
    expect(seen).toBe(2);
    stop();
    now = 5000;
    target.dispatchEvent(new Event('keydown'));
    expect(seen).toBe(2);
  });

  it('listens to keys, the mouse, touch and focus', () => {
    expect([...ACTIVITY_EVENTS]).toEqual(expect.arrayContaining(['keydown', 'pointerdown', 'pointermove', 'focus']));
  });
});
