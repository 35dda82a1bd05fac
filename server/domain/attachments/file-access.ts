import type { Role } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { getConversationView } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { canRead, type Viewer } from '../conversations/permissions';
import { attachmentConversation, getAttachment, type AttachmentRecord } from './attachment-repository';

export type FileAccess =
  | { ok: true; file: AttachmentRecord; conversationId: string; messageId: string }
  /** `missing`: no such file in the viewer's account; `forbidden`: its conversation is not theirs to read. */
  | { ok: false; reason: 'missing' | 'forbidden' };

/**
 * A stored file with its conversation, when `viewer` may read that conversation now (the same rule
 * as for its messages, canRead). Asked when a link is issued and again when it is used: access
 * taken away in between ends the link.
 */
export async function readableFile(db: Queryable, viewer: Viewer, fileId: string): Promise<FileAccess> {
  const file = await getAttachment(db, fileId);
  if (!file || file.accountId !== viewer.accountId) return { ok: false, reason: 'missing' };
  const where = await attachmentConversation(db, fileId);
  const conversation = where ? await getConversationView(db, where.conversationId) : null;
  if (!where || !conversation) return { ok: false, reason: 'missing' };
  if (!canRead(await loadMember(db, viewer), conversation)) return { ok: false, reason: 'forbidden' };
  return { ok: true, file, conversationId: where.conversationId, messageId: where.messageId };
}

/** The user a signed link names, as the permission rules see them; null when gone or deactivated. */
export async function activeViewer(db: Queryable, userId: string): Promise<Viewer | null> {
  const rows = await db.query<{ id: string; account_id: string; role: Role }>(
    'SELECT id, account_id, role FROM users WHERE id = $1 AND deactivated_at IS NULL',
    [userId],
  );
  const row = rows[0];
  return row ? { id: row.id, accountId: row.account_id, role: row.role } : null;
}

/**
 * A stored file a widget customer may open: one carried by a message of their own conversation
 * that they were shown (theirs, or a reply to them; never an internal note); null otherwise.
 */
export async function visitorReadableFile(db: Queryable, contactId: string, fileId: string): Promise<AttachmentRecord | null> {
  const rows = await db.query<{ ok: number }>(
    `SELECT 1 AS ok FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id
     JOIN channels ch ON ch.id = c.channel_id
     WHERE a.id = $1 AND c.contact_id = $2 AND m.internal = false AND ch.kind = 'widget'`,
    [fileId, contactId],
  );
  return rows[0] ? getAttachment(db, fileId) : null;
}
