import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AttachmentFileState } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/outbound-files';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { getMessageView } from '../conversations/message-repository';
import type { DomainEvents } from '../events';
import type { AttachmentStore } from './attachment-store';
import {
  accountHoldsBlob, accountUsage, attachmentsOfMessage, deleteUnsentUpload, getAttachment, insertUpload, uploaderUsage, type UploadOwner, lockAccountQuota, markAttachmentReady,
  markPlayableCopy, refuseAttachment, reserveAttachment, type AttachmentRecord,
} from './attachment-repository';
import { FileTooLargeError, spoolFile, type ByteSource, type SpooledFile } from './spooled-file';
import { needsPlayableCopy, PLAYABLE_MIME_TYPE, type VoiceTranscoder } from './voice-transcoder';

/** How much one file and one account's files may take. */
export type AttachmentLimits = {
  /** The largest file kept (bytes); a larger one is `too_large`. */
  maxFileBytes: number;
  /** What one account's files may take in all (bytes, each stored file counted once); beyond it new files are `over_quota`. */
  accountQuotaBytes: number;
};

const MIB = 1024 * 1024;
/** 100 MiB a file (WhatsApp's own limit for documents), 5 GiB an account. */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileBytes: 100 * MIB, accountQuotaBytes: 5 * 1024 * MIB };

/** The bytes that arrived are not the ones the platform described (its sha-256): worth fetching again. */
export class ChecksumMismatchError extends Error {
  constructor() {
    super('the downloaded bytes do not match the checksum the platform gave');
    this.name = 'ChecksumMismatchError';
  }
}

