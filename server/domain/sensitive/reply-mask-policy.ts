import type { ReplyMaskPolicy } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';

/** The account's reply masking setting (migration 0019). */
export async function readReplyMaskPolicy(db: Queryable, accountId: string): Promise<ReplyMaskPolicy> {
  const rows = await db.query<{ mask_personal_data: boolean }>('SELECT mask_personal_data FROM accounts WHERE id = $1', [accountId]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'this account no longer exists');
  return { maskPersonalData: row.mask_personal_data };
}

/**
 * Admins change the reply masking setting. A change is audited as `settings.update` (target
 * `settings`, before and after) and raises the sensitive word list's version, so every node
 * and desktop reads it with the list; `changed` says whether anything did.
 */
export async function saveReplyMaskPolicy(
  db: Db,
  admin: Viewer,
  input: ReplyMaskPolicy,
): Promise<{ policy: ReplyMaskPolicy; changed: boolean }> {
  requireAdmin(admin, 'change how replies are masked');
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ mask_personal_data: boolean }>(
      'SELECT mask_personal_data FROM accounts WHERE id = $1 FOR UPDATE',
      [admin.accountId],
    );
    if (!before) throw new AppError('not_found', 'this account no longer exists');
    if (before.mask_personal_data === input.maskPersonalData) return { policy: input, changed: false };
    await tx.query(
      'UPDATE accounts SET mask_personal_data = $2, sensitive_words_version = sensitive_words_version + 1 WHERE id = $1',
      [admin.accountId, input.maskPersonalData],
    );
    await recordAudit(tx, {
      accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'settings', targetId: admin.accountId,
      details: { before: { maskPersonalData: before.mask_personal_data }, after: { maskPersonalData: input.maskPersonalData } },
    });
    return { policy: input, changed: true };
  });
}
