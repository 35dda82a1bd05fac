import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecrets, FileSettings } from './file-settings';

const folder = () => mkdtempSync(join(tmpdir(), 'sb-settings-'));

describe('browser host settings and secrets', () => {
  it('remember the server, email and signed-in agent across restarts', () => {
    const file = join(folder(), 'settings.json');
    const user = { id: 'u1', accountId: 'a1', email: 'emma@demo.test', name: 'Emma Clark', role: 'agent' as const };
    new FileSettings(file).set({ serverUrl: 'http://127.0.0.1:7340', lastEmail: 'emma@demo.test', lastUser: user });
    expect(new FileSettings(file).get()).toEqual({ serverUrl: 'http://127.0.0.1:7340', lastEmail: 'emma@demo.test', lastUser: user });
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
});
