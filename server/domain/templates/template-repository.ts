import { randomUUID } from 'node:crypto';
import type { Lang, Template, templateInputSchema } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { checkQuickReplyRows, type QuickReplyImportResult, type QuickReplyImportRow } from '../../../shared/quick-reply-exchange';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/db';
import { auditChange } from '../audit/audit-change';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';

type TemplateRow = { id: string; owner_id: string | null; lang: Lang; shortcut: string; title: string; body: string; category: string };
const COLUMNS = 'id, owner_id, lang, shortcut, title, body, category';

export type TemplateInput = z.output<typeof templateInputSchema>;

export const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  ownerId: r.owner_id,
  lang: r.lang,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  category: r.category,
});

/** Who hears that a reply changed: everyone for a team reply, only its owner for a personal one. */
export type TemplateAudience = { kind: 'account' } | { kind: 'user'; userId: string };

const teamAdminsOnly = () => new AppError('forbidden', "Only admins and supervisors can change the team's quick replies.");

/** The team's replies are kept by admins and supervisors (the admin screen's quick-replies tab). */
const keepsTeamReplies = (user: Viewer) => user.role === 'admin' || user.role === 'supervisor';
const noSuchTemplate = () => new AppError('not_found', 'There is no such quick reply.');

/**
 * Whether this user may change a stored reply: team replies are the admins', personal ones their
 * owner's alone. Another agent's personal reply is answered as not found: it is not theirs to see.
 */
function checkMayChange(user: Viewer, stored: TemplateRow): void {
  if (stored.owner_id === null) {
    if (!keepsTeamReplies(user)) throw teamAdminsOnly();
  } else if (stored.owner_id !== user.id) {
    throw noSuchTemplate();
  }
}

async function lockTemplate(tx: Queryable, accountId: string, id: string): Promise<TemplateRow | undefined> {
  const [row] = await tx.query<TemplateRow>(`SELECT ${COLUMNS} FROM templates WHERE id = $1 AND account_id = $2 FOR UPDATE`, [id, accountId]);
  return row;
}

/** What a reader of the audit log sees of a reply's change: its words and where it is filed. */
const shown = (r: TemplateRow) => ({ shortcut: r.shortcut, title: r.title, lang: r.lang, category: r.category, body: r.body });

const audienceOf = (user: Viewer, ...owners: (string | null | undefined)[]): TemplateAudience =>
  owners.some((o) => o === null) ? { kind: 'account' } : { kind: 'user', userId: user.id };

/**
 * Adds (no id) or changes a quick reply. `personal` replies belong to the user saving them; `team`
 * replies only admins and supervisors may write. A shortcut already used by another reply of the
 * same owner (the team, or this user) in the same language is refused with `shortcut_taken`. Team
 * replies are audited, a change with each field before and after.
 */
export async function saveTemplate(db: Db, user: Viewer, input: TemplateInput): Promise<{ template: Template; audience: TemplateAudience }> {
  if (input.scope === 'team' && !keepsTeamReplies(user)) throw teamAdminsOnly();
  const ownerId = input.scope === 'team' ? null : user.id;
  return db.transaction(async (tx) => {
    const before = input.id === undefined ? undefined : await lockTemplate(tx, user.accountId, input.id);
    if (input.id !== undefined) {
      if (!before) throw noSuchTemplate();
      checkMayChange(user, before);
    }
    const [clash] = await tx.query<{ id: string }>(
      `SELECT id FROM templates
       WHERE account_id = $1 AND owner_id IS NOT DISTINCT FROM $2 AND lang = $3 AND lower(shortcut) = lower($4) AND id <> $5 LIMIT 1`,
      [user.accountId, ownerId, input.lang, input.shortcut, input.id ?? ''],
    );
    if (clash) {
      throw new AppError('shortcut_taken', `The shortcut “${input.shortcut}” is already used by another quick reply.`, { shortcut: input.shortcut });
    }
    const id = input.id ?? randomUUID();
    const values = [id, user.accountId, ownerId, input.lang, input.shortcut, input.title, input.body, input.category];
    const [row] = before
      ? await tx.query<TemplateRow>(
          `UPDATE templates SET owner_id = $3, lang = $4, shortcut = $5, title = $6, body = $7, category = $8
           WHERE id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
          values,
        )
      : await tx.query<TemplateRow>(
          `INSERT INTO templates (id, account_id, owner_id, lang, shortcut, title, body, category)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
          values,
        );
    if (!row) throw new Error('a saved quick reply vanished inside its transaction');
    if (ownerId === null || before?.owner_id === null) {
      await recordAudit(tx, {
        accountId: user.accountId,
        actorId: user.id,
        action: before ? 'template.update' : 'template.create',
        targetType: 'template',
        targetId: id,
        details: {
          shortcut: row.shortcut, title: row.title, lang: row.lang, scope: input.scope,
          ...(before ? auditChange(shown(before), shown(row)) : {}),
        },
      });
    }
    return { template: toTemplate(row), audience: audienceOf(user, ownerId, before?.owner_id) };
  });
}

