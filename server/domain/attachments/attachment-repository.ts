import { randomUUID } from 'node:crypto';
import type { Attachment, AttachmentFileState } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { attachmentSourceSchema, type AttachmentSource } from './attachment-source';

/** One file a new message carries, as it is first recorded. */
export type NewAttachmentFile = {
  kind: Attachment['kind'];
  fileName: string | null;
  source: AttachmentSource;
};

/** A row of the attachments table, in our terms. */
export type AttachmentRecord = {
  id: string;
  accountId: string;
  /** Null while an upload waits for the message that sends it. */
  messageId: string | null;
  /** The conversation an upload was made for; null on customers' platform files (their message says). */
  conversationId: string | null;
  /** Who uploaded it (a user with 'agent', a contact with 'contact'); null on customers' platform files. */
  uploader: { id: string; kind: 'agent' | 'contact' } | null;
  position: number;
  kind: Attachment['kind'];
  fileName: string | null;
  state: AttachmentFileState;
  source: AttachmentSource;
  sha256: string | null;
  size: number | null;
  mimeType: string | null;
  attempts: number;
  error: string | null;
  /** A copy browsers can play of a sound they cannot (voice-transcoder.ts): where it is stored, its size and type. */
  playable: { sha256: string; size: number; mimeType: string } | null;
};

type Row = {
  id: string;
  account_id: string;
  message_id: string | null;
  conversation_id: string | null;
  uploaded_by: string | null;
  uploader_kind: 'agent' | 'contact' | null;
  position: number;
  kind: Attachment['kind'];
  file_name: string | null;
  state: AttachmentFileState;
  source: unknown;
  sha256: string | null;
  size: number | string | null;
  mime_type: string | null;
  playable_sha256: string | null;
  playable_size: number | string | null;
  playable_mime_type: string | null;
  attempts: number;
  error: string | null;
};

const COLUMNS = `id, account_id, message_id, conversation_id, uploaded_by, uploader_kind, position, kind, file_name, state, source, sha256, size, mime_type, attempts, error,
  playable_sha256, playable_size, playable_mime_type`;

function toRecord(row: Row): AttachmentRecord {
  const source = attachmentSourceSchema.parse(typeof row.source === 'string' ? JSON.parse(row.source) : row.source);
  return {
    id: row.id, accountId: row.account_id, messageId: row.message_id, conversationId: row.conversation_id,
    uploader: row.uploaded_by && row.uploader_kind ? { id: row.uploaded_by, kind: row.uploader_kind } : null, position: Number(row.position), kind: row.kind, fileName: row.file_name,
    state: row.state, source, sha256: row.sha256, size: row.size === null ? null : Number(row.size), mimeType: row.mime_type,
    attempts: Number(row.attempts), error: row.error,
    playable: row.playable_sha256 && row.playable_mime_type
      ? { sha256: row.playable_sha256, size: Number(row.playable_size ?? 0), mimeType: row.playable_mime_type }
      : null,
  };
}

/**
 * Records the files of a message just stored, in its transaction, each `pending`: files with a
 * platform or URL source are due for the fetch job at once; inline ones (email) wait for their
 * bytes, which the receiver stores right after. A message stored again (the same platform id)
 * keeps the rows it has.
 */
export async function insertAttachmentFiles(tx: Queryable, accountId: string, messageId: string, files: readonly NewAttachmentFile[], now: Date): Promise<void> {
  for (const [position, file] of files.entries()) {
    await tx.query(
      `INSERT INTO attachments (id, account_id, message_id, position, kind, file_name, state, source, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7::jsonb, $8, $9)
       ON CONFLICT (message_id, position) DO NOTHING`,
      [randomUUID(), accountId, messageId, position, file.kind, file.fileName, JSON.stringify(file.source), file.source.kind === 'inline' ? null : now, now],
    );
  }
}

