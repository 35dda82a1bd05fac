import { describe, expect, it } from 'vitest';
import { createSecretStore, type SafeStorageLike } from './secret-store';

function fakeSafeStorage(available: boolean): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (buf) => [...buf.toString().slice(4)].reverse().join(''),
  };
}

function memoryBacking() {
  const data = new Map<string, unknown>();
  return { data, get: (k: string) => data.get(k), set: (k: string, v: string) => data.set(k, v), delete: (k: string) => data.delete(k) };
}

describe('secret store', () => {
  it('never writes the refresh token in clear text', () => {
    const backing = memoryBacking();
    const secrets = createSecretStore(fakeSafeStorage(true), backing);
    secrets.set('refreshToken', 'r-123456');
    expect(JSON.stringify([...backing.data.values()])).not.toContain('r-123456');
    expect(secrets.get('refreshToken')).toBe('r-123456');
    secrets.set('refreshToken', null);
    expect(secrets.get('refreshToken')).toBeNull();
  });

  it('keeps nothing on disk when the OS offers no encryption', () => {
    const backing = memoryBacking();
    const secrets = createSecretStore(fakeSafeStorage(false), backing);
    secrets.set('refreshToken', 'r-123456');
    expect(backing.data.size).toBe(0);
    expect(secrets.get('refreshToken')).toBeNull();
  });
});
