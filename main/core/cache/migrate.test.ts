import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { SqliteDb } from './sqlite';

/** Rows that every schema version must keep through an upgrade, written at version 1. */
async function fillAtVersion1(db: SqliteDb) {
  await db.run(
    `INSERT INTO conversations (id, seq, last_message_at, data) VALUES ('c1', 3, '2026-11-21T10:00:00Z', '{}')`,
  );
  await db.run(`INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES ('m1', 'c1', 2, NULL, '{}')`);
  await db.run(`INSERT INTO drafts (conversation_id, body, updated_at) VALUES ('c1', '还没写完', '2026-11-21T10:00:00Z')`);
  await db.run(
    `INSERT INTO outbox (client_id, conversation_id, body, created_at, state) VALUES ('018f0000-0000-7000-8000-000000000001', 'c1', 'queued reply', '2026-11-21T10:00:00Z', 'queued')`,
  );
  await db.run(`INSERT INTO sync_state (key, value) VALUES ('cursor', '3')`);
}

/** Migration 0007 drops what was cached in clear from the server: it is synced again from the start. */
const RESYNC_VERSION = 7;

describe('cache migrations', () => {
  it('create the schema on an empty database and record the version', async () => {
    const db = await SqliteDb.open(':memory:');
    expect(await migrate(db)).toBe(migrations.length);
    expect(await db.get('PRAGMA user_version')).toEqual({ user_version: migrations.length });
    // FTS5's own shadow tables (kb_fts_data, …) are left out: they belong to kb_fts.
    const tables = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kb\\_fts\\_%' ESCAPE '\\' ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual([
      'contact_profiles',
      'contacts',
      'conversations',
      'drafts',
      'kb_articles',
      'kb_fts',
      'kb_search',
      'messages',
      'notification_feed',
      'outbox',
      'read_state',
      'sensitive_words',
      'sync_state',
      'templates',
      'ticket_drafts',
      'ticket_events',
      'ticket_outbox',
      'tickets',
    ]);
    await db.close();
  });

  it('run again without changing anything', async () => {
    const db = await SqliteDb.open(':memory:');
    await migrate(db);
    await fillAtVersion1(db);
    await migrate(db);
    expect(await db.get('SELECT COUNT(*) AS n FROM outbox')).toEqual({ n: 1 });
    await db.close();
  });

  // Each later migration is applied to a database filled at the version before it.
  for (let target = 2; target <= migrations.length; target++) {
    it(`upgrade a filled version ${target - 1} database to version ${target}, keeping drafts and the outbox`, async () => {
      const db = await SqliteDb.open(':memory:');
      await migrate(db, migrations.slice(0, 1));
      await fillAtVersion1(db);
      await migrate(db, migrations.slice(0, target - 1));
      await migrate(db, migrations.slice(0, target));
      expect(await db.get('SELECT body FROM drafts')).toEqual({ body: '还没写完' });
      expect(await db.get('SELECT body FROM outbox')).toEqual({ body: 'queued reply' });
      expect(await db.get("SELECT value FROM sync_state WHERE key = 'cursor'")).toEqual(target < RESYNC_VERSION ? { value: '3' } : undefined);
      expect(await db.get('PRAGMA user_version')).toEqual({ user_version: target });
      await db.close();
    });
  }

  it('drop server data cached in clear and the clear search table, keeping drafts, the outbox and their conversations', async () => {
    const db = await SqliteDb.open(':memory:');
    await migrate(db, migrations.slice(0, RESYNC_VERSION - 1));
    await fillAtVersion1(db);
    await db.run(`INSERT INTO conversations (id, seq, last_message_at, data) VALUES ('c2', 4, '2026-11-21T11:00:00Z', '{}')`);
    await db.run(`INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES ('m2', 'c2', 4, NULL, '{"body":"my card is 6222"}')`);
    await db.run(`INSERT INTO contacts (id, data) VALUES ('k1', '{"name":"张伟"}')`);
    await db.run(`UPDATE conversations SET messages_complete = 1`);
    await migrate(db, migrations.slice(0, RESYNC_VERSION));
    expect(await db.all('SELECT id, messages_complete FROM conversations')).toEqual([{ id: 'c1', messages_complete: 0 }]);
    expect(await db.get('SELECT COUNT(*) AS n FROM messages')).toEqual({ n: 0 });
    expect(await db.get('SELECT COUNT(*) AS n FROM contacts')).toEqual({ n: 0 });
    expect(await db.get("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'message_search%'")).toEqual({ n: 0 });
    await db.close();
  });

  it('refuse a cache written by a newer version instead of damaging it', async () => {
    const db = await SqliteDb.open(':memory:');
    await db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    await expect(migrate(db)).rejects.toThrow(/newer Switchboard/);
    await db.close();
  });
});
