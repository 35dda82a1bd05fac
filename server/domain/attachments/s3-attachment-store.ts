import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { checkedKey, type AttachmentStore } from './attachment-store';
import type { SpooledFile } from './spooled-file';

/** An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …), addressed path-style: `<endpoint>/<bucket>/<key>`. */
export type S3StoreConfig = {
  /** http(s)://host[:port], no bucket in it. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Put before every object name (e.g. `switchboard/`); empty when omitted. */
  prefix?: string;
  /** Where files wait on the server's disk while they arrive, before they are uploaded. */
  spoolDir: string;
  /** How long one call to the bucket may take (ms); 60 s when omitted. */
  timeoutMs?: number;
};

/** The bucket answered something other than what S3 documents for success. */
export class S3StoreError extends Error {
  constructor(operation: string, status: number, body: string) {
    super(`S3 ${operation} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
    this.name = 'S3StoreError';
  }
}

/**
 * Files as objects `<prefix><ab>/<sha-256>` in one bucket, every request signed with AWS
 * Signature V4 (aws4fetch). Uploads stream from the spooled file with the sha-256 we computed as
 * the signed payload hash, so the bucket itself refuses bytes that changed on the way.
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly spoolDir: string;
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly config: S3StoreConfig) {
    this.spoolDir = config.spoolDir;
    this.client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3', retries: 0 });
    this.base = `${config.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(config.bucket)}/`;
    this.timeoutMs = config.timeoutMs ?? 60_000;
  }

  private urlOf(key: string): string {
    const k = checkedKey(key);
    const prefix = (this.config.prefix ?? '').split('/').filter(Boolean).map(encodeURIComponent).join('/');
    return `${this.base}${prefix ? `${prefix}/` : ''}${k.slice(0, 2)}/${k}`;
  }

  private call(key: string, init: RequestInit): Promise<Response> {
    return this.client.fetch(this.urlOf(key), { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  async put(file: SpooledFile): Promise<string> {
    if (await this.has(file.sha256)) return file.sha256;
    const body = Readable.toWeb(createReadStream(file.path)) as unknown as ReadableStream<Uint8Array>;
    const response = await this.call(file.sha256, {
      method: 'PUT',
      body,
      headers: {
        'content-length': String(file.size),
        'content-type': 'application/octet-stream',
        'x-amz-content-sha256': file.sha256,
      },
    });
    if (!response.ok) throw new S3StoreError('PUT', response.status, await response.text().catch(() => ''));
    await response.body?.cancel();
    return file.sha256;
  }

  async get(key: string): Promise<Readable | null> {
    const response = await this.call(key, { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) throw new S3StoreError('GET', response.status, await response.text().catch(() => ''));
    return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  }

  async has(key: string): Promise<boolean> {
    const response = await this.call(key, { method: 'HEAD' });
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) throw new S3StoreError('HEAD', response.status, '');
    return true;
  }

  async delete(key: string): Promise<void> {
    const response = await this.call(key, { method: 'DELETE' });
    if (!response.ok && response.status !== 404) throw new S3StoreError('DELETE', response.status, await response.text().catch(() => ''));
    await response.body?.cancel();
  }
}
