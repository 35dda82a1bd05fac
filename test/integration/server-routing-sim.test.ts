import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import { REQUEUE_NOTE } from '../../server/domain/routing/router';
import type { AgentState, Conversation } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { QueueStatus } from '../../shared/protocol';
import { databaseTargets } from '../support/databases';
import { seededRandom as rng } from '../../shared/seeded-random';
import { pushesFlushed } from '../support/barriers';
import { closeAllSockets, connectAgent, connectVisitor, insertUser, request, tokenFor, waitFor } from '../support/server-fixture';

/**
 * A simulated team: 20 agents in 3 skill groups take 200 customers who arrive at random (seeded),
 * accepting, declining or ignoring offers and resolving chats; one agent drops past the grace
 * period and one blips within it. The invariants are checked as it runs and at the end. The first
 * customers arrive before the team signs in, so a queue forms and priority is put to the test on
 * every run; priority and FIFO are judged by the order of offers (sequence numbers), not by time.
 */

const targets = await databaseTargets();
const SECRET = 'routing-sim-secret';
const CUSTOMERS = 200;
const AGENTS = 20;
/** Customers who are waiting before the first agent signs in. */
const QUEUED_BEFORE_TEAM = 30;
/** How long before an offer both conversations of a pair must have been stored to be judged by their order. */
const WAITED_TOGETHER_MS = 200;

afterAll(() => closeAllSockets());


function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

type SimAgent = {
  id: string; name: string; maxChats: number; groups: string[]; socket: Socket | null; active: boolean; handled: Set<string>;
  /** Requests sent and not answered yet: a socket is closed on purpose only once they are. */
  inFlight: Set<Promise<unknown>>;
};
type SimCustomer = { socket: Socket; contactId: string; statuses: QueueStatus[]; conversationId?: string; vip: boolean };
/**
 * `arrivalSeq`: the conversation's number when it was created; `heardAt`/`offerHeardAt`: when the
 * watcher heard of it and of its first offer (ms). Pushes go out after commit; numbers are taken
 * inside transactions and, on PostgreSQL, may commit out of their order, and a routing run reads the
 * queue before it commits its offers: a conversation committed while a run is under way is the next
 * run's. So two conversations count as waiting together only when both had been heard of a while
 * (WAITED_TOGETHER_MS, far longer than a run) before either was offered.
 */
type Track = { id: string; arrivalSeq: number; heardAt: number; offerHeardAt: number | null; firstOfferSeq: number | null; priority: number; groupId: string | null; waitingSince: string };

