import type { SecretStore } from './core/types';

/** The part of Electron's safeStorage the secret store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SecretBacking {
  get(key: string): unknown;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * Secrets encrypted with the OS keychain (safeStorage) and kept in electron-store as base64.
 * Without a keychain nothing is written: the agent signs in again after a restart rather than
 * leaving a token readable on disk.
 */
export function createSecretStore(safeStorage: SafeStorageLike, backing: SecretBacking): SecretStore {
  const key = (name: string) => `secrets.${name}`;
  return {
    get(name) {
      const stored = backing.get(key(name));
      if (typeof stored !== 'string' || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        return null;
      }
    },
    set(name, value) {
      if (value === null || !safeStorage.isEncryptionAvailable()) {
        backing.delete(key(name));
        return;
      }
      backing.set(key(name), safeStorage.encryptString(value).toString('base64'));
    },
  };
}
