import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's own fixed keys: it checks every request's AWS Signature V4 against them. */
export const LOCAL_S3_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export type LocalS3 = { endpoint: string; bucket: string; directory: string; close(): Promise<void> };

/** An S3-compatible server on 127.0.0.1 (s3rver, objects in a temp folder) with one empty bucket. */
export async function startLocalS3(bucket = 'switchboard-files'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'sb-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    directory,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
