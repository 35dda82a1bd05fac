import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The provider's API key at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the server's
 * token secret, so a database dump alone does not give the key away. With PGlite the secret sits
 * in the data folder beside the database; on PostgreSQL without SWITCHBOARD_TOKEN_SECRET it sits
 * in the settings table of the same database, and sealing then only keeps the key out of casual
 * reads (set SWITCHBOARD_TOKEN_SECRET to keep the two apart).
 */

const VERSION = 'v1';

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('switchboard-ai'), Buffer.from('provider-api-key'), 32));
}

/** The key sealed for storage: `v1:<iv>:<tag>:<ciphertext>`, base64url parts. */
export function sealKey(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/** The key back, or null when it was sealed under another secret (or tampered with). */
export function unsealKey(sealed: string, secret: string): string | null {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
