import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/db';
import { openDb } from '../../db/open-db';
import { ManualTimers } from '../../lib/manual-timers';
import { getConversationView } from '../conversations/conversation-repository';
import { sendContactMessage } from '../conversations/send-contact-message';
import { EventBus, type DomainEventOf } from '../events';
import { SensitiveWordCache } from '../sensitive/sensitive-screen';
import type { AgentConnections } from './agent-connections';
import { Router } from './router';

const ACCEPT_TIMEOUT_SECONDS = 30;
const SWEEP_MS = 2_000;

/** Every agent looks connected: these tests are about time, not sockets. */
const everyoneConnected: AgentConnections = { count: async () => 1, close: () => undefined };

let db: Db;
let router: Router | null = null;

// One migrated in-memory database for the file (migrating is the slow part); each test has its own account.
beforeAll(async () => {
  db = await openDb({});
}, 120_000);

afterAll(async () => {
  await db?.close();
});

afterEach(async () => {
  await router?.stop();
  router = null;
});

/** A new account with one agent, one widget channel and one contact, and a router on manual timers. */
async function start() {
  const accountId = randomUUID();
  const agentId = randomUUID();
  const channelId = randomUUID();
  const contactId = randomUUID();
  await db.query('INSERT INTO accounts (id, name, accept_timeout_seconds) VALUES ($1, $2, $3)', [accountId, 'Shop', ACCEPT_TIMEOUT_SECONDS]);
  await db.query(`INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'Ann', 'agent', 'x')`, [
    agentId, accountId, `${agentId}@test.invalid`,
  ]);
  await db.query(`INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'widget', 'Web')`, [channelId, accountId]);
  await db.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [contactId, accountId, 'Carl']);

  const timers = new ManualTimers(Date.now());
  const errors: unknown[] = [];
  const logError = (err: unknown) => errors.push(err);
  const events = new EventBus(logError);
  const changes: DomainEventOf<'conversation.changed'>[] = [];
  events.on('conversation.changed', (e) => void changes.push(e));
  const routing = new Router({ db, events, connections: everyoneConnected, clock: timers.clock, timers, logError, sweepMs: SWEEP_MS });
  router = routing;

  const customerWrites = async () => {
    const change = await sendContactMessage(
      db, { accountId, channelId, contactId }, { clientId: randomUUID(), body: 'hello', now: timers.clock() }, new SensitiveWordCache(logError),
    );
    return change.conversation.id;
  };
  const routingOf = async (conversationId: string) => {
    const view = await getConversationView(db, conversationId);
    return { state: view?.routingState, offeredTo: view?.offeredToId ?? null };
  };
  return { db, router: routing, timers, events, changes, errors, accountId, agentId, customerWrites, routingOf };
}

describe('router timers', () => {
  it('takes an offer back when its time runs out on the injected clock, not before', async () => {
    const t = await start();
    await t.router.connected(t.accountId, t.agentId);
    const conversationId = await t.customerWrites();
    await t.router.kick(t.accountId, [conversationId]);
    expect(await t.routingOf(conversationId)).toEqual({ state: 'offered', offeredTo: t.agentId });

    t.timers.advance(ACCEPT_TIMEOUT_SECONDS * 1000 - 1_000);
    await t.router.settled();
    expect(await t.routingOf(conversationId)).toEqual({ state: 'offered', offeredTo: t.agentId });

    // The offer's own wake-up: no sweep is running (start() was not called).
    t.timers.advance(1_100);
    await t.router.settled();
    // The agent let it run out, so it is not offered to them again: it waits in the queue.
    expect(await t.routingOf(conversationId)).toEqual({ state: 'queued', offeredTo: null });
    expect(t.changes.map((e) => e.change.conversation.routingState)).toEqual(['offered', 'queued']);
    expect(t.errors).toEqual([]);
  });

  it('sweeps on the injected interval once started, and stops with the router', async () => {
    const t = await start();
    const conversationId = await t.customerWrites();
    // Online without telling the router: only a sweep can notice.
    await t.db.query(`UPDATE users SET presence = 'online', presence_changed_at = now() WHERE id = $1`, [t.agentId]);
    t.router.start();
    t.timers.advance(SWEEP_MS - 1);
    await t.router.settled();
    expect(await t.routingOf(conversationId)).toEqual({ state: 'queued', offeredTo: null });

    t.timers.advance(1);
    await vi.waitFor(async () => expect(await t.routingOf(conversationId)).toEqual({ state: 'offered', offeredTo: t.agentId }));
    await t.router.stop();
    expect(t.timers.pending).toBe(0);
    expect(t.errors).toEqual([]);
  });
});
