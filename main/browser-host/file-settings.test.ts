import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecrets, FileSettings } from './file-settings';

const folder = () => mkdtempSync(join(tmpdir(), 'sb-settings-'));

describe('browser host settings and secrets', () => {
  it('remember the server, email, signed-in agent and each agent\'s notification choices across restarts', () => {
    const file = join(folder(), 'settings.json');
    const user = { id: 'u1', accountId: 'a1', email: 'emma@demo.test', name: 'Emma Clark', role: 'agent' as const };
    const notificationPreferences = { u1: { sound: false, ticketSla: false }, u2: { newMessages: false, newConversations: true } };
    new FileSettings(file).set({ serverUrl: 'http://127.0.0.1:7340', lastEmail: 'emma@demo.test', lastUser: user, notificationPreferences });
    expect(new FileSettings(file).get()).toEqual({
      serverUrl: 'http://127.0.0.1:7340',
      lastEmail: 'emma@demo.test',
      lastUser: user,
      notificationPreferences,
      openAtLogin: false,
    });
  });

  it('read a hand-edited notification choice of the wrong type as not set', () => {
    const file = join(folder(), 'settings.json');
    writeFileSync(file, JSON.stringify({ notificationPreferences: { u1: { sound: 'loud', newMessages: false }, u2: 7 } }));
    expect(new FileSettings(file).get().notificationPreferences).toEqual({ u1: { newMessages: false }, u2: {} });
  });

  it('keep secrets in a file only its owner can read, and forget them on request', () => {
    const file = join(folder(), 'secrets.json');
    new FileSecrets(file).set('refreshToken', 'r-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = new FileSecrets(file);
    expect(again.get('refreshToken')).toBe('r-1');
    again.set('refreshToken', null);
    expect(new FileSecrets(file).get('refreshToken')).toBeNull();
  });

  it('keep settings owner-only too, and take a file others could read back to owner-only', () => {
    const dir = folder();
    const settings = join(dir, 'settings.json');
    new FileSettings(settings).set({ lastEmail: 'emma@demo.test' });
    expect(statSync(settings).mode & 0o777).toBe(0o600);
    const secrets = join(dir, 'secrets.json');
    writeFileSync(secrets, JSON.stringify({ refreshToken: 'r-1' }), { mode: 0o644 });
    chmodSync(secrets, 0o644);
    chmodSync(settings, 0o644);
    expect(new FileSecrets(secrets).get('refreshToken')).toBe('r-1');
    new FileSettings(settings);
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(statSync(settings).mode & 0o777).toBe(0o600);
  });
});
