import type { LoginItem } from './core/types';

/** The parts of Electron's `app` that start it at login. */
export interface LoginItemApp {
  readonly isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/**
 * Starting at login through the operating system's own list (Windows and macOS; Electron has no
 * login items on Linux). Only the installed app registers itself: a development run would start
 * the bare Electron binary at every login. Undefined where it cannot, and the settings say so.
 */
export function createLoginItem(app: LoginItemApp, platform: NodeJS.Platform): LoginItem | undefined {
  if (!app.isPackaged || (platform !== 'win32' && platform !== 'darwin')) return undefined;
  return { apply: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) };
}
