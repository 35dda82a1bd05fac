import type { Tx } from './db';
import { AppError } from '../../shared/errors';

/**
 * Takes the next per-account sequence number. The row lock on the account is held until the
 * transaction ends, so numbers are gap-free and increase in commit order: the sync cursor.
 */
export async function nextSeq(tx: Tx, accountId: string): Promise<number> {
  const rows = await tx.query<{ seq: number }>('UPDATE accounts SET seq = seq + 1 WHERE id = $1 RETURNING seq', [
    accountId,
  ]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', `account ${accountId} does not exist`);
  return Number(row.seq);
}
