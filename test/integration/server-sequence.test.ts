import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { openDb } from '../../server/db/open-db';
import { nextSeq } from '../../server/db/sequence';
import { sendContactMessage } from '../../server/domain/conversations/send-contact-message';
import { SensitiveWordCache } from '../../server/domain/sensitive/sensitive-screen';
import { createThrowawayDatabase, postgresReachable } from '../support/server-fixture';

const pgReachable = await postgresReachable();
if (!pgReachable) console.log('skipped: PostgreSQL not reachable at 127.0.0.1:5432');

type Fixture = { accountId: string; channelId: string; contactIds: string[] };

async function createAccount(db: Db): Promise<Fixture> {
  const accountId = randomUUID();
  const channelId = randomUUID();
  const contactIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Sequence test']);
    await tx.query("INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'widget', 'chat')", [channelId, accountId]);
    for (const id of contactIds) await tx.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [id, accountId, 'c']);
  });
  return { accountId, channelId, contactIds };
}

async function accountSeq(db: Db, accountId: string): Promise<number> {
  const rows = await db.query<{ seq: number }>('SELECT seq FROM accounts WHERE id = $1', [accountId]);
  return Number(rows[0]?.seq);
}

function sequenceSuite(label: string, open: () => Promise<{ db: Db; cleanup: () => Promise<void> }>) {
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await open());
    console.log(`database: ${label}`);
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('hands out distinct, gap-free numbers under concurrent transactions', async () => {
    const { accountId } = await createAccount(db);
    const committed: number[] = [];
    const writers = Array.from({ length: 40 }, async (_, i) => {
      const seq = await db.transaction(async (tx) => {
        const value = await nextSeq(tx, accountId);
        // Hold the lock a little while so transactions really overlap.
        if (i % 3 === 0) await new Promise((r) => setTimeout(r, 5));
        return value;
      });
      committed.push(seq);
    });
    await Promise.all(writers);
    // Commits on different connections may resolve in any order in JS; the numbers must not.
    expect([...committed].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await accountSeq(db, accountId)).toBe(40);
  });

  it('numbers rolled-back transactions nowhere: the next commit takes the same number', async () => {
    const { accountId } = await createAccount(db);
    await db.transaction((tx) => nextSeq(tx, accountId));
    await expect(
      db.transaction(async (tx) => {
        await nextSeq(tx, accountId);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.transaction((tx) => nextSeq(tx, accountId))).toBe(2);
  });

  it('gives concurrent messages and conversation updates distinct, gap-free sequence numbers', async () => {
    const fixture = await createAccount(db);
    const words = new SensitiveWordCache((err) => {
      throw err;
    });
    const sends = Array.from({ length: 24 }, (_, i) =>
      sendContactMessage(
        db,
        { accountId: fixture.accountId, channelId: fixture.channelId, contactId: fixture.contactIds[i % 4]! },
        { clientId: randomUUID(), body: `message ${i}` },
        words,
      ),
    );
    const changes = await Promise.all(sends);
    // Every send took exactly two numbers: one for its message, one for its conversation.
    expect(await accountSeq(db, fixture.accountId)).toBe(48);
    const messageSeqs = changes.map((c) => c.message.seq);
    const conversationSeqs = changes.map((c) => c.conversation.seq);
    const all = [...messageSeqs, ...conversationSeqs].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    for (const change of changes) expect(change.conversation.seq).toBe(change.message.seq + 1);
    // One open conversation per contact, however the sends interleaved.
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations WHERE account_id = $1', [fixture.accountId]);
    expect(Number(rows[0]?.n)).toBe(4);
  });
}

describe('the per-account sequence on PGlite', () => {
  sequenceSuite('PGlite (in memory)', async () => ({ db: await openDb({}), cleanup: async () => undefined }));
});

describe.skipIf(!pgReachable)('the per-account sequence on PostgreSQL', () => {
  sequenceSuite('PostgreSQL at 127.0.0.1:5432 (throwaway database)', async () => {
    const database = await createThrowawayDatabase('empty');
    return { db: await openDb({ databaseUrl: database.url }), cleanup: database.drop };
  });
});
