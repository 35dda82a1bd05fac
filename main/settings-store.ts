import type { SettingsStore, StoredSettings } from './core/types';

type SettingsKey = keyof StoredSettings;

/** A key/value store such as electron-store (or `conf`, which it extends). */
export interface SettingsBacking {
  get(key: SettingsKey): unknown;
  set(key: SettingsKey, value: string | null): void;
}

export const defaultSettings: StoredSettings = { serverUrl: null, lastEmail: null };

/**
 * The core's settings over a key/value backing. The file on disk can be edited by hand, so a value
 * that is not a string reads as "not set" instead of reaching the core.
 */
export function createSettingsStore(backing: SettingsBacking): SettingsStore {
  return {
    get() {
      return { serverUrl: readString(backing, 'serverUrl'), lastEmail: readString(backing, 'lastEmail') };
    },
    set(patch) {
      for (const key of ['serverUrl', 'lastEmail'] as const) {
        const value = patch[key];
        if (value !== undefined) backing.set(key, value);
      }
    },
  };
}

function readString(backing: SettingsBacking, key: SettingsKey): string | null {
  const value = backing.get(key);
  return typeof value === 'string' ? value : null;
}
