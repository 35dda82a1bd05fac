import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { startServer } from '../../server/app';
import { openDb } from '../../server/db/open-db';
import { decideOffers } from '../../server/domain/routing/decide';
import { loadGroups, loadQueue, loadTeam } from '../../server/domain/routing/routing-repository';
import type { Db } from '../../server/db/db';
import type { Conversation } from '../../shared/domain';
import { VISITOR_NAMESPACE } from '../../shared/protocol';
import { closeAllSockets, connectAgent, connectVisitor, insertUser, request, tokenFor } from '../support/server-fixture';
import { emit, log, median, now, percentile } from './report';

const BENCH = 'routing';
const WAITING = 1_000;
const AGENTS = 200;
const ROUNDS = 40;
const VISITORS = 200;
const DRAIN_AGENTS = 10;
const SECRET = 'routing-bench-secret';


/**
 * Routing benchmark: (1) the assignment decision for 1,000 waiting conversations and 200 agents,
 * against the SQL that merely reads its inputs, in the same run; (2) queue:update pushes received
 * per second by 200 waiting widget sockets on loopback while the queue drains, against plain
 * socket.io room emits to the same sockets.
 */
export async function runRoutingBench(): Promise<void> {
  await decisionBench();
  await pushBench();
}

async function seedDecision(db: Db): Promise<string> {
  const accountId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Routing bench']);
  const channelId = randomUUID();
  await db.query("INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'widget', 'bench')", [channelId, accountId]);
  const groups = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of groups.entries()) {
    await db.query('INSERT INTO skill_groups (id, account_id, name, max_chats_per_agent) VALUES ($1, $2, $3, $4)', [id, accountId, `G${i}`, i === 2 ? 3 : null]);
  }
  for (let i = 0; i < AGENTS; i++) {
    const user = await insertUser(db, accountId, { name: `Agent ${i}`, maxChats: 3 + (i % 4), groupIds: [groups[i % 3]!, ...(i % 5 === 0 ? [groups[(i + 1) % 3]!] : [])] });
    await db.query("UPDATE users SET presence = $2, presence_changed_at = now() WHERE id = $1", [user.id, i % 10 === 0 ? 'away' : 'online']);
  }
  await db.query(
    `INSERT INTO contacts (id, account_id, name, vip_level) SELECT 'ct-' || g, $1, 'Customer ' || g, (g % 7 = 0)::int * 2 FROM generate_series(1, $2) g`,
    [accountId, WAITING],
  );
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, seq, routing_state, group_id, priority, waiting_since)
     SELECT 'cv-' || g, $1, $2, 'ct-' || g, g, 'queued', ($3::text[])[1 + g % 3], (g % 7 = 0)::int * 2, now() - make_interval(secs => $4 - g)
     FROM generate_series(1, $4) g`,
    [accountId, channelId, groups, WAITING],
  );
  // Some declines, as a real queue has.
  await db.query(
    `INSERT INTO routing_declines (conversation_id, user_id)
     SELECT c.id, (SELECT u.id FROM users u WHERE u.account_id = $1 ORDER BY u.id LIMIT 1 OFFSET (random() * 150)::int)
     FROM conversations c WHERE c.account_id = $1 AND random() < 0.2 ON CONFLICT DO NOTHING`,
    [accountId],
  );
  return accountId;
}

async function decisionBench(): Promise<void> {
  const db = await openDb({});
  try {
    const accountId = await seedDecision(db);
    const queue = await loadQueue(db, accountId);
    const team = (await loadTeam(db, accountId)).filter((u) => u.role === 'agent');
    const groups = await loadGroups(db, accountId);
    const limits = new Map(groups.map((g) => [g.id, g.maxChatsPerAgent]));
    log(`decision: ${queue.length} waiting, ${team.length} agents`);
    const decide: number[] = [];
    const sql: number[] = [];
    let offers = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let t = now();
      await loadQueue(db, accountId);
      await loadTeam(db, accountId);
      sql.push(now() - t);
      t = now();
      offers = decideOffers(queue, team, limits, Date.now()).length;
      decide.push(now() - t);
    }
    const context = { waiting: queue.length, agents: team.length, offers, rounds: ROUNDS, database: 'PGlite in memory' };
    const baseline = { name: 'sql_inputs_ms_p50 (queue + agents with loads, the same run)', value: median(sql) };
    emit({ bench: BENCH, figure: 'decision_ms_p50', value: median(decide), unit: 'ms', baseline, ...context });
    emit({ bench: BENCH, figure: 'decision_ms_p95', value: percentile(decide, 95), unit: 'ms', baseline: { name: 'sql_inputs_ms_p95', value: percentile(sql, 95) }, ...context });
  } finally {
    await db.close();
  }
}

async function pushBench(): Promise<void> {
  // Every benchmark visitor comes from loopback: the address allows them all.
  const server = await startServer({
    port: 0, seed: 'if-empty', tokenSecret: SECRET, routingSweepMs: 60_000, newVisitorLimit: { max: VISITORS, windowMs: 60_000 },
  });
  try {
    const db = server.db;
    const accountId = (await db.query<{ id: string }>('SELECT id FROM accounts'))[0]!.id;
    const group = (await db.query<{ id: string }>("SELECT id FROM skill_groups WHERE name LIKE '售后%'"))[0]!.id;
    const visitors: Socket[] = [];
    let pushes = 0;
    let rawPushes = 0;
    let lastPushAt = 0;
    for (let i = 0; i < VISITORS; i++) {
      const { socket } = await connectVisitor(server.url, { name: `Bench ${i}` }, (s) => {
        s.on('queue:update', () => {
          pushes++;
          lastPushAt = now();
        });
        s.on('bench:raw', () => {
          rawPushes++;
          lastPushAt = now();
        });
      });
      visitors.push(socket);
      await request(socket, 'visitor:send', { clientId: randomUUID(), body: `waiting ${i}`, groupId: group });
    }
    await server.router.settled();
    log(`push: ${VISITORS} visitors waiting; draining with ${DRAIN_AGENTS} agents of one chat each`);

    // Baseline: plain room emits to the same 200 visitor rooms, as many as the drain will send.
    const rooms = (await db.query<{ channel_id: string; contact_id: string }>(
      "SELECT channel_id, contact_id FROM conversations WHERE account_id = $1 AND status = 'open'", [accountId],
    )).map((r) => `visitor:${r.channel_id}:${r.contact_id}`);

    // The drain: agents take one chat each and resolve it at once; the queue moves on every step.
    pushes = 0;
    let resolved = 0;
    const started = now();
    for (let i = 0; i < DRAIN_AGENTS; i++) {
      const user = await insertUser(db, accountId, { name: `Drainer ${i}`, maxChats: 1, groupIds: [group] });
      await connectAgent(server.url, await tokenFor(SECRET, user), (s) => {
        s.on('conversation:upsert', (c: Conversation) => {
          if (c.routingState !== 'offered' || c.offeredToId !== user.id) return;
          void request(s, 'conversation:accept', { conversationId: c.id })
            .then(() => request(s, 'conversation:resolve', { conversationId: c.id }))
            .then(() => resolved++);
        });
      });
    }
    const deadline = Date.now() + 90_000;
    while (resolved < VISITORS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await server.router.settled();
    await new Promise((r) => setTimeout(r, 200));
    const drainSeconds = (lastPushAt - started) / 1000;
    const drainPushes = pushes;

    rawPushes = 0;
    const rawStart = now();
    const nsp = server.io.of(VISITOR_NAMESPACE);
    const perRoom = Math.max(1, Math.round(drainPushes / rooms.length));
    for (let k = 0; k < perRoom; k++) {
      for (const room of rooms) nsp.to(room).emit('bench:raw', { state: 'queued', position: k + 1, estimatedWaitSeconds: 60, agentName: null, groupName: 'x' });
      await new Promise((r) => setImmediate(r));
    }
    const rawDeadline = Date.now() + 30_000;
    while (rawPushes < perRoom * rooms.length && Date.now() < rawDeadline) await new Promise((r) => setTimeout(r, 10));
    const rawSeconds = (lastPushAt - rawStart) / 1000;

    emit({
      bench: BENCH,
      figure: 'queue_updates_per_s',
      value: drainPushes / drainSeconds,
      unit: 'pushes/s',
      baseline: { name: 'raw_room_emits_per_s (same sockets, same run)', value: rawPushes / rawSeconds },
      visitors: VISITORS,
      agents: DRAIN_AGENTS,
      pushes: drainPushes,
      resolved,
      drainSeconds: Math.round(drainSeconds * 100) / 100,
      database: 'PGlite in memory',
    });
    for (const v of visitors) v.close();
  } finally {
    closeAllSockets();
    await server.close();
  }
}

// `tsx test/bench/routing.bench.ts` runs it alone.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log = console.error;
  await runRoutingBench();
  process.exit(0);
}