/** Removes a quick reply under the same rule as saving one; false (and no audience) when there was none. */
export async function deleteTemplate(db: Db, user: Viewer, id: string): Promise<{ deleted: boolean; audience: TemplateAudience | null }> {
  return db.transaction(async (tx) => {
    const before = await lockTemplate(tx, user.accountId, id);
    if (!before) return { deleted: false, audience: null };
    checkMayChange(user, before);
    await tx.query('DELETE FROM templates WHERE id = $1', [id]);
    if (before.owner_id === null) {
      await recordAudit(tx, {
        accountId: user.accountId,
        actorId: user.id,
        action: 'template.delete',
        targetType: 'template',
        targetId: id,
        details: { shortcut: before.shortcut, title: before.title, lang: before.lang },
      });
    }
    return { deleted: true, audience: audienceOf(user, before.owner_id) };
  });
}

/**
 * Writes the team's replies from an import file, all or nothing: every row is checked first and any
 * problem (by line) means nothing is written. A team reply with the same shortcut in the same
 * language is updated, others are created; each change audited as a save is. Admins and supervisors only.
 */
export async function importTeamTemplates(
  db: Db,
  user: Viewer,
  rows: readonly QuickReplyImportRow[],
): Promise<{ result: QuickReplyImportResult; audience: TemplateAudience | null }> {
  if (!keepsTeamReplies(user)) throw teamAdminsOnly();
  const { replies, problems } = checkQuickReplyRows(rows);
  if (problems.length > 0) return { result: { created: 0, updated: 0, errors: problems }, audience: null };
  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const reply of replies) {
      const [before] = await tx.query<TemplateRow>(
        `SELECT ${COLUMNS} FROM templates
         WHERE account_id = $1 AND owner_id IS NULL AND lang = $2 AND lower(shortcut) = lower($3) LIMIT 1 FOR UPDATE`,
        [user.accountId, reply.lang, reply.shortcut],
      );
      const values = [before?.id ?? randomUUID(), user.accountId, reply.lang, reply.shortcut, reply.title, reply.body, reply.category];
      const [row] = before
        ? await tx.query<TemplateRow>(
            `UPDATE templates SET lang = $3, shortcut = $4, title = $5, body = $6, category = $7
             WHERE id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
            values,
          )
        : await tx.query<TemplateRow>(
            `INSERT INTO templates (id, account_id, owner_id, lang, shortcut, title, body, category)
             VALUES ($1, $2, NULL, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
            values,
          );
      if (!row) throw new Error('an imported quick reply vanished inside its transaction');
      if (before) updated++;
      else created++;
      await recordAudit(tx, {
        accountId: user.accountId,
        actorId: user.id,
        action: before ? 'template.update' : 'template.create',
        targetType: 'template',
        targetId: row.id,
        details: {
          shortcut: row.shortcut, title: row.title, lang: row.lang, scope: 'team', imported: true,
          ...(before ? auditChange(shown(before), shown(row)) : {}),
        },
      });
    }
    return { result: { created, updated, errors: [] }, audience: { kind: 'account' } };
  });
}
