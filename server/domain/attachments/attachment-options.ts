import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RetryPolicy } from '../../channels/framework/retry-policy';
import type { AttachmentLimits } from './attachment-intake';
import type { AttachmentStore } from './attachment-store';
import { LocalAttachmentStore } from './local-attachment-store';
import { S3AttachmentStore, type S3StoreConfig } from './s3-attachment-store';
import { findFfmpeg, type VoiceTranscoder } from './voice-transcoder';

/** How the server keeps customers' files (ServerOptions.attachments; SWITCHBOARD_FILE_* and SWITCHBOARD_S3_* in the README). */
export type AttachmentOptions = {
  /** An S3-compatible bucket; the folder `<data dir>/attachments` when omitted. */
  s3?: Omit<S3StoreConfig, 'spoolDir'>;
  /** A store of the caller's own (tests); wins over `s3`. */
  store?: AttachmentStore;
  limits?: Partial<AttachmentLimits>;
  /** How fetches from platforms are retried; DEFAULT_MEDIA_RETRY when omitted. */
  retry?: RetryPolicy;
  /** How often due fetches are looked for (ms); DEFAULT_MEDIA_POLL_MS when omitted. */
  pollMs?: number;
  /** How long one download may take (ms); DEFAULT_MEDIA_TIMEOUT_MS when omitted. */
  timeoutMs?: number;
  /** API-channel file links may point at this machine (tests of the API channel only; never in production). */
  allowLoopbackUrls?: boolean;
  /**
   * Converts voice notes browsers cannot play (AMR): a transcoder of the caller's, null for none;
   * when omitted, ffmpeg if the server has it (SWITCHBOARD_FFMPEG, or ffmpeg on the PATH).
   */
  transcoder?: VoiceTranscoder | null;
};

/** The voice transcoder the options ask for: theirs, or this machine's ffmpeg (null when it has none). */
export async function voiceTranscoder(options: AttachmentOptions | undefined): Promise<VoiceTranscoder | null> {
  return options?.transcoder !== undefined ? options.transcoder : findFfmpeg();
}

/** The store the options ask for, and how to let go of it when the server stops. */
export type OpenedAttachmentStore = { store: AttachmentStore; close(): Promise<void> };

/**
 * Opens the attachment store: the caller's, an S3 bucket, or a folder under the data dir. A server
 * without a data dir (in memory, or on PostgreSQL in tests) keeps files in a temporary folder
 * removed when it stops; files that must outlive it need a data dir or a bucket.
 */
export async function openAttachmentStore(options: AttachmentOptions | undefined, dataDir: string | undefined): Promise<OpenedAttachmentStore> {
  if (options?.store) return { store: options.store, close: async () => {} };
  const temporary = dataDir ? null : await mkdtemp(join(tmpdir(), 'switchboard-files-'));
  const root = dataDir ?? temporary!;
  const close = async () => {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  };
  if (options?.s3) return { store: new S3AttachmentStore({ ...options.s3, spoolDir: join(root, 'attachments-incoming') }), close };
  return { store: new LocalAttachmentStore(join(root, 'attachments')), close };
}
