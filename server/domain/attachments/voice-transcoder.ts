import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Audio types a browser (Chromium, Safari, Firefox) plays in an <audio> element as they are. */
const BROWSER_AUDIO = new Set([
  'audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/vnd.wave', 'audio/webm',
  'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/x-aac', 'audio/flac', 'audio/x-flac',
]);

/** What the playable copy is: Ogg Opus, which every browser the desk and the widget run in plays. */
export const PLAYABLE_MIME_TYPE = 'audio/ogg';

/**
 * Whether a stored file is sound a browser cannot play as it is (WeChat's AMR voice notes,
 * 3GPP audio), so a playable copy is worth making. Telegram's and WhatsApp's Ogg Opus notes play.
 */
export function needsPlayableCopy(mimeType: string): boolean {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('audio/') && !BROWSER_AUDIO.has(type);
}

/** Converts sound to the playable type; null when this server cannot (no ffmpeg). */
export interface VoiceTranscoder {
  /** Writes a playable copy of `inputPath` into `dir`; the new file's path. Throws when ffmpeg refused the input or ran too long. */
  toPlayable(inputPath: string, dir: string): Promise<string>;
}

/** The longest voice note converted (seconds): longer input is cut here rather than tying up a core. */
const MAX_SECONDS = 15 * 60;
/** How long one conversion may run before it is stopped (a voice note takes well under a second). */
const TIMEOUT_MS = 60_000;

/**
 * ffmpeg as a child process: the input decoded whatever it is (AMR-NB/WB are built into ffmpeg),
 * video dropped, Opus at 32 kbit/s mono in Ogg. No shell; the paths are ours.
 */
export class FfmpegTranscoder implements VoiceTranscoder {
  constructor(private readonly ffmpeg: string) {}

  async toPlayable(inputPath: string, dir: string): Promise<string> {
    const output = join(dir, `${randomUUID()}.ogg`);
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', inputPath, '-vn', '-t', String(MAX_SECONDS),
      '-ac', '1', '-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg', output];
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(this.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          if (stderr.length < 2000) stderr += String(d);
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
        child.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.once('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new Error(`ffmpeg could not convert the sound (${signal ? `stopped after ${TIMEOUT_MS / 1000} s` : `exit ${code}`}): ${stderr.trim().slice(0, 300)}`));
        });
      });
      return output;
    } catch (err) {
      await rm(output, { force: true });
      throw err;
    }
  }
}

/**
 * The server's ffmpeg: SWITCHBOARD_FFMPEG when set (a path; "off" turns conversion off), else
 * `ffmpeg` on the PATH; null when none answers `-version` (voice notes browsers cannot play are
 * then offered as downloads).
 */
export async function findFfmpeg(env: NodeJS.ProcessEnv = process.env): Promise<VoiceTranscoder | null> {
  const chosen = env.SWITCHBOARD_FFMPEG?.trim() || 'ffmpeg';
  if (chosen === 'off') return null;
  // Asked once per program: a process that starts several servers (the tests) does not spawn it each time.
  let answer = ffmpegAnswers.get(chosen);
  if (!answer) {
    answer = new Promise<boolean>((resolve) => {
      execFile(chosen, ['-hide_banner', '-version'], { timeout: 10_000 }, (err) => resolve(!err));
    });
    ffmpegAnswers.set(chosen, answer);
  }
  return (await answer) ? new FfmpegTranscoder(chosen) : null;
}

const ffmpegAnswers = new Map<string, Promise<boolean>>();
