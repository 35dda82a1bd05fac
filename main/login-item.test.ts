import { describe, expect, it } from 'vitest';
import { desktopSettingsHandlers } from './core/desktop-settings';
import { createLoginItem, type LoginItemApp } from './login-item';
import { createSettingsStore, defaultSettings } from './settings-store';

/** A faked Electron `app` recording what it was asked to register. */
function fakeApp(isPackaged = true) {
  const calls: { openAtLogin: boolean }[] = [];
  const app: LoginItemApp = { isPackaged, setLoginItemSettings: (settings) => void calls.push(settings) };
  return { app, calls };
}

function memoryBacking() {
  const values = new Map<string, unknown>(Object.entries(defaultSettings));
  return { get: (key: string) => values.get(key), set: (key: string, value: unknown) => void values.set(key, value), values };
}

describe('starting the installed app at login', () => {
  it('is off until chosen; turning it on and off registers and removes the login item and is remembered', async () => {
    const { app, calls } = fakeApp();
    const backing = memoryBacking();
    const handlers = desktopSettingsHandlers(createSettingsStore(backing), createLoginItem(app, 'win32'));
    expect(await handlers['desktop.get']({})).toEqual({ openAtLogin: false, openAtLoginAvailable: true });
    expect(calls).toEqual([]);

    expect(await handlers['desktop.set']({ openAtLogin: true })).toEqual({ openAtLogin: true, openAtLoginAvailable: true });
    expect(calls).toEqual([{ openAtLogin: true }]);
    expect(backing.values.get('openAtLogin')).toBe(true);
    // The next start reads the choice back.
    expect(await desktopSettingsHandlers(createSettingsStore(backing), createLoginItem(app, 'win32'))['desktop.get']({})).toMatchObject({ openAtLogin: true });

    await handlers['desktop.set']({ openAtLogin: false });
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    expect(backing.values.get('openAtLogin')).toBe(false);
  });

  it('is offered on macOS too, but not on Linux nor in a development run, where nothing is registered', async () => {
    expect(createLoginItem(fakeApp().app, 'darwin')).toBeDefined();
    for (const [app, platform] of [[fakeApp().app, 'linux'], [fakeApp(false).app, 'win32']] as const) {
      const handlers = desktopSettingsHandlers(createSettingsStore(memoryBacking()), createLoginItem(app, platform));
      expect(await handlers['desktop.get']({})).toEqual({ openAtLogin: false, openAtLoginAvailable: false });
      await expect(handlers['desktop.set']({ openAtLogin: true })).rejects.toMatchObject({ code: 'bad_request' });
    }
  });

  it('reads a hand-edited value of the wrong type as off', () => {
    const backing = memoryBacking();
    backing.values.set('openAtLogin', 'yes');
    expect(createSettingsStore(backing).get().openAtLogin).toBe(false);
  });
});
