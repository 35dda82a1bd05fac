import { defaultSettings, readStoredSettings, settingsKeys } from './core/settings';
import type { SettingsStore, StoredSettings } from './core/types';

type SettingsKey = keyof StoredSettings;

/** A key/value store such as electron-store (or `conf`, which it extends). */
export interface SettingsBacking {
  get(key: SettingsKey): unknown;
  set(key: SettingsKey, value: unknown): void;
}

export { defaultSettings };

/** The core's settings over a key/value backing, read defensively (the file can be hand-edited). */
export function createSettingsStore(backing: SettingsBacking): SettingsStore {
  return {
    get() {
      return readStoredSettings(Object.fromEntries(settingsKeys.map((key) => [key, backing.get(key)])));
    },
    set(patch) {
      for (const key of settingsKeys) {
        const value = patch[key];
        if (value !== undefined) backing.set(key, value);
      }
    },
  };
}
