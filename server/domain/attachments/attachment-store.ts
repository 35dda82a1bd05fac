import type { Readable } from 'node:stream';
import type { SpooledFile } from './spooled-file';

/**
 * Where customers' files are kept: bytes by their sha-256, so a file sent twice (or by two
 * customers) is stored once. A folder under the data dir by default (LocalAttachmentStore), an
 * S3-compatible bucket when configured (S3AttachmentStore). The store knows nothing of accounts,
 * messages or quotas: the attachments table does (attachment-intake.ts).
 */
export interface AttachmentStore {
  /** Keeps the spooled bytes under their key (a copy already there is left as it is); the key. */
  put(file: SpooledFile): Promise<string>;
  /** The bytes under `key` as a stream; null when there are none. */
  get(key: string): Promise<Readable | null>;
  has(key: string): Promise<boolean>;
  /** Removes the bytes under `key`; nothing happens when there are none. */
  delete(key: string): Promise<void>;
  /** Where files wait while they arrive, before `put` (on the server's own disk, whatever the store). */
  readonly spoolDir: string;
}

/** A key is the bytes' sha-256 in lower-case hex; nothing else reaches a path or an object name. */
export function checkedKey(key: string): string {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not an attachment key: ${key.slice(0, 80)}`);
  return key;
}
