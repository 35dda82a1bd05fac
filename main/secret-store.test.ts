import { describe, expect, it } from 'vitest';
import { createSecretStore, keyringStrength, type SafeStorageLike } from './secret-store';

function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (buf) => [...buf.toString().slice(4)].reverse().join(''),
    getSelectedStorageBackend: () => backend,
  };
}

function memoryBacking() {
  const data = new Map<string, unknown>();
  return { data, get: (k: string) => data.get(k), set: (k: string, v: string) => data.set(k, v), delete: (k: string) => data.delete(k) };
}

/** A question the test answers when it chooses, counting how often it was asked. */
function question() {
  let answer: (value: boolean) => void = () => {};
  const asked: number[] = [];
  const confirmWeakStorage = () =>
    new Promise<boolean>((resolve) => {
      asked.push(asked.length + 1);
      answer = resolve;
    });
  return { confirmWeakStorage, asked, answer: (value: boolean) => answer(value) };
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('secret store', () => {
  it('never writes the refresh token in clear text', () => {
    const backing = memoryBacking();
    const ask = question();
    const secrets = createSecretStore(fakeSafeStorage(true), backing, { platform: 'linux', ...ask });
    secrets.set('refreshToken', 'r-123456');
    expect(JSON.stringify([...backing.data.values()])).not.toContain('r-123456');
    expect(secrets.get('refreshToken')).toBe('r-123456');
    secrets.set('refreshToken', null);
    expect(secrets.get('refreshToken')).toBeNull();
    expect(ask.asked).toEqual([]);
  });

  it('keeps secrets in memory only when the OS offers no encryption', () => {
    const backing = memoryBacking();
    const ask = question();
    const secrets = createSecretStore(fakeSafeStorage(false), backing, { platform: 'win32', ...ask });
    secrets.set('refreshToken', 'r-123456');
    expect(backing.data.size).toBe(0);
    expect(secrets.get('refreshToken')).toBe('r-123456');
    expect(ask.asked).toEqual([]);
  });

  it('writes nothing on a Linux basic_text keyring until the person agrees, and asks once per run', async () => {
    const backing = memoryBacking();
    const ask = question();
    const secrets = createSecretStore(fakeSafeStorage(true, 'basic_text'), backing, { platform: 'linux', ...ask });
    secrets.set('refreshToken', 'r-1');
    secrets.set('refreshToken', 'r-2');
    expect(ask.asked).toEqual([1]);
    expect(backing.data.size).toBe(0);
    expect(secrets.get('refreshToken')).toBe('r-2');
    ask.answer(true);
    await settled();
    // The latest value, encrypted, and later values follow without asking again.
    expect(createSecretStore(fakeSafeStorage(true, 'basic_text'), backing, { platform: 'linux', ...question() }).get('refreshToken')).toBe('r-2');
    secrets.set('refreshToken', 'r-3');
    expect(JSON.stringify([...backing.data.values()])).not.toContain('r-3');
    expect(createSecretStore(fakeSafeStorage(true, 'basic_text'), backing, { platform: 'linux', ...question() }).get('refreshToken')).toBe('r-3');
    expect(ask.asked).toEqual([1]);
  });

  it('keeps secrets for this run only when the person declines or the question fails', async () => {
    for (const outcome of ['declined', 'failed'] as const) {
      const backing = memoryBacking();
      const errors: unknown[] = [];
      const confirmWeakStorage = () => (outcome === 'declined' ? Promise.resolve(false) : Promise.reject(new Error('no dialog')));
      const secrets = createSecretStore(fakeSafeStorage(true, 'unknown'), backing, {
        platform: 'linux',
        confirmWeakStorage,
        onError: (error) => errors.push(error),
      });
      secrets.set('refreshToken', 'r-1');
      await settled();
      secrets.set('refreshToken', 'r-2');
      await settled();
      expect(backing.data.size, outcome).toBe(0);
      expect(secrets.get('refreshToken')).toBe('r-2');
      expect(errors.length).toBe(outcome === 'failed' ? 1 : 0);
    }
  });

  it('trusts real keyrings and every platform but Linux to pick its own', () => {
    expect(keyringStrength(fakeSafeStorage(true, 'kwallet5'), 'linux')).toBe('os');
    expect(keyringStrength(fakeSafeStorage(true, 'basic_text'), 'linux')).toBe('weak');
    expect(keyringStrength(fakeSafeStorage(true, 'unknown'), 'linux')).toBe('weak');
    expect(keyringStrength(fakeSafeStorage(true, 'basic_text'), 'darwin')).toBe('os');
    expect(keyringStrength(fakeSafeStorage(false), 'linux')).toBe('none');
  });
});
