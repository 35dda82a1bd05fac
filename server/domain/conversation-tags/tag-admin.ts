import { randomUUID } from 'node:crypto';
import type { ConversationTagSave, ConversationTagSettings, ManagedConversationTag } from '../../../shared/conversation-tags';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';
import { listManagedConversationTags, readConversationTagSettings } from './tag-repository';

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/** Refuses anyone but supervisors and admins: the tag list with its use counts is theirs to read. */
export function requireTagReader(user: Viewer): void {
  if (user.role !== 'admin' && user.role !== 'supervisor') throw new AppError('forbidden', 'Only supervisors and admins can manage conversation tags.');
}

async function managedTag(db: Db, accountId: string, id: string): Promise<ManagedConversationTag> {
  const tag = (await listManagedConversationTags(db, accountId)).find((t) => t.id === id);
  if (!tag) throw new AppError('not_found', 'There is no such conversation tag.');
  return tag;
}

/** Admins: creates (no id) or changes a tag's name, kind, colour and position; audited with before and after. */
export async function saveConversationTag(db: Db, admin: Viewer, input: ConversationTagSave): Promise<ManagedConversationTag> {
  requireAdmin(admin, 'manage conversation tags');
  try {
    const id = await db.transaction(async (tx) => {
      const before = input.id ? (await listManagedConversationTags(tx, admin.accountId)).find((t) => t.id === input.id) : undefined;
      if (input.id && !before) throw new AppError('not_found', 'There is no such conversation tag.');
      const id = input.id ?? randomUUID();
      if (before) {
        await tx.query('UPDATE conversation_tags SET name = $2, kind = $3, colour = $4, position = $5 WHERE id = $1', [id, input.name, input.kind, input.colour, input.position]);
      } else {
        await tx.query('INSERT INTO conversation_tags (id, account_id, name, kind, colour, position) VALUES ($1, $2, $3, $4, $5, $6)', [
          id, admin.accountId, input.name, input.kind, input.colour, input.position,
        ]);
      }
      const { uses: _uses, ...was } = before ?? { uses: 0 };
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: before ? 'conversation_tag.update' : 'conversation_tag.create', targetType: 'conversation_tag', targetId: id,
        details: { before: before ? was : null, after: { ...input, id } },
      });
      return id;
    });
    return managedTag(db, admin.accountId, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'Another tag of this kind already has this name.');
    throw err;
  }
}

/**
 * Admins: archives a tag (it stays on the conversations that have it, named as before, but cannot
 * be put on another) or brings it back; audited when it changed.
 */
export async function archiveConversationTag(db: Db, admin: Viewer, id: string, archived: boolean): Promise<ManagedConversationTag> {
  requireAdmin(admin, 'manage conversation tags');
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ archived: boolean }>('SELECT archived FROM conversation_tags WHERE id = $1 AND account_id = $2 FOR UPDATE', [id, admin.accountId]);
    if (!rows[0]) throw new AppError('not_found', 'There is no such conversation tag.');
    if (rows[0].archived === archived) return;
    await tx.query('UPDATE conversation_tags SET archived = $2 WHERE id = $1', [id, archived]);
    await recordAudit(tx, {
      accountId: admin.accountId, actorId: admin.id, action: archived ? 'conversation_tag.archive' : 'conversation_tag.restore', targetType: 'conversation_tag', targetId: id,
    });
  });
  return managedTag(db, admin.accountId, id);
}

/** Supervisors and admins: the tag settings; admins with `save`, changes them first (audited as `settings.update` when they changed). */
export async function conversationTagSettings(db: Db, admin: Viewer, save?: ConversationTagSettings): Promise<ConversationTagSettings> {
  if (!save) {
    requireTagReader(admin);
    return readConversationTagSettings(db, admin.accountId);
  }
  requireAdmin(admin, 'change the conversation tag settings');
  await db.transaction(async (tx) => {
    const before = await readConversationTagSettings(tx, admin.accountId);
    if (before.requireOutcome === save.requireOutcome) return;
    await tx.query(
      `INSERT INTO conversation_tag_settings (account_id, require_outcome) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET require_outcome = $2`,
      [admin.accountId, save.requireOutcome],
    );
    await recordAudit(tx, { accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'conversation_tag_settings', targetId: null, details: { before, after: save } });
  });
  return readConversationTagSettings(db, admin.accountId);
}
