import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll } from '../../../test/support/read-stream';
import { PNG_1X1 } from '../../../test/support/sample-files';
import { LocalAttachmentStore } from './local-attachment-store';
import { spoolFile } from './spooled-file';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sb-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every stored file under the store's folder (spooled ones aside). */
async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.parentPath.includes('.incoming')).map((e) => e.name);
}

describe('the attachment folder', () => {
  it('stores the same bytes once, under their sha-256, and gives back exactly them', async () => {
    const store = new LocalAttachmentStore(root);
    const first = await spoolFile(PNG_1X1, { dir: store.spoolDir, maxBytes: 1024 });
    const again = await spoolFile(PNG_1X1, { dir: store.spoolDir, maxBytes: 1024 });
    const key = await store.put(first);
    expect(await store.put(again)).toBe(key);
    expect(key).toBe(first.sha256);
    await first.discard();
    await again.discard();
    expect(await storedFiles(root)).toEqual([key]);
    expect(await readAll(await store.get(key))).toEqual(PNG_1X1);
    expect(await store.has(key)).toBe(true);
  });

  it('answers nothing for bytes it does not hold, forgets deleted ones, and refuses keys that are not hashes', async () => {
    const store = new LocalAttachmentStore(root);
    const file = await spoolFile(PNG_1X1, { dir: store.spoolDir, maxBytes: 1024 });
    const key = await store.put(file);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not an attachment key/);
  });
});
