import Conf from 'conf';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredSettings } from './core/types';
import { createSettingsStore, defaultSettings } from './settings-store';

// electron-store is a thin Electron wrapper around `conf`; the same engine writes a real file here.
const folders: string[] = [];
function openStore(cwd = mkdtempSync(join(tmpdir(), 'switchboard-settings-'))) {
  folders.push(cwd);
  const conf = new Conf<StoredSettings>({ cwd, configName: 'settings', projectVersion: '0.0.0', defaults: defaultSettings });
  return { cwd, conf, settings: createSettingsStore({ get: (k) => conf.get(k), set: (k, v) => conf.set(k, v) }) };
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts empty', () => {
    expect(openStore().settings.get()).toEqual({ serverUrl: null, lastEmail: null, lastUser: null, notificationPreferences: {}, openAtLogin: false });
  });

  it('remembers the server URL and last email across restarts', () => {
    const first = openStore();
    first.settings.set({ serverUrl: 'https://sb.example.com', lastEmail: 'ana@example.com' });
    const second = openStore(first.cwd);
    expect(second.settings.get()).toEqual({
      serverUrl: 'https://sb.example.com',
      lastEmail: 'ana@example.com',
      lastUser: null,
      notificationPreferences: {},
      openAtLogin: false,
    });
  });

  it('changes only the keys in a patch and can clear one', () => {
    const { settings } = openStore();
    settings.set({ serverUrl: 'https://sb.example.com', lastEmail: 'ana@example.com' });
    settings.set({ lastEmail: null });
    expect(settings.get()).toEqual({ serverUrl: 'https://sb.example.com', lastEmail: null, lastUser: null, notificationPreferences: {}, openAtLogin: false });
  });

  it('remembers who was signed in, so the next start opens their cache offline', () => {
    const first = openStore();
    const user = { id: 'u1', accountId: 'a1', email: 'wang.fang@demo.test', name: '王芳', role: 'agent' as const };
    first.settings.set({ lastUser: user });
    expect(openStore(first.cwd).settings.get().lastUser).toEqual(user);
  });

  it('reads a hand-edited value of the wrong type as not set', () => {
    const { cwd, settings } = openStore();
    settings.set({ serverUrl: 'https://sb.example.com' });
    const file = join(cwd, 'settings.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), serverUrl: 42 }));
    expect(openStore(cwd).settings.get().serverUrl).toBeNull();
  });
});
