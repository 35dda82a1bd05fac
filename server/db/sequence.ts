import type { Queryable, Tx } from './db';
import { AppError } from '../../shared/errors';

/**
 * Takes the next number of the account's change sequence (migration 0029). Nothing stays locked
 * but a shared registration that tells readers this transaction is in flight, so writes of one
 * account no longer wait for each other. Numbers increase; a rolled-back transaction leaves its
 * numbers unused.
 */
export async function nextSeq(tx: Tx, accountId: string): Promise<number> {
  const rows = await withAccount(accountId, () => tx.query<{ seq: string | number }>('SELECT next_change_seq($1) AS seq', [accountId]));
  return Number(rows[0]!.seq);
}

/**
 * Takes `count` numbers of the account's sequence in one statement, in increasing order (not
 * necessarily consecutive): a message and its conversation's new number cost one round trip.
 */
export async function takeSeqs(tx: Tx, accountId: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await withAccount(accountId, () =>
    tx.query<{ seq: string | number }>('SELECT next_change_seq($1) AS seq FROM generate_series(1, $2::int) ORDER BY 1', [accountId, count]),
  );
  return rows.map((r) => Number(r.seq));
}

/** Where an account's sequence stands: the last number handed out, and the highest below which every change is committed or never will be. */
export type SeqHead = { handed: number; visible: number };

/**
 * Reads the account's head. Call it before taking the snapshot that reads the changes (outside the
 * reading transaction, or before its first statement in READ COMMITTED): everything up to
 * `visible` committed before the call, so a later snapshot sees it.
 */
export async function readSeqHead(db: Queryable, accountId: string): Promise<SeqHead | null> {
  const rows = await db.query<{ handed: string | number; visible: string | number }>(
    'SELECT h.handed, h.visible FROM accounts a, change_seq_head(a.id) h WHERE a.id = $1',
    [accountId],
  );
  const row = rows[0];
  return row ? { handed: Number(row.handed), visible: Number(row.visible) } : null;
}

/**
 * Moves the account's sequence on to `seq` (seeds that number rows themselves, as if written live).
 * Never moves it back.
 */
export async function advanceSeqTo(db: Queryable, accountId: string, seq: number): Promise<void> {
  await db.query('SELECT setval(change_seq_name($1), GREATEST($2::bigint, pg_sequence_last_value(change_seq_name($1)::regclass)), true)', [accountId, seq]);
}

/**
 * Declares that changes up to `seq` may no longer be complete (history was pruned): clients whose
 * cursor is older are told to reset. Never lowers the floor, never raises it past the last number handed out.
 * Returns the floor now in force.
 */
export async function raiseSyncFloor(db: Queryable, accountId: string, seq: number): Promise<number> {
  const rows = await db.query<{ sync_floor: number }>(
    `UPDATE accounts SET sync_floor = GREATEST(sync_floor, LEAST($2::bigint, (SELECT handed FROM change_seq_head($1))))
     WHERE id = $1 RETURNING sync_floor`,
    [accountId, seq],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `account ${accountId} does not exist`);
  return Number(row.sync_floor);
}

/** An account without a sequence does not exist (any more): a typed error rather than a missing relation. */
async function withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: unknown }).code === '42P01') throw new AppError('not_found', `account ${accountId} does not exist`);
    throw err;
  }
}
