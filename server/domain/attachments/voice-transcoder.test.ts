import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AMR_VOICE } from '../../../test/support/sample-files';
import { findFfmpeg, needsPlayableCopy } from './voice-transcoder';

const ffmpeg = await findFfmpeg({});
if (!ffmpeg) console.log('skipped: the conversions below need ffmpeg, which is not installed here (.ci/run installs it)');

describe('voice notes browsers cannot play', () => {
  it('asks for a copy of AMR and 3GPP sound only, whatever the parameters', () => {
    expect(['audio/amr', 'audio/amr-wb', 'audio/3gpp', 'AUDIO/AMR; rate=8000'].map(needsPlayableCopy)).toEqual([true, true, true, true]);
    expect(['audio/ogg; codecs=opus', 'audio/mpeg', 'audio/wav', 'audio/mp4', 'image/png', 'application/pdf'].map(needsPlayableCopy)).toEqual([false, false, false, false, false, false]);
  });

  it('finds no transcoder when turned off or when the named ffmpeg does not exist', async () => {
    expect(await findFfmpeg({ SWITCHBOARD_FFMPEG: 'off' })).toBeNull();
    expect(await findFfmpeg({ SWITCHBOARD_FFMPEG: '/nonexistent/ffmpeg' })).toBeNull();
  });

  it.skipIf(!ffmpeg)('turns AMR into Ogg Opus, and refuses bytes that are not sound without leaving a file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-voice-'));
    await writeFile(join(dir, 'in.amr'), AMR_VOICE);
    const out = await ffmpeg!.toPlayable(join(dir, 'in.amr'), dir);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(bytes.includes(Buffer.from('OpusHead'))).toBe(true);

    await writeFile(join(dir, 'broken.amr'), Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(64, 0x7c)]));
    await expect(ffmpeg!.toPlayable(join(dir, 'broken.amr'), dir)).rejects.toThrow(/ffmpeg could not convert the sound/);
    expect((await readdir(dir)).sort()).toEqual(['broken.amr', 'in.amr', out.split('/').at(-1)!].sort());
  });
});
