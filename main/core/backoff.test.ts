import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnect backoff', () => {
  it('grows with each failure and never exceeds 30 seconds', () => {
    const high = () => 1;
    expect(reconnectDelay(0, high)).toBe(500);
    expect(reconnectDelay(1, high)).toBe(1000);
    expect(reconnectDelay(3, high)).toBe(4000);
    expect(reconnectDelay(50, high)).toBe(30_000);
  });

  it('waits at least half the step so clients spread out without hammering', () => {
    expect(reconnectDelay(2, () => 0)).toBe(1000);
  });
});
