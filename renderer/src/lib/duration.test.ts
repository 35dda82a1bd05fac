import { describe, expect, it } from 'vitest';
import { formatDuration, secondsSince } from './duration';
import { secondsUntil } from './time';

describe('countdowns and waiting times', () => {
  it('read as mm:ss under an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(9)).toBe('00:09');
    expect(formatDuration(75)).toBe('01:15');
    expect(formatDuration(59 * 60 + 59)).toBe('59:59');
  });

  it('add the hours from an hour on', () => {
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(2 * 3600 + 5 * 60 + 7)).toBe('2:05:07');
  });

  it('never show a negative or broken time', () => {
    expect(formatDuration(-5)).toBe('00:00');
    expect(formatDuration(Number.NaN)).toBe('00:00');
    expect(formatDuration(12.9)).toBe('00:12');
  });

  it('count how long a customer has waited, in whole seconds', () => {
    const now = Date.parse('2025-01-01T10:02:13.900Z');
    expect(secondsSince('2025-01-01T10:00:00.000Z', now)).toBe(133);
    expect(formatDuration(secondsSince('2025-01-01T10:00:00.000Z', now) ?? 0)).toBe('02:13');
    expect(secondsSince('2025-01-01T10:05:00.000Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBeNull();
    expect(secondsSince('soon', now)).toBeNull();
  });

  it('count down to when an offer passes on, a second later each second', () => {
    const expires = '2025-01-01T10:00:30.000Z';
    const start = Date.parse('2025-01-01T10:00:00.000Z');
    expect(formatDuration(secondsUntil(expires, start) ?? 0)).toBe('00:30');
    expect(formatDuration(secondsUntil(expires, start + 1000) ?? 0)).toBe('00:29');
    expect(formatDuration(secondsUntil(expires, start + 29_500) ?? 0)).toBe('00:01');
    expect(secondsUntil(expires, start + 31_000)).toBe(0);
  });
});
