import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../../server/db/db';
import { openDb } from '../../server/db/open-db';
import { nextSeq, readSeqHead } from '../../server/db/sequence';
import { sendContactMessage } from '../../server/domain/conversations/send-contact-message';
import { SensitiveWordCache } from '../../server/domain/sensitive/sensitive-screen';
import { syncChanges } from '../../server/domain/sync/sync-changes';
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

const handed = async (db: Db, accountId: string) => (await readSeqHead(db, accountId))!.handed;

/** A promise with its resolve function, to hold a transaction open until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Some transactions wait a turn or two of the event loop before committing, so commits land out of order. */
const jitter = (i: number) => new Promise((resolve) => setTimeout(resolve, (i * 7) % 9));

const words = new SensitiveWordCache((err) => {
  throw err;
});

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

  it('hands out distinct numbers under concurrent transactions, each account counting on its own', async () => {
    const { accountId } = await createAccount(db);
    const other = await createAccount(db);
    const committed: number[] = [];
    const writers = Array.from({ length: 40 }, async (_, i) => {
      const seq = await db.transaction(async (tx) => {
        const value = await nextSeq(tx, accountId);
        await nextSeq(tx, other.accountId);
        await jitter(i);
        return value;
      });
      committed.push(seq);
    });
    await Promise.all(writers);
    // Nothing rolled back: every number from 1 on was used once, whatever order the commits took.
    expect([...committed].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await readSeqHead(db, accountId)).toEqual({ handed: 40, visible: 40 });
    expect(await handed(db, other.accountId)).toBe(40);
  });

  it('skips the numbers of a rolled-back transaction, and the head passes them', async () => {
    const { accountId } = await createAccount(db);
    await db.transaction((tx) => nextSeq(tx, accountId));
    await expect(
      db.transaction(async (tx) => {
        await nextSeq(tx, accountId);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.transaction((tx) => nextSeq(tx, accountId))).toBe(3);
    expect(await readSeqHead(db, accountId)).toEqual({ handed: 3, visible: 3 });
  });

  it('answers not_found for an account that does not exist', async () => {
    await expect(db.transaction((tx) => nextSeq(tx, 'no-such-account'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it.skipIf(label.startsWith('PGlite'))('keeps the head below a number whose transaction is still in flight', async () => {
    const { accountId } = await createAccount(db);
    await db.transaction((tx) => nextSeq(tx, accountId));
    const hold = gate();
    const taken = gate();
    let slowSeq = 0;
    const slow = db.transaction(async (tx: Tx) => {
      slowSeq = await nextSeq(tx, accountId);
      taken.open();
      await hold.opened;
    });
    await taken.opened;
    const quick = await db.transaction((tx) => nextSeq(tx, accountId));
    try {
      expect(quick).toBeGreaterThan(slowSeq);
      // The later number committed first: a reader may not go past the earlier one yet.
      expect(await readSeqHead(db, accountId)).toEqual({ handed: quick, visible: slowSeq - 1 });
    } finally {
      hold.open();
      await slow;
    }
    expect(await readSeqHead(db, accountId)).toEqual({ handed: quick, visible: quick });
  });

  it('gives concurrent messages and conversation updates distinct numbers, the conversation after its message', async () => {
    const fixture = await createAccount(db);
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
    expect(await handed(db, fixture.accountId)).toBe(48);
    const all = [...changes.map((c) => c.message.seq), ...changes.map((c) => c.conversation.seq)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    for (const change of changes) expect(change.conversation.seq).toBeGreaterThan(change.message.seq);
    // One open conversation per contact, however the sends interleaved.
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations WHERE account_id = $1', [fixture.accountId]);
    expect(Number(rows[0]?.n)).toBe(4);
  });

  it('a reader syncing from its cursor while writers commit in any order gets every committed message exactly once', async () => {
    const fixture = await createAccount(db);
    const conversations = await Promise.all(
      fixture.contactIds.map((contactId) =>
        sendContactMessage(db, { accountId: fixture.accountId, channelId: fixture.channelId, contactId }, { clientId: randomUUID(), body: 'hello' }, words),
      ),
    );
    const viewer = { id: 'sequence-reader', accountId: fixture.accountId, role: 'supervisor' as const };
    const committed = new Set<string>(conversations.map((c) => c.message.id));
    const seen: string[] = [];
    let cursor = 0;
    let writing = true;
    const readOnce = async () => {
      const page = await syncChanges(db, viewer, { after: cursor, limit: 7 });
      expect(page.reset).toBe(false);
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.cursor;
      return page.hasMore;
    };
    const reader = (async () => {
      let pages = 0;
      while (writing) {
        await readOnce();
        pages += 1;
      }
      while (await readOnce()) pages += 1;
      return pages;
    })();
    const write = async (i: number) => {
      const conversation = conversations[i % conversations.length]!.conversation;
      const id = randomUUID();
      const rollBack = i % 11 === 5;
      try {
        await db.transaction(async (tx) => {
          // Several numbers per transaction, taken and committed at different moments.
          const seq = await nextSeq(tx, fixture.accountId);
          await jitter(i);
          await tx.query(
            `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, internal)
             VALUES ($1, $2, $3, $4, 'system', NULL, $5, true)`,
            [id, fixture.accountId, conversation.id, seq, `writer ${i}`],
          );
          if (i % 3 === 0) await nextSeq(tx, fixture.accountId);
          await jitter(i + 2);
          if (rollBack) throw new Error('rolled back on purpose');
        });
        committed.add(id);
      } catch (err) {
        if (!rollBack) throw err;
      }
    };
    // Six writers at a time (the pool keeps connections for the reader), 150 transactions in all.
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let k = 0; k < 25; k += 1) await write(w * 25 + k);
    });
    await Promise.all(writers);
    writing = false;
    const pages = await reader;
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...committed].sort());
    expect(cursor).toBe(await handed(db, fixture.accountId));
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
