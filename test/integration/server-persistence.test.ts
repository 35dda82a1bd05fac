import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import type { Db } from '../../server/db/db';
import { DEMO_SIGN_INS, DEMO_STAFF, demoUser } from '../../server/db/demo-credentials';
import { DEMO_DEPARTMENTS, DEMO_SLA_TARGETS, DEMO_TICKET_TYPES, DEMO_TICKETS } from '../../server/db/demo-tickets';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openDb } from '../../server/db/open-db';
import { seedDemo } from '../../server/db/seed-demo';
import type { VisitorMessage } from '../../shared/protocol';
import type { Department, Ticket, TicketType } from '../../shared/tickets';
import {
  closeAllSockets, connectAgent, connectVisitor, createThrowawayDatabase, data, login, makeTempDir, postgresReachable,
  removeDir, request, startPgliteServer,
} from '../support/server-fixture';
import { emptyDataDir } from '../support/databases';
import { refusal } from '../support/ticket-desk';

const pgReachable = await postgresReachable();
if (!pgReachable) console.log('skipped: PostgreSQL not reachable at 127.0.0.1:5432');

const EXPECTED_TABLES = [
  'accounts', 'agent_sockets', 'ai_settings', 'article_embeddings', 'attachments', 'audit_log', 'bot_rules', 'bot_turns', 'channel_deliveries', 'channels', 'contact_identities', 'contact_merges', 'contact_notes', 'contacts',
  'conversation_participants', 'conversation_tag_links', 'conversation_tag_settings', 'conversation_tags', 'conversations', 'csat_answers', 'csat_requests', 'csat_settings', 'department_members', 'departments', 'email_threads', 'kb_articles', 'kb_question_pairs', 'message_choices', 'messages', 'order_events', 'order_items', 'orders',
  'rate_limit_counts', 'refresh_tokens', 'routing_declines', 'schema_migrations', 'sensitive_words', 'server_nodes', 'settings', 'sign_in_sessions', 'skill_groups', 'socket_io_attachments', 'templates',
  'ticket_conversations', 'ticket_events', 'ticket_settings', 'ticket_sla_targets', 'ticket_types', 'tickets', 'topic_messages', 'topic_runs', 'topics', 'user_skill_groups', 'users', 'webhook_events', 'weekly_report_mailings', 'weekly_report_settings',
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
  // The demo seed runs on the migrated schema. A demo shop loaded before there were tickets gets the
  // ticket desk's demo from the next run; after that, a run changes nothing.
  expect(await seedDemo(db, { tickets: false })).toEqual({ seeded: true, shop: true, tickets: false });
  expect(await rowCount(db, 'tickets')).toBe(0);
  expect(await seedDemo(db)).toEqual({ seeded: true, shop: false, tickets: true });
  const seeded = await demoRowCounts(db);
  expect(seeded).toMatchObject({
    users: DEMO_SIGN_INS.length, departments: DEMO_DEPARTMENTS.length, ticket_types: DEMO_TICKET_TYPES.length,
    ticket_sla_targets: DEMO_SLA_TARGETS.length, ticket_settings: 1, tickets: DEMO_TICKETS.length,
  });
  expect(await seedDemo(db)).toEqual({ seeded: false, shop: false, tickets: false });
  expect(await demoRowCounts(db)).toEqual(seeded);
}

async function rowCount(db: Db, table: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** The rows of every table the demo seed writes to. */
async function demoRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'accounts', 'users', 'skill_groups', 'user_skill_groups', 'channels', 'contacts', 'orders', 'order_items', 'kb_articles', 'bot_rules', 'templates',
    'sensitive_words', 'departments', 'department_members', 'ticket_types', 'ticket_sla_targets', 'ticket_settings', 'tickets', 'ticket_events',
    'messages', 'channel_deliveries', 'audit_log',
  ];
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await rowCount(db, table)] as const)));
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
        expect(Number(users[0]?.n)).toBe(DEMO_SIGN_INS.length);
        // The token secret survived, so the old access token still works.
        const agent = await connectAgent(second.url, tokens.accessToken);
        const list = await request<{ conversations: { contactId: string }[] }>(agent, 'conversations:list', {});
        expect(list.ok && list.data.conversations.map((c) => c.contactId)).toContain(visitor.session.contactId);
        const back = await connectVisitor(second.url, { visitorToken: visitor.session.visitorToken });
        expect(back.session.contactId).toBe(visitor.session.contactId);
        const history = await request<{ messages: VisitorMessage[] }>(back.socket, 'visitor:history', {});
        // What they wrote is there once; the rest are the system's notices (their left message's ticket number).
        const lines = history.ok ? history.data.messages : [];
        expect(lines.filter((m) => m.from === 'me').map((m) => m.body)).toEqual(['before restart']);
        expect(lines.filter((m) => m.from !== 'me').every((m) => m.from === 'system')).toBe(true);
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

describe('the demo seed', () => {
  it('signs 周敏 of 售后 in to her department’s tickets only, with the demo’s ticket types and departments', async () => {
    const dataDir = await emptyDataDir();
    const server = await startPgliteServer(dataDir);
    try {
      expect(server.seeded).toBe(true);
      const tokens = await login(server.url, DEMO_STAFF.email, DEMO_STAFF.password);
      expect(tokens.user).toMatchObject({ name: '周敏', role: 'staff' });
      const staff = await connectAgent(server.url, tokens.accessToken);

      const meta = data(await request<{ types: TicketType[]; departments: Department[]; myDepartmentIds: string[]; leadOf: string[] }>(staff, 'tickets:meta', {}));
      expect(meta.types.map((t) => t.name)).toEqual(['退换货', '维修', '投诉', '发票']);
      expect(meta.departments.map((d) => d.name).sort()).toEqual(['售后', '财务'].sort());
      const afterSales = meta.departments.find((d) => d.name === '售后')!;
      const finance = meta.departments.find((d) => d.name === '财务')!;
      expect(meta.myDepartmentIds).toEqual([afterSales.id]);
      expect(meta.leadOf).toEqual([afterSales.id]);
      expect(meta.types.find((t) => t.name === '发票')!.defaultDepartmentId).toBe(finance.id);

      // The supervisor sees every demo ticket, finance's too; 周敏 exactly those of 售后.
      const supervisor = demoUser('supervisor@demo.test');
      const boss = await connectAgent(server.url, (await login(server.url, supervisor.email, supervisor.password)).accessToken);
      const list = { view: 'all', sort: 'number', limit: 200 };
      const every = data(await request<{ tickets: Ticket[] }>(boss, 'tickets:list', list)).tickets;
      expect(every).toHaveLength(DEMO_TICKETS.length);
      expect(every.some((t) => t.departmentId === finance.id)).toBe(true);
      expect(new Set(every.map((t) => t.status)).size).toBeGreaterThanOrEqual(5);
      const seen = data(await request<{ tickets: Ticket[] }>(staff, 'tickets:list', list)).tickets;
      expect(seen.map((t) => t.number)).toEqual(every.filter((t) => t.departmentId === afterSales.id).map((t) => t.number));
      expect(seen.length).toBeGreaterThan(0);

      // Staff have the Tickets screen only: the inbox answers forbidden.
      expect(await refusal(staff, 'conversations:list', {})).toBe('forbidden');
    } finally {
      closeAllSockets();
      await server.close();
      await removeDir(dataDir);
    }
  });
});
