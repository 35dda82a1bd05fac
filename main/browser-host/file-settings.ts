import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readStoredSettings } from '../core/settings';
import type { SecretStore, SettingsStore, StoredSettings } from '../core/types';

/** Settings kept in a JSON file: the browser host's stand-in for electron-store. */
export class FileSettings implements SettingsStore {
  private value: StoredSettings;

  constructor(private readonly file: string) {
    this.value = readStoredSettings(readJson(file));
  }

  get(): StoredSettings {
    return { ...this.value };
  }

  set(patch: Partial<StoredSettings>): void {
    this.value = { ...this.value, ...patch };
    writeJson(this.file, this.value);
  }
}

/**
 * Secrets in a JSON file only its owner may read. The browser host is a development and test
 * mode; the Electron shell encrypts secrets with the OS keychain instead.
 */
export class FileSecrets implements SecretStore {
  private value: Record<string, string>;

  constructor(private readonly file: string) {
    const raw = readJson(file);
    this.value = Object.fromEntries(
      Object.entries(raw && typeof raw === 'object' ? raw : {}).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
  }

  get(name: string): string | null {
    return this.value[name] ?? null;
  }

  set(name: string, secret: string | null): void {
    if (secret === null) delete this.value[name];
    else this.value[name] = secret;
    writeJson(this.file, this.value);
  }
}

/** Reads the file, first taking one an older version left readable by others back to owner-only. */
function readJson(file: string): unknown {
  if (existsSync(file)) chmodSync(file, OWNER_ONLY);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** Owner-only: settings name the last agent, secrets hold tokens and the cache key. */
const OWNER_ONLY = 0o600;

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: OWNER_ONLY });
  chmodSync(tmp, OWNER_ONLY);
  renameSync(tmp, file);
}
