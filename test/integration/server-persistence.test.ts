import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import type { Db } from '../../server/db/db';
import { DEMO_USERS } from '../../server/db/demo-credentials';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openDb } from '../../server/db/open-db';
import { seedDemo } from '../../server/db/seed-demo';
import type { VisitorMessage } from '../../shared/protocol';
import {
  closeAllSockets, connectAgent, connectVisitor, createThrowawayDatabase, login, makeTempDir, postgresReachable,
  removeDir, request, startPgliteServer,
} from '../support/server-fixture';
import { emptyDataDir } from '../support/databases';

const pgReachable = await postgresReachable();
if (!pgReachable) console.log('skipped: PostgreSQL not reachable at 127.0.0.1:5432');

const EXPECTED_TABLES = [
  'accounts', 'ai_settings', 'article_embeddings', 'audit_log', 'bot_rules', 'bot_turns', 'channel_deliveries', 'channels', 'contact_identities', 'contact_merges', 'contact_notes', 'contacts',
  'conversation_participants', 'conversations', 'department_members', 'departments', 'email_threads', 'kb_articles', 'kb_question_pairs', 'message_choices', 'messages', 'order_events', 'order_items', 'orders',
  'refresh_tokens', 'routing_declines', 'schema_migrations', 'sensitive_words', 'settings', 'sign_in_sessions', 'skill_groups', 'templates',
  'ticket_conversations', 'ticket_events', 'ticket_settings', 'ticket_sla_targets', 'ticket_types', 'tickets', 'user_skill_groups', 'users', 'webhook_events',
];

async function checkMigrations(db: Db): Promise<void> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  expect(tables.map((t) => t.table_name)).toEqual(EXPECTED_TABLES);
  const applied = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  expect(applied.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
  // Running again applies nothing.
  expect(await migrate(db)).toEqual([]);
  // Constraints the server relies on.
  await expect(db.query("INSERT INTO accounts (id, name) VALUES ('a', 'x'), ('a', 'y')")).rejects.toThrow();
  await db.query("INSERT INTO accounts (id, name) VALUES ('acc', 'x')");
  await expect(
    db.query("INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ('u', 'acc', 'e', 'n', 'owner', 'h')"),
  ).rejects.toThrow();
  // The demo seed runs on the migrated schema and only once.
  expect(await seedDemo(db)).toEqual({ seeded: true });
  expect(await seedDemo(db)).toEqual({ seeded: false });
}

afterAll(() => closeAllSockets());

describe('migrations', () => {
  it('create the schema on PGlite, once', async () => {
    // A new database (as PGlite makes it in an empty folder, copied from the run's: see
    // template-databases.ts); the restart test below starts a server on an empty folder.
    const dataDir = await emptyDataDir();
    console.log(`database: PGlite in ${dataDir} (empty)`);
    const db = await openDb({ dataDir });
    try {
      await checkMigrations(db);
    } finally {
      await db.close();
      await removeDir(dataDir);
    }
  });

  it.skipIf(!pgReachable)('create the same schema on PostgreSQL, once', async () => {
    console.log('database: PostgreSQL at 127.0.0.1:5432 (throwaway database)');
    const database = await createThrowawayDatabase('empty');
    try {
      const db = await openDb({ databaseUrl: database.url });
      try {
        await checkMigrations(db);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('restarting the server', () => {
  it('keeps history, tokens and demo data on the same data dir and port, without seeding again', async () => {
    const dataDir = await makeTempDir();
    try {
      const first = await startPgliteServer(dataDir);
      expect(first.seeded).toBe(true);
      const tokens = await login(first.url, 'wang.fang@demo.test', 'demo-agent');
      const visitor = await connectVisitor(first.url);
      await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'before restart' });
      const port = first.port;
      await first.close();

      const second = await startPgliteServer(dataDir, { port });
      try {
        expect(second.seeded).toBe(false);
        expect(second.port).toBe(port);
        const users = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        expect(Number(users[0]?.n)).toBe(DEMO_USERS.length);
        // The token secret survived, so the old access token still works.
        const agent = await connectAgent(second.url, tokens.accessToken);
        const list = await request<{ conversations: { contactId: string }[] }>(agent, 'conversations:list', {});
        expect(list.ok && list.data.conversations.map((c) => c.contactId)).toContain(visitor.session.contactId);
        const back = await connectVisitor(second.url, { visitorToken: visitor.session.visitorToken });
        expect(back.session.contactId).toBe(visitor.session.contactId);
        const history = await request<{ messages: VisitorMessage[] }>(back.socket, 'visitor:history', {});
        expect(history.ok && history.data.messages.map((m) => m.body)).toEqual(['before restart']);
      } finally {
        await second.close();
      }
    } finally {
      await removeDir(dataDir);
    }
  });

  it.skipIf(!pgReachable)('runs on PostgreSQL with the same behaviour', async () => {
    console.log('database: PostgreSQL at 127.0.0.1:5432 (throwaway database)');
    const database = await createThrowawayDatabase('empty');
    try {
      const server = await startServer({ port: 0, databaseUrl: database.url, seed: 'if-empty' });
      let tokens;
      try {
        expect(server.db.kind).toBe('postgres');
        expect(server.seeded).toBe(true);
        tokens = await login(server.url, 'supervisor@demo.test', 'demo-supervisor');
        const agent = await connectAgent(server.url, tokens.accessToken);
        const visitor = await connectVisitor(server.url);
        const pushed = new Promise((resolve) => agent.once('message:new', resolve));
        await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'hello from PostgreSQL' });
        expect(await pushed).toMatchObject({ body: 'hello from PostgreSQL', senderType: 'contact' });
      } finally {
        await server.close();
      }
      // The token secret lives in the database, so a restart accepts the same token.
      const again = await startServer({ port: 0, databaseUrl: database.url, seed: 'if-empty' });
      try {
        expect(again.seeded).toBe(false);
        const agent = await connectAgent(again.url, tokens.accessToken);
        expect(agent.connected).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      closeAllSockets();
      await database.drop();
    }
  });
});
