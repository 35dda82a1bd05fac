import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../types';

/** Marks a value sealed by FieldCipher (version 1: AES-256-GCM, 12-byte nonce, 16-byte tag). */
const PREFIX = 'sb1:';
/** Marks bytes sealed by `sealBytes` (same cipher, no JSON, no base64). */
const BYTES_PREFIX = Buffer.from('sbb1');
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** The secret store's name for the cache key. */
export const CACHE_KEY_SECRET = 'cacheKey';

/**
 * Seals the personal data the cache keeps (message bodies, customers' names and numbers, drafts,
 * the outbox) with AES-256-GCM, so `cache.sqlite` read off the disk shows none of it. A value is
 * sealed as JSON, so a field keeps its type (string, object) when opened again. Values written
 * before sealing existed read as they are.
 */
export class FieldCipher {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): FieldCipher {
    if (key.length !== KEY_BYTES) throw new Error(`The cache key must be ${KEY_BYTES} bytes, not ${key.length}`);
    return new FieldCipher(Buffer.from(key));
  }

  /** A cipher with a key of its own (a cache that lives for one run, tests). */
  static random(): FieldCipher {
    return new FieldCipher(randomBytes(KEY_BYTES));
  }

  /** The key kept in the secret store (made and kept there the first time). */
  static fromSecrets(secrets: SecretStore): FieldCipher {
    const stored = secrets.get(CACHE_KEY_SECRET);
    const key = stored ? Buffer.from(stored, 'base64') : null;
    if (key && key.length === KEY_BYTES) return new FieldCipher(key);
    const made = randomBytes(KEY_BYTES);
    secrets.set(CACHE_KEY_SECRET, made.toString('base64'));
    return new FieldCipher(made);
  }

  seal(value: unknown): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Raw bytes (a file waiting in the outbox) sealed like any other cached value. */
  sealBytes(bytes: Uint8Array): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([BYTES_PREFIX, nonce, cipher.getAuthTag(), body]);
  }

  /** The bytes `sealBytes` was given. Throws when they were altered, sealed with another key, or never sealed. */
  openBytes(sealed: Uint8Array): Uint8Array {
    const raw = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (!raw.subarray(0, BYTES_PREFIX.length).equals(BYTES_PREFIX)) throw new Error('These bytes were not sealed by the cache');
    const start = BYTES_PREFIX.length;
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(start, start + NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(start + NONCE_BYTES, start + NONCE_BYTES + TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(start + NONCE_BYTES + TAG_BYTES)), decipher.final()]));
  }

  /** The value `seal` was given; anything not sealed comes back as it is. Throws when the value was altered or sealed with another key. */
  open<T = unknown>(value: unknown): T {
    if (!isSealed(value)) return value as T;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }

  /** True when `value` opens with this key. */
  opens(value: string): boolean {
    try {
      this.open(value);
      return true;
    } catch {
      return false;
    }
  }

  /** A copy of `record` with the named fields sealed (absent and null ones stay as they are). */
  sealFields<T extends object>(record: T, fields: readonly (keyof T)[]): T {
    const copy = { ...record } as Record<string, unknown>;
    for (const field of fields) {
      const value = copy[field as string];
      if (value !== undefined && value !== null) copy[field as string] = this.seal(value);
    }
    return copy as T;
  }

  /** A copy of `record` with the named fields opened. */
  openFields<T extends object>(record: T, fields: readonly (keyof T)[]): T {
    const copy = { ...record } as Record<string, unknown>;
    for (const field of fields) if (isSealed(copy[field as string])) copy[field as string] = this.open(copy[field as string]);
    return copy as T;
  }
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}