const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`);

export type AttachmentIntakeDeps = {
  db: Db;
  store: AttachmentStore;
  events: DomainEvents;
  clock: Clock;
  logError: ErrorLogger;
  limits?: Partial<AttachmentLimits>;
  /** Makes playable copies of sound browsers cannot play (voice-transcoder.ts); absent or null: such files are downloads only. */
  transcoder?: VoiceTranscoder | null;
};

/**
 * Takes a customer's file into the store for its attachments row: spooled to disk while hashed
 * and counted (stopping at the per-file maximum), sniffed, checked against the account's quota
 * under a lock (bytes the account already holds cost nothing), stored once by their sha-256 and
 * marked ready. Whatever the outcome, the message stays; those who may read its conversation are
 * told of the file's new state.
 */
export class AttachmentIntake {
  readonly limits: AttachmentLimits;

  constructor(private readonly deps: AttachmentIntakeDeps) {
    this.limits = { ...DEFAULT_ATTACHMENT_LIMITS, ...deps.limits };
  }

  /** Where the files are kept (read back to send an agent's file to a platform). */
  get files(): AttachmentStore {
    return this.deps.store;
  }

  /**
   * Stores the bytes of a pending file; resolves with its state after. Throws when storing failed
   * in a way worth trying again (the store was unreachable, the bytes did not match `expectedSha256`):
   * the file is still pending, its share of the quota released by the caller's retry.
   */
  async store(record: AttachmentRecord, source: ByteSource, expectedSha256?: string | null, uploaderQuotaBytes?: number): Promise<AttachmentFileState> {
    const { db, store } = this.deps;
    let spooled;
    try {
      spooled = await spoolFile(source, { dir: store.spoolDir, maxBytes: this.limits.maxFileBytes });
    } catch (err) {
      if (err instanceof FileTooLargeError) return this.refuse(record, 'too_large', `the file is larger than ${size(this.limits.maxFileBytes)}`, null);
      throw err;
    }
    try {
      if (expectedSha256 && expectedSha256.toLowerCase() !== spooled.sha256) throw new ChecksumMismatchError();
      const file = spooled;
      const fits = await db.transaction(async (tx) => {
        await lockAccountQuota(tx, record.accountId);
        const held = await accountHoldsBlob(tx, record.accountId, file.sha256);
        if (!held && (await accountUsage(tx, record.accountId)) + file.size > this.limits.accountQuotaBytes) return false;
        if (uploaderQuotaBytes !== undefined && record.uploader && (await uploaderUsage(tx, record.accountId, record.uploader)) + file.size > uploaderQuotaBytes) return false;
        await reserveAttachment(tx, record.id, file.sha256, file.size);
        return true;
      });
      if (!fits) return await this.refuse(record, 'over_quota', 'the file storage is full', file.size);
      await store.put(file);
      const marked = await markAttachmentReady(db, record.id, file, new Date(this.deps.clock()));
      if (marked && needsPlayableCopy(file.mimeType)) await this.playableCopy(record, file);
      if (marked) await this.announce(record);
      return marked ? 'ready' : 'pending';
    } finally {
      await spooled.discard();
    }
  }

  /**
   * Keeps a file an agent or a widget customer uploads for `owner`'s conversation, ready for the
   * message that will send it; throws `payload_too_large` beyond the largest file kept and
   * `storage_full` when the account's storage (or, with `uploaderQuotaBytes`, the uploader's own
   * share) has no room. A refused upload leaves nothing behind.
   */
  async storeUpload(owner: UploadOwner, fileName: string, source: ByteSource, uploaderQuotaBytes?: number): Promise<AttachmentRecord> {
    const record = await insertUpload(this.deps.db, owner, fileName, new Date(this.deps.clock()));
    let state: AttachmentFileState;
    try {
      state = await this.store(record, source, null, uploaderQuotaBytes);
    } catch (err) {
      await deleteUnsentUpload(this.deps.db, record.id);
      throw err;
    }
    if (state !== 'ready') await deleteUnsentUpload(this.deps.db, record.id);
    if (state === 'too_large') throw new AppError('payload_too_large', `The file is larger than ${size(this.limits.maxFileBytes)}.`, { maxSize: formatBytes(this.limits.maxFileBytes) });
    if (state === 'over_quota') throw new AppError('storage_full', 'There is no room left to keep this file.');
    const stored = await getAttachment(this.deps.db, record.id);
    if (state !== 'ready' || !stored) throw new Error(`the upload was not stored (${state})`);
    return stored;
  }

  /** A file too large to fetch (the platform said how large before sending a byte). */
  tooLarge(record: AttachmentRecord, bytes: number): Promise<AttachmentFileState> {
    return this.refuse(record, 'too_large', `the file (${size(bytes)}) is larger than ${size(this.limits.maxFileBytes)}`, bytes);
  }

  /** Gives up on a file (the platform refused it for good, or it failed too often). */
  fail(record: AttachmentRecord, reason: string): Promise<AttachmentFileState> {
    return this.refuse(record, 'failed', reason, null);
  }

  /**
   * Stores the files that came inside a message (email attachments), by position; files still
   * pending after (the store failed) are marked failed, since their bytes are not kept anywhere
   * else. Never throws: the message is stored whatever happens to its files.
   */
  async storeInline(messageId: string, files: readonly ByteSource[]): Promise<void> {
    for (const record of await attachmentsOfMessage(this.deps.db, messageId)) {
      if (record.state !== 'pending' || record.source.kind !== 'inline') continue;
      const bytes = files[record.position];
      try {
        if (!bytes) await this.fail(record, 'the file was not in the message');
        else await this.store(record, bytes);
      } catch (err) {
        this.deps.logError(err, 'storing an inline attachment');
        await this.fail(record, `the file could not be stored: ${err instanceof Error ? err.message : String(err)}`).catch((e: unknown) => this.deps.logError(e, 'storing an inline attachment'));
      }
    }
  }

  /**
   * Converts a stored sound browsers cannot play into one they can and keeps it beside the
   * original. A failure is logged and leaves the original as a download: the file is stored either way.
   */
  private async playableCopy(record: AttachmentRecord, original: SpooledFile): Promise<void> {
    const { transcoder, store, db } = this.deps;
    if (!transcoder) return;
    let converted: string | null = null;
    let copy: SpooledFile | null = null;
    try {
      converted = await transcoder.toPlayable(original.path, store.spoolDir);
      copy = await spoolFile(createReadStream(converted), { dir: store.spoolDir, maxBytes: this.limits.maxFileBytes });
      // file-type names Ogg holding Opus "audio/ogg; codecs=opus"; it is served as the container it is.
      if (copy.mimeType.split(';')[0] !== PLAYABLE_MIME_TYPE) throw new Error(`the converted sound came out as ${copy.mimeType}`);
      await store.put(copy);
      await markPlayableCopy(db, record.id, { sha256: copy.sha256, size: copy.size, mimeType: PLAYABLE_MIME_TYPE });
    } catch (err) {
      this.deps.logError(err, `making a playable copy of attachment ${record.id}`);
    } finally {
      await copy?.discard();
      if (converted) await rm(converted, { force: true });
    }
  }

  private async refuse(record: AttachmentRecord, state: 'failed' | 'too_large' | 'over_quota', reason: string, bytes: number | null): Promise<AttachmentFileState> {
    const changed = await refuseAttachment(this.deps.db, record.id, state, reason, bytes);
    if (changed) await this.announce(record);
    return changed ? state : 'pending';
  }

  /** Tells those who may read the conversation how the message's file stands (only the first file is on the message). */
  private async announce(record: AttachmentRecord): Promise<void> {
    if (record.position !== 0 || record.messageId === null) return;
    const { db } = this.deps;
    const message = await getMessageView(db, record.messageId);
    if (!message?.attachment) return;
    const rows = await db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [message.conversationId]);
    void this.deps.events.emit({
      type: 'attachment.changed',
      accountId: message.accountId,
      assigneeId: rows[0]?.assignee_id ?? null,
      push: { conversationId: message.conversationId, messageId: message.id, attachment: message.attachment },
    });
  }
}
