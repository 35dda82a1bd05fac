import type { Queryable, Tx } from './db';
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

/**
 * Declares that changes up to `seq` may no longer be complete (history was pruned): clients whose
 * cursor is older are told to reset. Never lowers the floor, never raises it past the account's seq.
 * Returns the floor now in force.
 */
export async function raiseSyncFloor(db: Queryable, accountId: string, seq: number): Promise<number> {
  const rows = await db.query<{ sync_floor: number }>(
    'UPDATE accounts SET sync_floor = GREATEST(sync_floor, LEAST($2::bigint, seq)) WHERE id = $1 RETURNING sync_floor',
    [accountId, seq],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `account ${accountId} does not exist`);
  return Number(row.sync_floor);
}