for (const target of targets) {
  describe(`a simulated team on ${target.label}`, () => {
    let server: RunningServer;
    let drop: (() => Promise<void>) | undefined;
    /** Stops the agents' timers, also when the run failed half-way. */
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
      // Every simulated customer comes from loopback: the address allows them all.
      server = await startServer({
        port: 0, seed: 'if-empty', tokenSecret: SECRET, routingSweepMs: 100, newVisitorLimit: { max: CUSTOMERS, windowMs: 60_000 }, ...opened.options,
      });
      const db = server.db;
      const accountId = (await db.query<{ id: string }>('SELECT id FROM accounts'))[0]!.id;
      // The blipping agent is back 200 ms after dropping; a grace of 3 s leaves room for a reconnect
      // that a busy two-core machine slows to over a second.
      await db.query('UPDATE accounts SET accept_timeout_seconds = 1, reconnect_grace_seconds = 3 WHERE id = $1', [accountId]);
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
        agents.push({ id: user.id, name: user.name, maxChats, groups: mine, socket: null, active: true, handled: new Set(), inFlight: new Set() });
      }
      const watcherUser = await insertUser(db, accountId, { name: 'Sim supervisor', role: 'supervisor' });
      const watcher = await connectAgent(server.url, await tokenFor(SECRET, watcherUser));
      data(await request(watcher, 'presence:set', { presence: 'away' }));

      const failures: string[] = [];
      const track = new Map<string, Track>();

      /** Capacity, straight from the database: checked after each arrival, at each position check and at the end. */
      async function checkCapacity() {
        const rows = await db.query<{ id: string; max_chats: number; load: number }>(
          `SELECT u.id, u.max_chats, (SELECT count(*)::int FROM conversations c WHERE c.status = 'open'
             AND (c.assignee_id = u.id OR (c.routing_state = 'offered' AND c.offered_to = u.id))) AS load
           FROM users u WHERE u.account_id = $1`,
          [accountId],
        );
        for (const r of rows) if (Number(r.load) > Number(r.max_chats)) failures.push(`user ${r.id} at ${r.load} > ${r.max_chats} in the database`);
      }

      watcher.on('conversation:upsert', (c: Conversation) => {
        const heard = performance.now();
        let t = track.get(c.id);
        if (!t) {
          t = { id: c.id, arrivalSeq: c.seq, heardAt: heard, offerHeardAt: null, firstOfferSeq: null, priority: c.priority, groupId: c.groupId, waitingSince: c.waitingSince ?? '' };
          track.set(c.id, t);
        }
        if (c.routingState === 'offered' && t.firstOfferSeq === null) {
          t.firstOfferSeq = c.seq;
          t.offerHeardAt = heard;
        }
      });

      const pending = new Set<NodeJS.Timeout>();
      /** While set, what agents would do waits for it: the position checks look at a team at rest. */
      let paused: Promise<void> | null = null;
      const later = (ms: number, fn: () => void) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (paused) void paused.then(fn);
          else fn();
        }, ms);
        pending.add(timer);
      };
      let acceptRate = 0.7;
      // Agents' requests run on their own. Every one is awaited before its socket is closed or the
      // run ends, so a request that fails (no answer, a dropped socket) is always a finding.
      const everyInFlight = new Set<Promise<unknown>>();
      const fire = (agent: SimAgent | null, name: string, p: Promise<unknown>) => {
        const work = p.then(
          () => undefined,
          (e: Error) => void failures.push(`${name}${agent ? ` by ${agent.name}` : ''} failed: ${e.message}`),
        );
        for (const set of agent ? [everyInFlight, agent.inFlight] : [everyInFlight]) {
          set.add(work);
          void work.then(() => set.delete(work));
        }
      };
      /** Stops an agent acting, waits for what they asked, then closes their socket. */
      const signOff = async (agent: SimAgent) => {
        agent.active = false;
        while (agent.inFlight.size > 0) await Promise.all([...agent.inFlight]);
        agent.socket!.disconnect();
      };

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
              fire(agent, 'accept', request(socket, 'conversation:accept', { conversationId: c.id }).then((r) => {
                if (!r.ok) return;
                later(300 + Math.floor(random() * 2500), () => {
                  if (mine()) fire(agent, 'resolve', request(socket, 'conversation:resolve', { conversationId: c.id }));
                });
              }));
            });
          } else if (roll < acceptRate + (1 - acceptRate) / 2) {
            later(delay, () => {
              // Gone in the meantime: a socket closed on purpose would only buffer it.
              if (mine()) fire(agent, 'decline', request(socket, 'conversation:decline', { conversationId: c.id }));
            });
          } // else: let the offer run out.
        });
      };

      const connectSim = async (agent: SimAgent) => {
        const socket = await connectAgent(server.url, await tokenFor(SECRET, { id: agent.id, accountId, role: 'agent' }), (s) => behave(agent, s));
        agent.socket = socket;
        return socket;
      };
      stopSim = () => {
        for (const a of agents) a.active = false;
        for (const t of pending) clearTimeout(t);
        pending.clear();
      };

      const customers: SimCustomer[] = [];

      /** The customers whose last queue:update differs from what the database says now. */
      async function staleCustomers() {
        const expected = await expectedStatuses();
        const wrong = customers.filter((c) => {
          if (!c.conversationId) return false;
          const want = expected.get(c.conversationId);
          const got = c.statuses[c.statuses.length - 1];
          if (!want || !got) return true;
          return got.state !== want.state || got.position !== want.position || (want.state === 'assigned' && got.agentName !== want.agentName);
        });
        return { wrong, expected };
      }

      /**
       * Compares every customer's last queue:update with the database at a moment nothing changed:
       * the agents' requests are answered and their next moves held back, routing has settled, the
       * customers who look behind have received every push sent to them, and the account's sequence
       * did not move meanwhile (an offer may still run out, so that moment is looked for until a
       * deadline).
       */
      async function checkPositions(label: string) {
        await atRest(async () => {
          await checkCapacity();
          await positionsAtRest(label);
        });
      }
      /** Runs `work` while the agents' next moves wait and none of their requests is open. */
      async function atRest<T>(work: () => Promise<T>): Promise<T> {
        let resume = () => {};
        paused = new Promise<void>((resolve) => (resume = resolve));
        try {
          while (everyInFlight.size > 0) await Promise.all([...everyInFlight]);
          return await work();
        } finally {
          paused = null;
          resume();
        }
      }
      async function positionsAtRest(label: string) {
        const deadline = Date.now() + 15_000;
        for (;;) {
          await server.router.settled();
          const before = await accountSeq();
          let { wrong, expected } = await staleCustomers();
          if (wrong.length > 0) {
            await pushesFlushed(...wrong.map((c) => c.socket));
            ({ wrong, expected } = await staleCustomers());
          }
          if (wrong.length === 0 && (await accountSeq()) === before) return;
          if (Date.now() > deadline) {
            const c = wrong[0];
            failures.push(`${label}: ${wrong.length} customers see a stale status${c ? `, e.g. ${JSON.stringify(c.statuses.at(-1))} vs ${JSON.stringify(expected.get(c.conversationId!))}` : ' (the account never stood still)'}`);
            return;
          }
        }
      }
      async function accountSeq() {
        return Number((await db.query<{ seq: number }>('SELECT handed AS seq FROM change_seq_head($1)', [accountId]))[0]!.seq);
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

      let dropped: SimAgent | undefined;
      let blipped: SimAgent | undefined;
      let droppedChats: string[] = [];
      let blippedChats: string[] = [];
      const assignedTo = async (userId: string) =>
        (await db.query<{ id: string }>("SELECT id FROM conversations WHERE status = 'open' AND assignee_id = $1", [userId])).map((r) => r.id);

      for (let n = 0; n < CUSTOMERS; n++) {
        if (n === QUEUED_BEFORE_TEAM) for (const agent of agents) await connectSim(agent);
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
        await checkCapacity();

        if (n >= 80 && !dropped) {
          // Of the agents holding chats at this moment, one drops for good and one blips (at the
          // next arrival when fewer than two hold any).
          await atRest(async () => {
            const holding: SimAgent[] = [];
            for (const agent of agents) if ((await assignedTo(agent.id)).length > 0) holding.push(agent);
            if (holding.length < 2) return;
            const [gone, back] = [holding[0]!, holding[1]!];
            await signOff(gone);
            await signOff(back);
            [dropped, blipped, droppedChats, blippedChats] = [gone, back, await assignedTo(gone.id), await assignedTo(back.id)];
            later(200, () => {
              // Active again once the new socket is its own, so nothing is sent on the closed one.
              fire(null, 'reconnect', connectSim(back).then(() => void (back.active = true)));
            });
          });
        }
        if (n % 40 === 39) await checkPositions(`after ${n + 1} customers`);
      }

      // Once the grace period (3 s) is over, the dropped agent's chats are re-queued with a note; the blip keeps its own.
      if (!dropped || !blipped) throw new Error('no two agents held chats at the same time after 80 customers');
      const [gone, back] = [dropped, blipped];
      expect(droppedChats.length).toBeGreaterThan(0);
      expect(blippedChats.length).toBeGreaterThan(0);
      await waitFor(async () => {
        const rows = await db.query<{ presence: string }>('SELECT presence FROM users WHERE id = $1', [gone.id]);
        return rows[0]!.presence === 'offline' && (await assignedTo(gone.id)).length === 0;
      }, 'the dropped agent’s grace period to run out');
      for (const id of droppedChats) {
        const r = (await db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [id]))[0]!;
        expect(r.assignee_id).not.toBe(gone.id);
        const notes = await db.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND body = $2 AND internal', [id, REQUEUE_NOTE]);
        expect(notes.length).toBe(1);
      }
      for (const id of blippedChats) {
        const r = (await db.query<{ assignee_id: string | null; status: string }>('SELECT assignee_id, status FROM conversations WHERE id = $1', [id]))[0]!;
        expect(r).toMatchObject({ assignee_id: back.id });
      }
      const droppedPresence = (await db.query<{ presence: string }>('SELECT presence FROM users WHERE id = $1', [gone.id]))[0]!.presence;
      expect(droppedPresence).toBe('offline');

      // Drain: everyone still here accepts from now on; the queue empties as chats are resolved,
      // except conversations every agent of their group has turned down (they wait for a person
      // to step in; the starvation check below holds the router to that).
      acceptRate = 1;
      await waitFor(async () => {
        const left = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM conversations c
           WHERE c.account_id = $1 AND c.status = 'open'
             AND (c.routing_state = 'offered' OR (c.routing_state = 'queued' AND EXISTS (
               SELECT 1 FROM users u JOIN user_skill_groups s ON s.user_id = u.id AND s.skill_group_id = c.group_id
               WHERE u.presence = 'online' AND u.disconnected_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM routing_declines d WHERE d.conversation_id = c.id AND d.user_id = u.id))))`,
          [accountId],
        );
        return Number(left[0]!.n) === 0;
      }, 'the queue to drain', 40_000);
      // Shut down in order: nobody acts any more, every request sent has its answer, routing is done.
      stopSim();
      while (everyInFlight.size > 0) await Promise.all([...everyInFlight]);
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

      // Priority, then first come first served, judged by the order of first offers (sequence
      // numbers), never by waiting times: of two conversations of a group that were both waiting
      // before either was offered, the higher priority one is offered first, and of two with the
      // same priority the one that arrived first (the router's order: waiting since, then id).
      const firstOffer = (t: Track) => t.firstOfferSeq ?? Number.POSITIVE_INFINITY;
      const arrivedFirst = (a: Track, b: Track) => a.waitingSince < b.waitingSince || (a.waitingSince === b.waitingSince && a.id < b.id);
      const tracks = [...track.values()];
      const priority = { pairs: 0, inOrder: 0, overtakes: 0 };
      const fifo = { pairs: 0, inOrder: 0 };
      for (const [i, a] of tracks.entries()) {
        for (const b of tracks.slice(i + 1)) {
          if (a.groupId !== b.groupId) continue;
          // Both numbered and stored (committed) well before either was offered.
          const waitedTogether =
            Math.max(a.arrivalSeq, b.arrivalSeq) < Math.min(firstOffer(a), firstOffer(b)) &&
            Math.max(a.heardAt, b.heardAt) + WAITED_TOGETHER_MS < Math.min(a.offerHeardAt ?? Infinity, b.offerHeardAt ?? Infinity);
          if (!waitedTogether || firstOffer(a) === firstOffer(b)) continue;
          if (a.priority !== b.priority) {
            const [high, low] = a.priority > b.priority ? [a, b] : [b, a];
            priority.pairs++;
            if (firstOffer(high) < firstOffer(low)) priority.inOrder++;
            else console.log(`offered out of priority order: ${JSON.stringify({ high, low })}`);
            if (arrivedFirst(low, high)) priority.overtakes++;
          } else {
            const [earlier, later] = arrivedFirst(a, b) ? [a, b] : [b, a];
            fifo.pairs++;
            if (firstOffer(earlier) < firstOffer(later)) fifo.inOrder++;
          }
        }
      }
      console.log(`order of offers on ${target.label}: ${JSON.stringify({ priority, fifo })}`);
      // The queue formed before the team signed in makes both kinds of pairs certain on every run.
      expect(priority.overtakes).toBeGreaterThan(0);
      expect(fifo.pairs).toBeGreaterThan(0);
      expect(priority.inOrder / priority.pairs).toBe(1);
      expect(fifo.inOrder / fifo.pairs).toBe(1);

      await checkPositions('at the end');
      expect(failures).toEqual([]);
      const totals = await db.query<{ state: string; n: number }>(
        "SELECT CASE WHEN status = 'resolved' THEN 'resolved' ELSE routing_state END AS state, count(*)::int AS n FROM conversations WHERE account_id = $1 GROUP BY 1",
        [accountId],
      );
      console.log(`simulated team on ${target.label}: ${JSON.stringify(Object.fromEntries(totals.map((t) => [t.state, Number(t.n)])))}`);
      expect(customers.every((c) => c.statuses.length > 0)).toBe(true);
      // The budget leaves room for a busy machine; the drain and the position checks have their own deadlines.
    }, 180_000);
  });
}