/** Who sends an upload, and where: only they may send it, only there. */
export type UploadOwner = {
  accountId: string;
  /** The conversation an agent uploads for; null for a widget customer (their next message takes it, wherever it goes). */
  conversationId: string | null;
  uploader: { id: string; kind: 'agent' | 'contact' };
};

/** Records a file an agent or a widget customer is uploading, `pending` until its bytes are stored; nothing fetches it. */
export async function insertUpload(db: Queryable, owner: UploadOwner, fileName: string, now: Date): Promise<AttachmentRecord> {
  const rows = await db.query<Row>(
    `INSERT INTO attachments (id, account_id, message_id, conversation_id, uploaded_by, uploader_kind, position, kind, file_name, state, source, created_at)
     VALUES ($1, $2, NULL, $3, $4, $5, 0, 'file', $6, 'pending', '{"kind":"upload"}'::jsonb, $7)
     RETURNING ${COLUMNS}`,
    [randomUUID(), owner.accountId, owner.conversationId, owner.uploader.id, owner.uploader.kind, fileName, now],
  );
  return toRecord(rows[0]!);
}

/** Removes an upload that was refused (too large, no room): it was never stored and no message carries it. */
export async function deleteUnsentUpload(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM attachments WHERE id = $1 AND message_id IS NULL AND state <> 'ready'`, [id]);
}

/**
 * Row-locks a stored upload that `owner` may send in their conversation and no message has taken
 * yet; null when there is none such (another's, another conversation's, already sent, not stored).
 */
export async function lockSendableUpload(tx: Queryable, id: string, owner: UploadOwner): Promise<AttachmentRecord | null> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM attachments
     WHERE id = $1 AND account_id = $2 AND conversation_id IS NOT DISTINCT FROM $3 AND uploaded_by = $4 AND uploader_kind = $5
       AND message_id IS NULL AND state = 'ready'
     FOR UPDATE`,
    [id, owner.accountId, owner.conversationId, owner.uploader.id, owner.uploader.kind],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The message that sends an upload takes it, as its (first) file, with the kind it goes out as. */
export async function attachUpload(tx: Queryable, id: string, messageId: string, kind: Attachment['kind']): Promise<void> {
  await tx.query('UPDATE attachments SET message_id = $2, position = 0, kind = $3 WHERE id = $1 AND message_id IS NULL', [id, messageId, kind]);
}

/** What one uploader's files take, each file counted (a widget customer's quota). */
export async function uploaderUsage(db: Queryable, accountId: string, uploader: { id: string; kind: 'agent' | 'contact' }): Promise<number> {
  const rows = await db.query<{ used: string | number | null }>(
    `SELECT COALESCE(sum(size), 0) AS used FROM attachments
     WHERE account_id = $1 AND uploaded_by = $2 AND uploader_kind = $3 AND state IN ('pending', 'ready') AND size IS NOT NULL`,
    [accountId, uploader.id, uploader.kind],
  );
  return Number(rows[0]?.used ?? 0);
}

export async function getAttachment(db: Queryable, id: string): Promise<AttachmentRecord | null> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The files of one message, in order. */
export async function attachmentsOfMessage(db: Queryable, messageId: string): Promise<AttachmentRecord[]> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM attachments WHERE message_id = $1 ORDER BY position`, [messageId]);
  return rows.map(toRecord);
}

/**
 * Takes up to `limit` pending files due at `now` (or whose fetch was left by a node that stopped)
 * for this node for `leaseMs`; each counts one more attempt. Rows another node holds are skipped.
 */
export async function claimDueAttachments(db: Queryable, now: Date, limit: number, leaseMs: number): Promise<AttachmentRecord[]> {
  const rows = await db.query<Row>(
    `UPDATE attachments a SET attempts = a.attempts + 1, lease_expires_at = $3
     WHERE a.id IN (
       SELECT c.id FROM attachments c
       WHERE c.state = 'pending' AND c.next_attempt_at <= $1 AND (c.lease_expires_at IS NULL OR c.lease_expires_at < $1)
       ORDER BY c.next_attempt_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}`,
    [now, limit, new Date(now.getTime() + leaseMs)],
  );
  return rows.map(toRecord);
}

/** A failed fetch that may work later: tried again at `nextAt`. */
export async function retryAttachmentLater(db: Queryable, id: string, error: string, nextAt: Date): Promise<void> {
  await db.query(
    `UPDATE attachments SET next_attempt_at = $2, lease_expires_at = NULL, error = $3, sha256 = NULL, size = NULL WHERE id = $1 AND state = 'pending'`,
    [id, nextAt, error],
  );
}

/** Ends a file that will not be stored: failed (with the reason), too large or over the quota. */
export async function refuseAttachment(
  db: Queryable,
  id: string,
  state: Exclude<AttachmentFileState, 'pending' | 'ready'>,
  error: string,
  size: number | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE attachments SET state = $2, error = $3, size = $4, sha256 = NULL, next_attempt_at = NULL, lease_expires_at = NULL
     WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, state, error, size],
  );
  return rows.length > 0;
}

/**
 * Bytes an account holds: each stored (or being stored) blob once, however many of its messages
 * carry it. What the quota is measured against.
 */
export async function accountUsage(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ used: string | number | null }>(
    `SELECT COALESCE(sum(size), 0) AS used FROM (
       SELECT DISTINCT sha256, size FROM attachments
       WHERE account_id = $1 AND sha256 IS NOT NULL AND state IN ('pending', 'ready')) blobs`,
    [accountId],
  );
  return Number(rows[0]?.used ?? 0);
}

/** Whether the account already holds these bytes (then storing them again costs it nothing). */
export async function accountHoldsBlob(db: Queryable, accountId: string, sha256: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 AS x FROM attachments WHERE account_id = $1 AND sha256 = $2 AND state IN (\'pending\', \'ready\') LIMIT 1', [accountId, sha256]);
  return rows.length > 0;
}

/** Serialises quota decisions of one account across nodes, until the transaction ends. */
export async function lockAccountQuota(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(73400027, hashtext($1))', [accountId]);
}

/** Holds the account's share for bytes about to be stored (counted by accountUsage until they are, or until released). */
export async function reserveAttachment(tx: Queryable, id: string, sha256: string, size: number): Promise<void> {
  await tx.query(`UPDATE attachments SET sha256 = $2, size = $3 WHERE id = $1 AND state = 'pending'`, [id, sha256, size]);
}

/** The bytes are in the store: the file is ready, with what its bytes are. */
export async function markAttachmentReady(db: Queryable, id: string, stored: { sha256: string; size: number; mimeType: string }, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE attachments SET state = 'ready', sha256 = $2, size = $3, mime_type = $4, error = NULL, next_attempt_at = NULL, lease_expires_at = NULL, stored_at = $5
     WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, stored.sha256, stored.size, stored.mimeType, now],
  );
  return rows.length > 0;
}

/** A playable copy of a stored sound is in the store too (voice-transcoder.ts). */
export async function markPlayableCopy(db: Queryable, id: string, copy: { sha256: string; size: number; mimeType: string }): Promise<void> {
  await db.query(`UPDATE attachments SET playable_sha256 = $2, playable_size = $3, playable_mime_type = $4 WHERE id = $1 AND state = 'ready'`, [
    id, copy.sha256, copy.size, copy.mimeType,
  ]);
}

/** The conversation a file's message is in, with what the permission rules and the push need. */
export async function attachmentConversation(db: Queryable, id: string): Promise<{ conversationId: string; messageId: string; channelId: string } | null> {
  const rows = await db.query<{ conversation_id: string; message_id: string; channel_id: string }>(
    `SELECT m.conversation_id, a.message_id, c.channel_id FROM attachments a
     JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id WHERE a.id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { conversationId: row.conversation_id, messageId: row.message_id, channelId: row.channel_id } : null;
}
