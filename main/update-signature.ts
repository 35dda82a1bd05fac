import { createHash, sign, verify, type KeyLike } from 'node:crypto';
import { createReadStream } from 'node:fs';

/*
 * Detached signatures for update files: Ed25519 over a labelled SHA-512 digest of the file, so a
 * file of any size is hashed as a stream and the key signs 90 bytes. Written beside the file on
 * the feed as `<file>.sig` (base64) by `npm run sign:update`.
 */

const label = Buffer.from('switchboard-update:sha512:');

/** The SHA-512 digest of a file, read as a stream. */
export function fileDigest(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest()));
  });
}

function signedMessage(digest: Buffer): Buffer {
  return Buffer.concat([label, digest]);
}

/** The base64 signature of a file with an Ed25519 private key. */
export async function signUpdateFile(path: string, privateKey: KeyLike): Promise<string> {
  return sign(null, signedMessage(await fileDigest(path)), privateKey).toString('base64');
}

/** True only when `signature` (base64) is the given public key's signature of this file. */
export async function verifyUpdateFile(path: string, signature: string, publicKey: KeyLike): Promise<boolean> {
  const bytes = Buffer.from(signature.trim(), 'base64');
  // Ed25519 signatures are exactly 64 bytes; anything else is not one.
  if (bytes.length !== 64) return false;
  try {
    return verify(null, signedMessage(await fileDigest(path)), publicKey, bytes);
  } catch {
    return false;
  }
}
