import type { Queryable } from '../../db/db';
import type { ChangedRow, SyncHead } from './sync-paging';

/**
 * The account's sequence head and sync floor. Read it before the snapshot that lists the changes
 * is taken: every change up to `seq` has committed by then (see readSeqHead).
 */
export async function readSyncHead(db: Queryable, accountId: string): Promise<SyncHead | null> {
  const rows = await db.query<{ handed: string | number; visible: string | number; sync_floor: string | number }>(
    'SELECT h.handed, h.visible, a.sync_floor FROM accounts a, change_seq_head(a.id) h WHERE a.id = $1',
    [accountId],
  );
  const row = rows[0];
  return row ? { seq: Number(row.visible), handed: Number(row.handed), floor: Number(row.sync_floor) } : null;
}

/**
 * Up to `limit` conversations and messages of the account whose last change lies in
 * (after, upTo], in sequence order. Each half is limited on its own so it walks its
 * (account_id, seq) index and stops after `limit` rows: a page costs the same at the start of a
 * long history as at its end, instead of sorting everything after the cursor.
 */
export async function listChangedRows(
  db: Queryable,
  accountId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<ChangedRow[]> {
  const rows = await db.query<{ kind: 'c' | 'm'; id: string; seq: number }>(
    `(SELECT 'c' AS kind, id, seq FROM conversations WHERE account_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4)
     UNION ALL
     (SELECT 'm' AS kind, id, seq FROM messages WHERE account_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4)
     ORDER BY seq LIMIT $4`,
    [accountId, after, upTo, limit],
  );
  return rows.map((row) => ({ kind: row.kind, id: row.id, seq: Number(row.seq) }));
}
