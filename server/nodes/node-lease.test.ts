import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openDb } from '../db/open-db';
import { ManualTimers } from '../lib/manual-timers';
import { NodeLease, type AgentSocketRow, type LostAgent } from './node-lease';

const LEASE_MS = 3_000;

let db: Db;

beforeAll(async () => {
  db = await openDb({});
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** A new account with one agent, and two nodes of one cluster on one manual clock. */
async function cluster() {
  const accountId = randomUUID();
  const userId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Shop']);
  await db.query(`INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'Ann', 'agent', 'x')`, [
    userId, accountId, `${userId}@test.invalid`,
  ]);
  const timers = new ManualTimers(Date.now());
  const lost: Record<'a' | 'b', LostAgent[]> = { a: [], b: [] };
  const local: Record<'a' | 'b', AgentSocketRow[]> = { a: [], b: [] };
  const node = (name: 'a' | 'b') =>
    new NodeLease({
      db, clock: timers.clock, timers, leaseMs: LEASE_MS, logError: (err) => { throw err; },
      localSockets: () => local[name],
      onAgentsLost: async (agents) => void lost[name].push(...agents),
    });
  const a = node('a');
  const b = node('b');
  await a.register();
  await b.register();
  return { accountId, userId, timers, a, b, lost, local };
}

describe('node leases: who is connected across nodes', () => {
  it('counts a socket on another live node, and stops counting it once that node has missed its lease', async () => {
    const { accountId, userId, timers, a, b, lost } = await cluster();
    const socket = { socketId: randomUUID(), userId, accountId };
    await b.addSocket(socket);
    expect(await a.countSockets(userId)).toBe(1);
    expect(await a.countSockets(userId, socket.socketId)).toBe(0);

    // Node B is killed (no more heartbeats); node A goes on beating.
    timers.advance(LEASE_MS - 100);
    await a.beat();
    expect(await a.countSockets(userId)).toBe(1);
    expect(lost.a).toEqual([]);
    timers.advance(200);
    expect(await a.countSockets(userId)).toBe(0);
    await a.beat();
    expect(lost.a).toEqual([{ userId, accountId }]);
    expect(await db.query('SELECT id FROM server_nodes WHERE id = $1', [b.id])).toEqual([]);
    await a.release();
  });

  it("always counts the node's own sockets, and writes them again when it wakes to find itself removed", async () => {
    const { accountId, userId, timers, a, b, local } = await cluster();
    const socket = { socketId: randomUUID(), userId, accountId };
    await a.addSocket(socket);
    local.a.push(socket);
    // Node A was frozen past its lease: its own count does not depend on it, node B's does.
    timers.advance(LEASE_MS + 100);
    expect(await a.countSockets(userId)).toBe(1);
    expect(await b.countSockets(userId)).toBe(0);
    await b.beat();
    expect(await db.query('SELECT socket_id FROM agent_sockets WHERE socket_id = $1', [socket.socketId])).toEqual([]);
    // A wakes: its heartbeat registers it again with the sockets it still holds.
    await a.beat();
    expect(await b.countSockets(userId)).toBe(1);
    await b.release();
    await a.release();
  });

  it("a lone node removes a previous run's rows at once, not after their lease", async () => {
    const { accountId, userId, timers, a } = await cluster();
    await a.addSocket({ socketId: randomUUID(), userId, accountId });
    const restarted = new NodeLease({
      db, clock: timers.clock, timers, leaseMs: LEASE_MS, alone: true, logError: (err) => { throw err; },
      localSockets: () => [], onAgentsLost: async () => undefined,
    });
    await restarted.register();
    expect(await restarted.countSockets(userId)).toBe(0);
    expect(await db.query('SELECT id FROM server_nodes')).toEqual([{ id: restarted.id }]);
    await restarted.release();
  });

  it('releasing a draining node removes its sockets and hands its agents to routing', async () => {
    const { accountId, userId, a, b, lost } = await cluster();
    await a.addSocket({ socketId: randomUUID(), userId, accountId });
    await a.release();
    expect(lost.a).toEqual([{ userId, accountId }]);
    expect(await b.countSockets(userId)).toBe(0);
    // A socket that closes after the release is not written back.
    await a.addSocket({ socketId: randomUUID(), userId, accountId });
    expect(await b.countSockets(userId)).toBe(0);
    await b.release();
  });
});
