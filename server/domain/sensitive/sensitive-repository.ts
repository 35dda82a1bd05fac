import { randomUUID } from 'node:crypto';
import type { SensitiveAction, SensitiveWord } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { sensitivePatternProblem } from '../../../shared/sensitive-words';
import { unsafeRegexError, unsafeRegexProblem } from '../../../shared/text/safe-regex';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';

type WordRow = { id: string; pattern: string; kind: SensitiveWord['kind']; action: SensitiveAction; updated_at: Date | string };

const toWord = (row: WordRow): SensitiveWord => ({
  id: row.id,
  pattern: row.pattern,
  kind: row.kind,
  action: row.action,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** The account's sensitive words, oldest first. */
export async function listSensitiveWords(db: Queryable, accountId: string): Promise<SensitiveWord[]> {
  const rows = await db.query<WordRow>(
    'SELECT id, pattern, kind, action, updated_at FROM sensitive_words WHERE account_id = $1 ORDER BY created_at, id',
    [accountId],
  );
  return rows.map(toWord);
}

/** The account's list version, raised by every change (see migration 0005). */
export async function sensitiveWordsVersion(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ v: number | string }>('SELECT sensitive_words_version AS v FROM accounts WHERE id = $1', [accountId]);
  return Number(rows[0]?.v ?? 0);
}

export type SensitiveWordInput = { id?: string; pattern: string; kind: SensitiveWord['kind']; action: SensitiveAction };

const adminsOnly = () => new AppError('forbidden', 'Only admins can change the sensitive word list.');

async function bumpVersion(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('UPDATE accounts SET sensitive_words_version = sensitive_words_version + 1 WHERE id = $1', [accountId]);
}

const isDuplicate = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/**
 * Admins add an entry (no id) or change one; audited as `sensitive_word.create` or `.update`. A
 * pattern that cannot be used is refused with `bad_request` saying why; the same pattern twice
 * with `conflict`.
 */
export async function saveSensitiveWord(db: Db, user: Viewer, input: SensitiveWordInput): Promise<SensitiveWord> {
  if (user.role !== 'admin') throw adminsOnly();
  const pattern = input.pattern.trim();
  // A regular expression is refused by the one rule every user regex follows, with its reason.
  const unsafe = input.kind === 'regex' ? unsafeRegexProblem(pattern) : null;
  if (unsafe) throw unsafeRegexError(unsafe);
  const problem = sensitivePatternProblem(input.kind, pattern);
  if (problem) throw new AppError('bad_request', `pattern: ${problem}`);
  try {
    return await db.transaction(async (tx) => {
      let row: WordRow | undefined;
      if (input.id === undefined) {
        const id = randomUUID();
        [row] = await tx.query<WordRow>(
          `INSERT INTO sensitive_words (id, account_id, pattern, kind, action) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, pattern, kind, action, updated_at`,
          [id, user.accountId, pattern, input.kind, input.action],
        );
        await recordAudit(tx, {
          accountId: user.accountId, actorId: user.id, action: 'sensitive_word.create', targetType: 'sensitive_word', targetId: id,
          details: { pattern, kind: input.kind, action: input.action },
        });
      } else {
        const [before] = await tx.query<WordRow>(
          'SELECT id, pattern, kind, action, updated_at FROM sensitive_words WHERE id = $1 AND account_id = $2 FOR UPDATE',
          [input.id, user.accountId],
        );
        if (!before) throw new AppError('not_found', 'There is no such sensitive word.');
        [row] = await tx.query<WordRow>(
          `UPDATE sensitive_words SET pattern = $2, kind = $3, action = $4, updated_at = now() WHERE id = $1
           RETURNING id, pattern, kind, action, updated_at`,
          [input.id, pattern, input.kind, input.action],
        );
        await recordAudit(tx, {
          accountId: user.accountId, actorId: user.id, action: 'sensitive_word.update', targetType: 'sensitive_word', targetId: input.id,
          details: { pattern, kind: input.kind, action: input.action, previous: { pattern: before.pattern, kind: before.kind, action: before.action } },
        });
      }
      if (!row) throw new Error('a saved sensitive word vanished inside its transaction');
      await bumpVersion(tx, user.accountId);
      return toWord(row);
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('conflict', `“${pattern}” is already in the list.`);
    throw err;
  }
}

/** Admins remove an entry; audited as `sensitive_word.delete`. False when there was none. */
export async function deleteSensitiveWord(db: Db, user: Viewer, id: string): Promise<boolean> {
  if (user.role !== 'admin') throw adminsOnly();
  return db.transaction(async (tx) => {
    const [gone] = await tx.query<WordRow>(
      'DELETE FROM sensitive_words WHERE id = $1 AND account_id = $2 RETURNING id, pattern, kind, action, updated_at',
      [id, user.accountId],
    );
    if (!gone) return false;
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'sensitive_word.delete', targetType: 'sensitive_word', targetId: id,
      details: { pattern: gone.pattern, kind: gone.kind, action: gone.action },
    });
    await bumpVersion(tx, user.accountId);
    return true;
  });
}
