import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import { REQUEUE_NOTE } from '../../server/domain/routing/router';
import type { AgentState, Conversation } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { QueueStatus } from '../../shared/protocol';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectAgent, connectVisitor, insertUser, request, settle, tokenFor, waitFor } from '../support/server-fixture';

/**
 * A simulated team: 20 agents in 3 skill groups take 200 customers who arrive at random (seeded),
 * accepting, declining or ignoring offers and resolving chats; one agent drops past the grace
 * period and one blips within it. The invariants are checked as it runs and at the end.
 */

const targets = await databaseTargets();
const SECRET = 'routing-sim-secret';
const CUSTOMERS = 200;
const AGENTS = 20;

afterAll(() => closeAllSockets());

/** mulberry32: small, seeded, good enough to make the run repeatable. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

type SimAgent = { id: string; name: string; maxChats: number; groups: string[]; socket: Socket | null; active: boolean; handled: Set<string> };
type SimCustomer = { socket: Socket; contactId: string; statuses: QueueStatus[]; conversationId?: string; vip: boolean };
type Track = { arrivalSeq: number; firstOfferSeq: number | null; priority: number; groupId: string | null; waitingSince: string; disturbed: boolean; lastState: string };

for (const target of targets) {
  describe(`a simulated team on ${target.label}`, () => {
    let server: RunningServer;
    let drop: (() => Promise<void>) | undefined;
    /** Stops the agents' timers and the capacity poll, also when the run failed half-way. */
    let stopSim = () => {};

    afterAll(async () => {
      stopSim();
      await server?.close();
      await drop?.();
    });

    it('routes 200 customers to 20 agents without breaking capacity, priority, FIFO or the customers’ queue positions', async () => {
      const random = rng(20_251);
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', tokenSecret: SECRET, routingSweepMs: 100, ...opened.options });
      const db = server.db;
      const accountId = (await db.query<{ id: string }>('SELECT id FROM accounts'))[0]!.id;
      await db.query('UPDATE accounts SET accept_timeout_seconds = 1, reconnect_grace_seconds = 1 WHERE id = $1', [accountId]);
      // The demo's own agents stay away (never connected); the simulated team has three groups of its own.
      const groups = [randomUUID(), randomUUID(), randomUUID()];
      for (const [i, id] of groups.entries()) {
        await db.query('INSERT INTO skill_groups (id, account_id, name, max_chats_per_agent) VALUES ($1, $2, $3, $4)', [
          id, accountId, `Sim group ${i}`, i === 1 ? 2 : null,
        ]);
      }
      const agents: SimAgent[] = [];
      for (let i = 0; i < AGENTS; i++) {
        const mine = [groups[i % 3]!, ...(random() < 0.3 ? [groups[(i + 1) % 3]!] : [])];
        const maxChats = 1 + Math.floor(random() * 4);
        const user = await insertUser(db, accountId, { name: `Sim agent ${String(i).padStart(2, '0')}`, maxChats, groupIds: mine });
        agents.push({ id: user.id, name: user.name, maxChats, groups: mine, socket: null, active: true, handled: new Set() });
      }
      const watcherUser = await insertUser(db, accountId, { name: 'Sim supervisor', role: 'supervisor' });
      const watcher = await connectAgent(server.url, await tokenFor(SECRET, watcherUser));
      data(await request(watcher, 'presence:set', { presence: 'away' }));

      const failures: string[] = [];
      const track = new Map<string, Track>();
      watcher.on('conversation:upsert', (c: Conversation) => {
        let t = track.get(c.id);
        if (!t) {
          t = { arrivalSeq: c.seq, firstOfferSeq: null, priority: c.priority, groupId: c.groupId, waitingSince: c.waitingSince ?? '', disturbed: false, lastState: c.routingState };
          track.set(c.id, t);
        }
        if (c.routingState === 'offered' && t.firstOfferSeq === null) t.firstOfferSeq = c.seq;
        // Declined, timed out or re-queued: its later order depends on who declined it.
        if (c.routingState === 'queued' && t.lastState !== 'queued') t.disturbed = true;
        t.lastState = c.routingState;
      });

      const pending = new Set<NodeJS.Timeout>();
      const later = (ms: number, fn: () => void) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          fn();
        }, ms);
        pending.add(timer);
      };
      let acceptRate = 0.7;
      // Agents' requests run on their own; one that fails while the team is at work is a finding,
      // one cut short when the run is over is not.
      let running = true;
      // So is one from a socket the run closed on purpose while it waited for the answer.
      const fire = (name: string, p: Promise<unknown>, stillHere: () => boolean = () => true) =>
        p.catch((e: Error) => {
          if (running && stillHere()) failures.push(`${name} failed: ${e.message}`);
        });

      const behave = (agent: SimAgent, socket: Socket) => {
        const mine = () => agent.active && socket === agent.socket;
        socket.on('agent:state', (s: AgentState) => {
          if (s.load > agent.maxChats) failures.push(`${agent.name} carries ${s.load} > ${agent.maxChats}`);
        });
        socket.on('conversation:upsert', (c: Conversation) => {
          if (c.routingState !== 'offered' || c.offeredToId !== agent.id || !mine()) return;
          const key = `${c.id}@${c.offerExpiresAt}`;
          if (agent.handled.has(key)) return;
          agent.handled.add(key);
          const roll = random();
          const delay = 20 + Math.floor(random() * 150);
          if (roll < acceptRate) {
            later(delay, () => {
              if (!mine()) return;
              void fire('accept', request(socket, 'conversation:accept', { conversationId: c.id }).then((r) => {
                if (!r.ok) return;
                later(300 + Math.floor(random() * 2500), () => {
                  if (mine()) void fire('resolve', request(socket, 'conversation:resolve', { conversationId: c.id }), mine);
                });
              }), mine);
            });
          } else if (roll < acceptRate + (1 - acceptRate) / 2) {
            later(delay, () => {
              // Gone in the meantime: a socket closed on purpose would only buffer it.
              if (mine()) void fire('decline', request(socket, 'conversation:decline', { conversationId: c.id }), mine);
            });
          } // else: let the offer run out.
        });
      };

      const connectSim = async (agent: SimAgent) => {
        const socket = await connectAgent(server.url, await tokenFor(SECRET, { id: agent.id, accountId, role: 'agent' }), (s) => behave(agent, s));
        agent.socket = socket;
        return socket;
      };
      for (const agent of agents) await connectSim(agent);

      // Capacity, straight from the database, all along.
      let polling = true;
      stopSim = () => {
        polling = false;
        running = false;
        for (const t of pending) clearTimeout(t);
      };
      const poll = (async () => {
        while (polling) {
          const rows = await db.query<{ id: string; max_chats: number; load: number }>(
            `SELECT u.id, u.max_chats, (SELECT count(*)::int FROM conversations c WHERE c.status = 'open'
               AND (c.assignee_id = u.id OR (c.routing_state = 'offered' AND c.offered_to = u.id))) AS load
             FROM users u WHERE u.account_id = $1`,
            [accountId],
          );
          for (const r of rows) if (Number(r.load) > Number(r.max_chats)) failures.push(`user ${r.id} at ${r.load} > ${r.max_chats} in the database`);
          await settle(100);
        }
      })().catch((e: Error) => {
        if (polling) failures.push(`capacity poll failed: ${e.message}`);
      });

      const customers: SimCustomer[] = [];

      /** Waits for a quiet moment, then compares every customer's last queue:update with the database. */
      async function checkPositions(label: string) {
        for (let attempt = 0; ; attempt++) {
          await server.router.settled();
          await settle(120);
          const before = await accountSeq();
          const expected = await expectedStatuses();
          const wrong = customers.filter((c) => {
            if (!c.conversationId) return false;
            const want = expected.get(c.conversationId);
            const got = c.statuses[c.statuses.length - 1];
            if (!want || !got) return true;
            return got.state !== want.state || got.position !== want.position || (want.state === 'assigned' && got.agentName !== want.agentName);
          });
          if (wrong.length === 0 && (await accountSeq()) === before) return;
          if (attempt >= 25) {
            const c = wrong[0]!;
            failures.push(`${label}: ${wrong.length} customers see a stale status, e.g. ${JSON.stringify(c.statuses.at(-1))} vs ${JSON.stringify(expected.get(c.conversationId!))}`);
            return;
          }
        }
      }
      async function accountSeq() {
        return Number((await db.query<{ seq: number }>('SELECT seq FROM accounts WHERE id = $1', [accountId]))[0]!.seq);
      }
      /** Positions recomputed in SQL from the rows themselves (not with the server's code). */
      async function expectedStatuses() {
        const rows = await db.query<{ id: string; state: string; position: number | null; agent_name: string | null }>(
          `SELECT c.id, CASE WHEN c.status = 'resolved' THEN 'resolved' ELSE c.routing_state END AS state,
                  CASE WHEN c.status = 'open' AND c.routing_state IN ('queued', 'offered') THEN
                    (SELECT count(*)::int + 1 FROM conversations o WHERE o.account_id = c.account_id AND o.status = 'open'
                       AND o.routing_state IN ('queued', 'offered') AND o.group_id IS NOT DISTINCT FROM c.group_id
                       AND (o.priority > c.priority OR (o.priority = c.priority AND (o.waiting_since < c.waiting_since
                            OR (o.waiting_since = c.waiting_since AND o.id < c.id)))))
                  END AS position, u.name AS agent_name
           FROM conversations c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.account_id = $1`,
          [accountId],
        );
        return new Map(rows.map((r) => [r.id, { state: r.state, position: r.position === null ? null : Number(r.position), agentName: r.agent_name }]));
      }

      const dropped = agents[0]!;
      const blipped = agents[1]!;
      let droppedChats: string[] = [];
      let blippedChats: string[] = [];
      const assignedTo = async (userId: string) =>
        (await db.query<{ id: string }>("SELECT id FROM conversations WHERE status = 'open' AND assignee_id = $1", [userId])).map((r) => r.id);

      for (let n = 0; n < CUSTOMERS; n++) {
        const vip = random() < 0.2;
        let statuses: QueueStatus[] = [];
        const { socket, session } = await connectVisitor(server.url, { name: `Customer ${n}` }, (s) => {
          statuses = [];
          s.on('queue:update', (q: QueueStatus) => statuses.push(q));
        });
        if (vip) await db.query('UPDATE contacts SET vip_level = 2 WHERE id = $1', [session.contactId]);
        const customer: SimCustomer = { socket, contactId: session.contactId, statuses, vip };
        customers.push(customer);
        const groupId = groups[Math.floor(random() * 3)]!;
        data(await request(socket, 'visitor:send', { clientId: randomUUID(), body: `question ${n}`, groupId }));
        customer.conversationId = (await db.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [session.contactId]))[0]!.id;
        await settle(Math.floor(random() * 40));

        if (n === 80) {
          // Both have chats by now; one drops for good, one blips.
          droppedChats = await assignedTo(dropped.id);
          dropped.active = false;
          dropped.socket!.disconnect();
          blippedChats = await assignedTo(blipped.id);
          blipped.active = false;
          blipped.socket!.disconnect();
          later(200, () => {
            // Active again once the new socket is its own, so nothing is sent on the closed one.
            void fire('reconnect', connectSim(blipped).then(() => void (blipped.active = true)));
          });
        }
        if (n % 40 === 39) await checkPositions(`after ${n + 1} customers`);
      }

      // The grace period (1 s) is long over: the dropped agent's chats were re-queued with a note; the blip kept its own.
      expect(droppedChats.length + blippedChats.length).toBeGreaterThan(0);
      for (const id of droppedChats) {
        const r = (await db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [id]))[0]!;
        expect(r.assignee_id).not.toBe(dropped.id);
        const notes = await db.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND body = $2 AND internal', [id, REQUEUE_NOTE]);
        expect(notes.length).toBe(1);
      }
      for (const id of blippedChats) {
        const r = (await db.query<{ assignee_id: string | null; status: string }>('SELECT assignee_id, status FROM conversations WHERE id = $1', [id]))[0]!;
        expect(r).toMatchObject({ assignee_id: blipped.id });
      }
      const droppedPresence = (await db.query<{ presence: string }>('SELECT presence FROM users WHERE id = $1', [dropped.id]))[0]!.presence;
      expect(droppedPresence).toBe('offline');

      // Drain: everyone still here accepts from now on; the queue empties as chats are resolved.
      acceptRate = 1;
      await waitFor(async () => {
        const left = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM conversations WHERE account_id = $1 AND status = 'open' AND routing_state IN ('queued', 'offered')", [accountId]);
        return Number(left[0]!.n) === 0 || undefined;
      }, 'the queue to drain', 40_000).catch(() => undefined);
      for (const t of pending) clearTimeout(t);
      pending.clear();
      for (const a of agents) a.active = false;
      running = false;
      await server.router.settled();

      // No conversation left waiting while an online agent of its group has room for it.
      const starved = await db.query<{ id: string; agent: string }>(
        `SELECT c.id, u.name AS agent FROM conversations c
         JOIN users u ON u.account_id = c.account_id AND u.role = 'agent' AND u.presence = 'online' AND u.disconnected_at IS NULL
         LEFT JOIN skill_groups g ON g.id = c.group_id
         WHERE c.account_id = $1 AND c.status = 'open' AND c.routing_state = 'queued'
           AND (c.group_id IS NULL OR EXISTS (SELECT 1 FROM user_skill_groups s WHERE s.user_id = u.id AND s.skill_group_id = c.group_id))
           AND NOT EXISTS (SELECT 1 FROM routing_declines d WHERE d.conversation_id = c.id AND d.user_id = u.id)
           AND (SELECT count(*) FROM conversations o WHERE o.status = 'open' AND (o.assignee_id = u.id OR (o.routing_state = 'offered' AND o.offered_to = u.id)))
               < LEAST(u.max_chats, COALESCE(g.max_chats_per_agent, u.max_chats))`,
        [accountId],
      );
      expect(starved).toEqual([]);

      // Priority, then first come first served: no undisturbed conversation was offered while one
      // ranked before it in the same group was waiting (arrived earlier, offered later).
      const rank = (t: Track) => [-t.priority, t.waitingSince] as const;
      const before = (a: Track, b: Track) => rank(a)[0] < rank(b)[0] || (rank(a)[0] === rank(b)[0] && rank(a)[1] < rank(b)[1]);
      const offered = [...track.entries()].filter(([, t]) => t.firstOfferSeq !== null);
      let inversions = 0;
      let vipJumps = 0;
      for (const [, x] of offered) {
        for (const [, y] of track) {
          if (y === x || y.groupId !== x.groupId || y.disturbed) continue;
          const yWaiting = y.arrivalSeq < x.firstOfferSeq! && (y.firstOfferSeq === null || y.firstOfferSeq > x.firstOfferSeq!);
          if (yWaiting && before(y, x)) inversions++;
          if (yWaiting && x.priority > y.priority) vipJumps++;
        }
      }
      // Zero inversions already means a VIP never waited behind a normal customer of its group.
      expect(inversions).toBe(0);
      // How often that was put to the test depends on timing (a loaded machine drains faster than
      // customers arrive); say it rather than fail a run where no queue formed behind a VIP.
      console.log(`VIP customers overtook waiting ones ${vipJumps} times in this run`);

      await checkPositions('at the end');
      polling = false;
      await poll;
      expect(failures).toEqual([]);
      const totals = await db.query<{ state: string; n: number }>(
        "SELECT CASE WHEN status = 'resolved' THEN 'resolved' ELSE routing_state END AS state, count(*)::int AS n FROM conversations WHERE account_id = $1 GROUP BY 1",
        [accountId],
      );
      console.log(`simulated team on ${target.label}: ${JSON.stringify(Object.fromEntries(totals.map((t) => [t.state, Number(t.n)])))}`);
      expect(customers.every((c) => c.statuses.length > 0)).toBe(true);
      // About 30 s on PGlite on an idle 2-core machine; the budget leaves room for a busy one.
    }, 180_000);
  });
}
