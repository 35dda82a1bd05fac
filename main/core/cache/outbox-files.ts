import { chmod, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldCipher } from './field-cipher';

const OWNER_ONLY_FOLDER = 0o700;
const OWNER_ONLY_FILE = 0o600;
/** Client ids are UUIDv7: nothing else is ever taken as a file name. */
const CLIENT_ID = /^[0-9a-f-]{36}$/;

/** The folder beside an agent's cache file that holds the bytes of files waiting in the outbox. */
export function outboxFilesFolder(cacheFolder: string): string {
  return join(cacheFolder, 'outbox-files');
}

/**
 * The bytes of files waiting in the outbox, one file per reply (named by its client id), sealed
 * with the cache's cipher like every other cached value and readable by their owner only. A file
 * is written and flushed to the disk before its outbox row, so a row never names missing bytes.
 */
export class OutboxFiles {
  constructor(
    private readonly folder: string,
    private readonly cipher: FieldCipher,
  ) {}

  async write(clientId: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(clientId);
    await mkdir(this.folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
    await chmod(this.folder, OWNER_ONLY_FOLDER);
    const partial = `${path}.partial`;
    const handle = await open(partial, 'w', OWNER_ONLY_FILE);
    try {
      await handle.writeFile(this.cipher.sealBytes(bytes));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
  }

  /** The bytes kept for `clientId`; null when there are none. */
  async read(clientId: string): Promise<Uint8Array | null> {
    const sealed = await readFile(this.path(clientId)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    return sealed ? this.cipher.openBytes(sealed) : null;
  }

  async remove(clientId: string): Promise<void> {
    await rm(this.path(clientId), { force: true });
  }

  /**
   * Deletes every kept file whose reply is no longer in the outbox (sent, discarded, or half
   * written). `waiting` is asked after the folder was listed, so a file being written now is
   * either still being written (and named by `waiting`) or already has its row.
   */
  async prune(waiting: () => Promise<ReadonlySet<string>>): Promise<void> {
    const names = await readdir(this.folder).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    if (names.length === 0) return;
    const keep = await waiting();
    for (const name of names) if (!keep.has(name.replace(/\.partial$/, ''))) await rm(join(this.folder, name), { force: true });
  }

  private path(clientId: string): string {
    if (!CLIENT_ID.test(clientId)) throw new Error(`Not a client id: ${clientId}`);
    return join(this.folder, clientId);
  }
}
