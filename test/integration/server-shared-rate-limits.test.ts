/**
 * The rate-limit counts that several server nodes share in their PostgreSQL database (PGlite
 * serves one node, which counts in memory): the sign-in throttle and the new-visitor budget as two
 * nodes see them, each node with its own connection pool. Time is injected.
 * test/integration/server-two-nodes.test.ts shows the same over two real server processes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { openDb } from '../../server/db/open-db';
import { SharedSignInThrottle } from '../../server/domain/auth/shared-sign-in-throttle';
import { DEFAULT_SIGN_IN_RULES, RateLimitedError, type SignInGate, type SignInTicket } from '../../server/domain/auth/sign-in-throttle';
import { RATE_LIMIT_SWEEP_MS, RateLimitCounts } from '../../server/nodes/rate-limit-counts';
import { POSTGRES, type OpenedDatabase } from '../support/databases';
import { postgresReachable } from '../support/postgres';

const hasPostgres = await postgresReachable();
if (!hasPostgres) console.log('skipped: shared rate-limit counts need PostgreSQL on 127.0.0.1:5432, which did not answer');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

let opened: OpenedDatabase;
let dbA: Db;
let dbB: Db;
let now = Date.UTC(2025, 0, 1);
const clock = () => now;
const errors: unknown[] = [];
let nodeA: RateLimitCounts;
let nodeB: RateLimitCounts;
let throttles: [SignInGate, SignInGate];

beforeAll(async () => {
  if (!hasPostgres) return;
  opened = await POSTGRES.open();
  console.log(`database: ${opened.describe}`);
  dbA = await openDb(opened.options);
  dbB = await openDb(opened.options);
  nodeA = new RateLimitCounts(dbA, clock, (err) => errors.push(err));
  nodeB = new RateLimitCounts(dbB, clock, (err) => errors.push(err));
  throttles = [new SharedSignInThrottle(nodeA), new SharedSignInThrottle(nodeB)];
});

afterAll(async () => {
  await dbB?.close();
  await dbA?.close();
  await opened?.drop();
});

beforeEach(() => {
  // Every test starts a month later, when all earlier counts are forgotten.
  now += 31 * DAY;
  expect(errors).toEqual([]);
});

/** Begins an attempt on node `n % 2`: the ticket, or the seconds to wait. */
async function attempt(n: number, email: string, address: string): Promise<SignInTicket | number> {
  try {
    return await throttles[n % 2]!.begin(email, address);
  } catch (err) {
    if (err instanceof RateLimitedError) return err.retryAfterSeconds;
    throw err;
  }
}

/** `count` wrong passwords in a row, alternating between the nodes. */
async function fail(email: string, address: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (typeof (await attempt(i, email, address)) === 'number') throw new Error(`attempt ${i + 1} was refused`);
  }
}

describe.skipIf(!hasPostgres)('sign-in failures counted in the database every node shares', () => {
  it('five wrong passwords spread over two nodes make both wait', async () => {
    await fail('emma@demo.test', '203.0.113.7', 5);
    expect(await attempt(0, 'emma@demo.test', '203.0.113.7')).toBe(30);
    expect(await attempt(1, 'emma@demo.test', '203.0.113.7')).toBe(30);
    // The other addresses of the account are not held up.
    expect(typeof (await attempt(1, 'emma@demo.test', '203.0.113.8'))).toBe('object');
  });

  it('60 parallel attempts on two nodes reserve five: the rest are refused before any password is checked', async () => {
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(i, 'burst@demo.test', '198.51.100.9')));
    expect(outcomes.filter((o) => typeof o !== 'number')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 30)).toHaveLength(55);
  });

  it('doubles the wait with every further failure up to the cap, whichever node is asked, and forgets after an hour of quiet', async () => {
    await fail('a@x.test', '198.51.100.1', 5);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const refused = (await attempt(i, 'a@x.test', '198.51.100.1')) as number;
      waits.push(refused);
      now += refused * SECOND;
      await fail('a@x.test', '198.51.100.1', 1);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    now += 60 * MINUTE;
    await fail('a@x.test', '198.51.100.1', 5);
  });

  it('a right password on one node takes its attempt back and trusts the pair on every node', async () => {
    // The account's free failures made few, so that guessing uses them up quickly.
    const rules = { ...DEFAULT_SIGN_IN_RULES, account: { ...DEFAULT_SIGN_IN_RULES.account, free: 6 } };
    const [a, b] = [new SharedSignInThrottle(nodeA, rules), new SharedSignInThrottle(nodeB, rules)];
    const tryOn = (gate: SharedSignInThrottle, address: string) => gate.begin('emma@demo.test', address).catch((err: RateLimitedError) => err.retryAfterSeconds);
    for (let i = 0; i < 4; i++) await a.begin('emma@demo.test', '192.0.2.10');
    await b.succeeded(await b.begin('emma@demo.test', '192.0.2.10'));
    // Guessing on the account from other addresses through both nodes: with the owner's four
    // mistakes, its six free failures are used up.
    for (let i = 0; i < 2; i++) await (i % 2 ? b : a).begin('emma@demo.test', `198.51.100.${i}`);
    expect(await tryOn(a, '198.51.100.99')).toBe(1);
    // The owner's address answers to its own failures only, and they start afresh.
    for (let i = 0; i < 5; i++) expect(typeof (await tryOn(i % 2 ? a : b, '192.0.2.10'))).toBe('object');
    expect(await tryOn(a, '192.0.2.10')).toBe(30);
  });

  it('an attempt the server failed to answer is taken back, once', async () => {
    const ticket = (await attempt(0, 'emma@demo.test', '203.0.113.7')) as SignInTicket;
    await fail('emma@demo.test', '203.0.113.7', 4);
    await throttles[1].cancelled(ticket);
    await throttles[1].cancelled(ticket);
    await throttles[0].succeeded(ticket);
    await fail('emma@demo.test', '203.0.113.7', 1);
    expect(await attempt(0, 'emma@demo.test', '203.0.113.7')).toBe(30);
  });
});

describe.skipIf(!hasPostgres)('new visitors per address counted in the database every node shares', () => {
  const rule = { max: 4, windowMs: MINUTE };

  it('one budget for both nodes: refused on either once it is spent, until the window ends', async () => {
    now -= now % MINUTE;
    const [a, b] = [nodeA.budget('new-visitor', rule), nodeB.budget('new-visitor', rule)];
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await (i % 2 ? b : a).take('203.0.113.50'));
    expect(taken.every((d) => d.allowed)).toBe(true);
    now += 15 * SECOND;
    expect(await a.take('203.0.113.50')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await b.take('203.0.113.50')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another address has its own budget.
    expect(await b.take('203.0.113.51')).toEqual({ allowed: true });
    now += 45 * SECOND;
    expect(await b.take('203.0.113.50')).toEqual({ allowed: true });
  });

  it('100 parallel new visitors over both nodes: exactly the budget is admitted', async () => {
    const [a, b] = [nodeA.budget('new-visitor', rule), nodeB.budget('new-visitor', rule)];
    const decisions = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? b : a).take('198.51.100.77')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(rule.max);
  });

  it('counts whose time has passed are swept', async () => {
    const count = async () => Number((await dbA.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limit_counts WHERE expires_at <= $1', [new Date(now)]))[0]!.n);
    await nodeA.budget('new-visitor', rule).take('192.0.2.200');
    now += RATE_LIMIT_SWEEP_MS + MINUTE;
    expect(await count()).toBeGreaterThan(0);
    nodeA.sweepWhenDue(now);
    await expect.poll(count).toBe(0);
  });
});
