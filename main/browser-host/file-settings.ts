import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SettingsStore, StoredSettings } from '../core/types';

const defaults: StoredSettings = { serverUrl: null, lastEmail: null };

/** Settings kept in a JSON file: the browser host's stand-in for electron-store. */
export class FileSettings implements SettingsStore {
  private value: StoredSettings;

  constructor(private readonly file: string) {
    this.value = { ...defaults, ...readJson(file) };
  }

  get(): StoredSettings {
    return { ...this.value };
  }

  set(patch: Partial<StoredSettings>): void {
    this.value = { ...this.value, ...patch };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2));
    renameSync(tmp, this.file);
  }
}

function readJson(file: string): Partial<StoredSettings> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object') return {};
    const { serverUrl, lastEmail } = parsed as Record<string, unknown>;
    return {
      ...(typeof serverUrl === 'string' ? { serverUrl } : {}),
      ...(typeof lastEmail === 'string' ? { lastEmail } : {}),
    };
  } catch {
    return {};
  }
}
