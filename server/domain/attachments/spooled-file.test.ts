import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG_1X1, SCRIPTED_SVG, TINY_PDF } from '../../../test/support/sample-files';
import { FileTooLargeError, spoolFile } from './spooled-file';
import { showsInline } from './sniff-type';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-spool-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* pieces(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('spooling a customer file', () => {
  it('names the type the bytes have, whatever the file was called or claimed to be', async () => {
    expect((await spoolFile(PNG_1X1, { dir, maxBytes: 1024 })).mimeType).toBe('image/png');
    expect((await spoolFile(TINY_PDF, { dir, maxBytes: 1024 })).mimeType).toBe('application/pdf');
    // A script or an SVG has no signature: an unknown file, served only as a download.
    expect((await spoolFile(Buffer.from('#!/bin/sh\nrm -rf /\n'), { dir, maxBytes: 1024 })).mimeType).toBe('application/octet-stream');
    expect((await spoolFile(SCRIPTED_SVG, { dir, maxBytes: 1024 })).mimeType).toBe('application/octet-stream');
  });

  it('keys the bytes by their sha-256, the same streamed in pieces as whole', async () => {
    const bytes = Buffer.concat([PNG_1X1, Buffer.alloc(5000, 7)]);
    const whole = await spoolFile(bytes, { dir, maxBytes: 10_000 });
    const streamed = await spoolFile(pieces(bytes, 333), { dir, maxBytes: 10_000 });
    expect(whole.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(streamed).toMatchObject({ sha256: whole.sha256, size: bytes.length, mimeType: 'image/png' });
    expect(await readFile(streamed.path)).toEqual(bytes);
    await streamed.discard();
    await whole.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops a file past the maximum as it arrives and keeps nothing of it', async () => {
    const bytes = Buffer.alloc(4096, 1);
    await expect(spoolFile(pieces(bytes, 512), { dir, maxBytes: 2000 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await readdir(dir)).toEqual([]);
    // Exactly the maximum is still a file.
    expect((await spoolFile(bytes.subarray(0, 2000), { dir, maxBytes: 2000 })).size).toBe(2000);
  });

  it('shows raster images and PDF inline, and never SVG or anything unknown', () => {
    expect(['image/png', 'image/jpeg', 'image/webp', 'application/pdf'].map(showsInline)).toEqual([true, true, true, true]);
    expect(['image/svg+xml', 'text/html', 'application/octet-stream', 'audio/ogg'].map(showsInline)).toEqual([false, false, false, false]);
  });
});
