import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { sniffMimeType } from './sniff-type';

/** Bytes on their way in: all at once, or streamed (a platform's download, a Node or web stream). */
export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Bytes written to a temporary file as they arrived, with what the store keys them by: the
 * sha-256 (hex) of the bytes, their length and their sniffed type. `discard()` removes the file
 * (after the store took a copy, or when it is refused).
 */
export type SpooledFile = {
  path: string;
  sha256: string;
  size: number;
  mimeType: string;
  discard(): Promise<void>;
};

/** The bytes were more than one file may be; nothing was kept. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

function toReadable(source: ByteSource): Readable {
  if (source instanceof Uint8Array) return Readable.from([source]);
  if (typeof (source as ReadableStream).getReader === 'function') return Readable.fromWeb(source as WebReadableStream<Uint8Array>);
  return Readable.from(source as AsyncIterable<Uint8Array>);
}

/**
 * Writes `source` to a new file in `dir`, hashing and counting as it goes, and stops (removing
 * the file, throwing FileTooLargeError) as soon as it passes `maxBytes`: a huge download is never
 * held in memory nor written whole.
 */
export async function spoolFile(source: ByteSource, options: { dir: string; maxBytes: number }): Promise<SpooledFile> {
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > options.maxBytes) return callback(new FileTooLargeError(options.maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(toReadable(source), meter, createWriteStream(path, { flags: 'wx' }));
    const mimeType = await sniffMimeType(path);
    return { path, sha256: hash.digest('hex'), size, mimeType, discard: () => rm(path, { force: true }) };
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}
