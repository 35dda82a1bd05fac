import type { SecretStore } from './core/types';

/** The part of Electron's safeStorage the secret store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring encrypts. `basic_text` is a fixed key compiled into Chromium. */
  getSelectedStorageBackend?(): string;
}

export interface SecretBacking {
  get(key: string): unknown;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * How well secrets can be kept on disk: `os` with a real keychain/keyring, `weak` when Linux
 * falls back to `basic_text` (or cannot say which backend it uses), `none` without encryption.
 */
export type KeyringStrength = 'os' | 'weak' | 'none';

const realLinuxKeyrings = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export function keyringStrength(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyringStrength {
  if (!safeStorage.isEncryptionAvailable()) return 'none';
  if (platform !== 'linux') return 'os';
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return realLinuxKeyrings.has(backend) ? 'os' : 'weak';
}

export interface SecretStoreOptions {
  platform: NodeJS.Platform;
  /**
   * Asked once per run, the first time a secret would be written while the keyring is weak: true
   * stores it anyway (readable by anyone who copies the file and knows Chromium's fixed key),
   * false keeps it in memory for this run. Until the answer comes, secrets stay in memory.
   */
  confirmWeakStorage(): Promise<boolean>;
  onError?(error: unknown): void;
}

/**
 * Secrets encrypted with the OS keychain (safeStorage) and kept in electron-store as base64.
 * Without a keychain nothing is written: secrets live in memory for this run and the agent signs
 * in again after a restart. A Linux keyring that is only `basic_text` is treated the same unless
 * the person, asked, chooses to store them anyway.
 */
export function createSecretStore(
  safeStorage: SafeStorageLike,
  backing: SecretBacking,
  options: SecretStoreOptions,
): SecretStore {
  const key = (name: string) => `secrets.${name}`;
  const memory = new Map<string, string>();
  const strength = keyringStrength(safeStorage, options.platform);
  // Weak keyring: the person's answer for this run, once given.
  let weakAllowed: boolean | null = null;
  let asking = false;

  const writeToDisk = (name: string, value: string) =>
    backing.set(key(name), safeStorage.encryptString(value).toString('base64'));

  const ask = () => {
    asking = true;
    options
      .confirmWeakStorage()
      .catch((error: unknown) => {
        options.onError?.(error);
        return false;
      })
      .then((allowed) => {
        weakAllowed = allowed;
        // The latest value of every secret set while the question was open.
        if (allowed) for (const [name, value] of memory) writeToDisk(name, value);
      })
      .catch((error: unknown) => options.onError?.(error));
  };

  return {
    get(name) {
      const remembered = memory.get(name);
      if (remembered !== undefined) return remembered;
      const stored = backing.get(key(name));
      if (typeof stored !== 'string' || strength === 'none') return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        return null;
      }
    },
    set(name, value) {
      if (value === null) {
        memory.delete(name);
        backing.delete(key(name));
        return;
      }
      if (strength === 'os') {
        writeToDisk(name, value);
        return;
      }
      memory.set(name, value);
      // A copy from an earlier run must not outlive the value that replaced it.
      backing.delete(key(name));
      if (strength !== 'weak') return;
      if (weakAllowed === true) writeToDisk(name, value);
      else if (weakAllowed === null && !asking) ask();
    },
  };
}
