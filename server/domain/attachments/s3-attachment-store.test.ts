import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_KEYS, startLocalS3, type LocalS3 } from '../../../test/support/local-s3';
import { readAll } from '../../../test/support/read-stream';
import { PNG_1X1, TINY_PDF } from '../../../test/support/sample-files';
import { S3AttachmentStore } from './s3-attachment-store';
import { spoolFile } from './spooled-file';

let s3: LocalS3;
let spoolDir: string;

beforeAll(async () => {
  s3 = await startLocalS3();
  spoolDir = await mkdtemp(join(tmpdir(), 'sb-s3-spool-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(spoolDir, { recursive: true, force: true });
});

const storeWith = (keys: { accessKeyId: string; secretAccessKey: string } = LOCAL_S3_KEYS, prefix?: string) =>
  new S3AttachmentStore({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', ...keys, spoolDir, ...(prefix ? { prefix } : {}) });

/** The object names in the bucket, as S3's ListObjectsV2 answers them. */
async function objectKeys(): Promise<string[]> {
  const client = new AwsClient({ ...LOCAL_S3_KEYS, region: 'us-east-1', service: 's3' });
  const answer = await client.fetch(`${s3.endpoint}/${s3.bucket}?list-type=2`);
  const xml = await answer.text();
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

describe('the S3-compatible attachment store (s3rver on 127.0.0.1)', () => {
  it('uploads signed requests, stores the same bytes once, and gives back exactly them', async () => {
    const store = storeWith(LOCAL_S3_KEYS, 'switchboard/');
    const file = await spoolFile(PNG_1X1, { dir: spoolDir, maxBytes: 1024 });
    const again = await spoolFile(PNG_1X1, { dir: spoolDir, maxBytes: 1024 });
    const key = await store.put(file);
    expect(await store.put(again)).toBe(key);
    expect(await objectKeys()).toEqual([`switchboard/${key.slice(0, 2)}/${key}`]);
    expect(await store.has(key)).toBe(true);
    expect(await readAll(await store.get(key))).toEqual(PNG_1X1);
    await file.discard();
    await again.discard();
  });

  it('answers nothing for missing bytes and deletes what it holds', async () => {
    const store = storeWith();
    const file = await spoolFile(TINY_PDF, { dir: spoolDir, maxBytes: 1024 });
    const key = await store.put(file);
    await file.discard();
    expect(await readAll(await store.get(key))).toEqual(TINY_PDF);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  // s3rver reads the Signature V4 Authorization header but does not recompute it: a key it does not know is what it refuses.
  it('sends every request with an Authorization header naming its key: a key the bucket does not know is refused', async () => {
    const store = storeWith({ accessKeyId: 'NOT-A-KEY', secretAccessKey: LOCAL_S3_KEYS.secretAccessKey });
    const file = await spoolFile(Buffer.from('hello'), { dir: spoolDir, maxBytes: 1024 });
    await expect(store.put(file)).rejects.toThrow(/S3 (HEAD|PUT) answered HTTP 403/);
    await file.discard();
  });
});
