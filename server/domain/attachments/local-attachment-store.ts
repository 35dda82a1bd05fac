import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkedKey, type AttachmentStore } from './attachment-store';
import type { SpooledFile } from './spooled-file';

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Files in a folder (by default `<data dir>/attachments`): `ab/cd/<sha-256>`, two levels of fan-out
 * so no folder holds more than a few thousand entries. Incoming files spool in `.incoming/` in the
 * same folder, so storing one is a rename on the same disk.
 */
export class LocalAttachmentStore implements AttachmentStore {
  readonly spoolDir: string;

  constructor(private readonly root: string) {
    this.spoolDir = join(root, '.incoming');
  }

  private pathOf(key: string): string {
    const k = checkedKey(key);
    return join(this.root, k.slice(0, 2), k.slice(2, 4), k);
  }

  async put(file: SpooledFile): Promise<string> {
    const target = this.pathOf(file.sha256);
    if (await exists(target)) return file.sha256;
    await mkdir(dirname(target), { recursive: true });
    // A link, not a rename: the spooled file stays the caller's to discard. Across disks, a copy.
    const staged = `${target}.${randomUUID()}.tmp`;
    await link(file.path, staged).catch(() => copyFile(file.path, staged));
    // Two stores of the same bytes at once: either rename wins, both leave the same bytes.
    await rename(staged, target);
    return file.sha256;
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    if (!(await exists(path))) return null;
    return createReadStream(path);
  }

  has(key: string): Promise<boolean> {
    return exists(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
