import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/contract';
import { translator } from '../i18n/translate';
import { describeConnection } from './connection-text';
import { formatRelative, secondsUntil } from './time';

const t = translator('en');
const now = Date.parse('2025-03-10T12:00:00');

describe('relative time in the inbox', () => {
  it('reads now, minutes, hours, yesterday, then a date', () => {
    expect(formatRelative(new Date(now - 20_000).toISOString(), now, t, 'en')).toBe('now');
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), now, t, 'en')).toBe('5 min');
    expect(formatRelative(new Date(now - 3 * 3_600_000).toISOString(), now, t, 'en')).toBe('3 h');
    expect(formatRelative(new Date('2025-03-09T08:00:00').toISOString(), now, t, 'en')).toBe('Yesterday');
    expect(formatRelative(new Date('2025-02-01T08:00:00').toISOString(), now, t, 'en')).toMatch(/Feb/);
  });

  it('speaks Chinese when the UI does', () => {
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), now, translator('zh-CN'), 'zh-CN')).toBe('5 分钟前');
  });

  it('shows nothing for a time it cannot read', () => {
    expect(formatRelative('not a date', now, t, 'en')).toBe('');
  });
});

describe('connection status text', () => {
  const since = new Date('2025-03-10T11:58:00').toISOString();
  const offline: ConnectionState = { status: 'offline', since, error: null, nextRetryAt: new Date(now + 4_200).toISOString() };

  it('counts down to the next retry while offline', () => {
    expect(describeConnection(offline, now, t, 'en')).toMatch(/^Offline since 11:58 — retrying in 5 s$/);
    expect(describeConnection({ ...offline, nextRetryAt: new Date(now - 1).toISOString() }, now, t, 'en')).toMatch(
      /retrying now$/,
    );
    expect(describeConnection({ ...offline, nextRetryAt: null }, now, t, 'en')).toBe('Offline since 11:58');
  });

  it('names the other states', () => {
    expect(describeConnection({ ...offline, status: 'online' }, now, t, 'en')).toBe('Online');
    expect(describeConnection({ ...offline, status: 'connecting' }, now, t, 'en')).toBe('Connecting…');
    expect(describeConnection(null, now, t, 'en')).toBe('Checking connection…');
  });

  it('never counts below zero', () => {
    expect(secondsUntil(new Date(now - 10_000).toISOString(), now)).toBe(0);
    expect(secondsUntil(null, now)).toBeNull();
  });
});
