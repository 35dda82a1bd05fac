import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { demoUser } from '../../server/db/demo-credentials';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import type { Db } from '../../server/db/db';
import { pgliteDir } from '../../server/db/open-db';
import { openPgliteDb } from '../../server/db/pglite-db';
import { openPostgresDb } from '../../server/db/postgres-db';
import { hashPassword } from '../../server/domain/auth/password';
import { useRefreshToken } from '../../server/domain/auth/refresh-tokens';
import type { AuthTokens } from '../../shared/protocol';
import { emptyDataDir, POSTGRES, runDatabase, startServerOn } from '../support/databases';
import { createThrowawayDatabase } from '../support/postgres';
import { ForwardingProxy, postJsonFrom } from '../support/forwarding-proxy';
import { closeAllSockets, connectAgent, insertUser, login, postJson } from '../support/server-fixture';

const SECRET = 'auth-hardening-secret';
const DAY = 24 * 60 * 60_000;

/** Added to both servers' clocks: each test starts a month later, when every earlier failure and sign-in is forgotten. */
let offset = 0;
const clock = () => Date.now() + offset;

let server: RunningServer;
let behindProxy: RunningServer;
let proxy: ForwardingProxy;
let proxyToTrusting: ForwardingProxy;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // As installed: no proxy trusted.
  const plain = await startServerOn(runDatabase(), { tokenSecret: SECRET, clock });
  server = plain.server;
  stops.push(plain.close);
  // Behind a reverse proxy at 127.0.0.1 that the server is told to trust.
  const trusting = await startServerOn(runDatabase(), { tokenSecret: SECRET, clock, trustProxy: { ranges: ['127.0.0.1'] } });
  behindProxy = trusting.server;
  stops.push(trusting.close);
  proxy = await ForwardingProxy.start(server.url);
  proxyToTrusting = await ForwardingProxy.start(behindProxy.url);
});

afterAll(async () => {
  closeAllSockets();
  await proxy?.close();
  await proxyToTrusting?.close();
  for (const stop of stops) await stop();
});

beforeEach(() => {
  offset += 31 * DAY;
});

const admin = demoUser('admin@demo.test');
const emma = demoUser('emma@demo.test');
const li = demoUser('li.lei@demo.test');

function signIn(url: string, email: string, password: string) {
  return postJson(url, '/api/auth/login', { email, password });
}

async function restStatus(url: string, accessToken: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/kb/articles`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: await response.json() };
}

async function connectError(url: string, token: string): Promise<string> {
  try {
    await connectAgent(url, token);
  } catch (err) {
    return (err as Error).message;
  }
  return 'connected';
}

function countBy(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe('sign-in under a burst of parallel guesses', () => {
  it('200 parallel wrong passwords for one email: five are checked, the rest are refused with 429 and Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(server.url, emma.email, `wrong-${i}`)));
    expect(countBy(answers.map((a) => a.status))).toEqual({ 401: 5, 429: 195 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('a burst of 100 guesses with the right password last does not sign in: it is refused like the rest', async () => {
    const wrong = Array.from({ length: 99 }, (_, i) => signIn(server.url, li.email, `guess-${i}`));
    const right = signIn(server.url, li.email, li.password);
    const answers = await Promise.all([...wrong, right]);
    expect((await right).status).toBe(429);
    expect(countBy(answers.map((a) => a.status))).toEqual({ 401: 5, 429: 95 });
  });
});

describe('one answer for an unknown email and a wrong password', () => {
  it('the same status, code and message', async () => {
    const unknown = await signIn(server.url, 'nobody@demo.test', 'whatever');
    const wrong = await signIn(server.url, admin.email, 'whatever');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
  });

  it('after the same work: an unknown email takes as long as a wrong password', async () => {
    const [{ id: accountId }] = await server.db.query<{ id: string }>('SELECT id FROM accounts ORDER BY id LIMIT 1') as [{ id: string }];
    const user = await insertUser(server.db, accountId, { name: 'Default Cost' });
    // A password hashed at the product's own cost, as every real account's is.
    await server.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, await hashPassword('right-one')]);
    const email = `${user.id}@test.invalid`;
    const timed = async (who: string) => {
      const started = performance.now();
      const answer = await signIn(server.url, who, 'not-it');
      expect(answer.status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await timed(email));
      unknown.push(await timed(`nobody-${i}@demo.test`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('sign-in sessions', () => {
  it('a refresh token used twice ends its whole sign-in: newer tokens and the session’s access tokens stop working', async () => {
    const other = await login(server.url, admin.email, admin.password);
    const first = await login(server.url, admin.email, admin.password);
    const second = (await postJson(server.url, '/api/auth/refresh', { refreshToken: first.refreshToken })).body as AuthTokens;
    const socket = await connectAgent(server.url, second.accessToken);
    expect((await restStatus(server.url, second.accessToken)).status).toBe(200);

    const reused = await postJson(server.url, '/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'unauthorized' });

    const descendant = await postJson(server.url, '/api/auth/refresh', { refreshToken: second.refreshToken });
    expect(descendant.status).toBe(401);
    expect(descendant.body).toMatchObject({ code: 'unauthorized' });
    expect(await restStatus(server.url, second.accessToken)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    await expect.poll(() => socket.connected).toBe(false);
    expect(await connectError(server.url, second.accessToken)).toBe('unauthorized');

    // Another sign-in of the same person is not that session.
    expect((await postJson(server.url, '/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('signing out ends that session’s access token at once on REST and on the socket; another device stays signed in', async () => {
    const laptop = await login(server.url, emma.email, emma.password);
    const desk = await login(server.url, emma.email, emma.password);
    const laptopSocket = await connectAgent(server.url, laptop.accessToken);
    const deskSocket = await connectAgent(server.url, desk.accessToken);

    const out = await postJson(server.url, '/api/auth/logout', { refreshToken: laptop.refreshToken });
    expect(out.body).toEqual({ signedOut: true });
    expect(await restStatus(server.url, laptop.accessToken)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    await expect.poll(() => laptopSocket.connected).toBe(false);
    expect(await connectError(server.url, laptop.accessToken)).toBe('unauthorized');
    expect((await postJson(server.url, '/api/auth/refresh', { refreshToken: laptop.refreshToken })).status).toBe(401);

    expect(deskSocket.connected).toBe(true);
    expect((await restStatus(server.url, desk.accessToken)).status).toBe(200);
    expect((await postJson(server.url, '/api/auth/refresh', { refreshToken: desk.refreshToken })).status).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  /** 30 wrong passwords from one client behind the proxy, five on each of four colleagues' emails (the admin's too), ten on no one's. */
  async function attackThrough(via: ForwardingProxy, from: string): Promise<void> {
    const targets = [admin.email, 'supervisor@demo.test', 'wang.fang@demo.test', li.email];
    for (let i = 0; i < 30; i++) {
      const email = targets[Math.floor(i / 5)] ?? `someone-${i}@demo.test`;
      const answer = await postJsonFrom(from, via.url, '/api/auth/login', { email, password: `guess-${i}` });
      expect(answer.status).toBe(401);
    }
  }

  it('with the proxy trusted, one client failing 30 times does not keep the admin or a colleague out', async () => {
    await attackThrough(proxyToTrusting, '127.0.0.2');
    // The attacker is the one slowed down, even when it forges the header the proxy passes on.
    const again = await postJsonFrom('127.0.0.2', proxyToTrusting.url, '/api/auth/login', { email: 'x@demo.test', password: 'x' }, { 'x-forwarded-for': '198.51.100.23' });
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);

    const adminIn = await postJsonFrom('127.0.0.3', proxyToTrusting.url, '/api/auth/login', { email: admin.email, password: admin.password });
    expect(adminIn.status).toBe(200);
    const emmaIn = await postJsonFrom('127.0.0.4', proxyToTrusting.url, '/api/auth/login', { email: emma.email, password: emma.password });
    expect(emmaIn.status).toBe(200);
  });

  it('without SWITCHBOARD_TRUST_PROXY the proxy is the client: the forwarded address is not believed', async () => {
    await attackThrough(proxy, '127.0.0.2');
    const emmaIn = await postJsonFrom('127.0.0.4', proxy.url, '/api/auth/login', { email: emma.email, password: emma.password });
    expect(emmaIn.status).toBe(429);
  });
});

describe('upgrading to sign-in sessions', () => {
  it('a refresh token handed out before keeps working, in a session of its own', async () => {
    const { db, drop } = await emptyDatabase();
    try {
      await migrate(db, migrations.filter((m) => m.version < 16));
      await db.query("INSERT INTO accounts (id, name) VALUES ('acc', 'Shop')");
      await db.query("INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ('u1', 'acc', 'a@x.test', 'A', 'agent', 'x')");
      const token = 'issued-before-the-upgrade';
      const hash = createHash('sha256').update(token).digest('hex');
      await db.query("INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, 'u1', now() + interval '1 day')", [hash]);
      expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 16).map((m) => m.version));

      const used = await useRefreshToken(db, token, () => Date.now());
      expect(used).toMatchObject({ kind: 'fresh', userId: 'u1', expired: false });
      const sessions = await db.query<{ user_id: string }>('SELECT user_id FROM sign_in_sessions WHERE id = $1', [used && used.sessionId]);
      expect(sessions).toEqual([{ user_id: 'u1' }]);
      expect(await useRefreshToken(db, token, () => Date.now())).toMatchObject({ kind: 'reused', sessionId: used && used.sessionId });
    } finally {
      await db.close();
      await drop();
    }
  });
});

/**
 * An empty database of the run's kind, with no migration applied: a copy of the run's new PGlite
 * database on the PGlite run, a throwaway database on the PostgreSQL run (so the upgrade runs on
 * each engine once).
 */
async function emptyDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (runDatabase() !== POSTGRES) {
    const dataDir = await emptyDataDir();
    console.log(`database: PGlite in ${dataDir} (empty)`);
    return { db: await openPgliteDb(pgliteDir(dataDir)), drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const empty = await createThrowawayDatabase('empty');
  console.log(`database: PostgreSQL ${empty.url} (empty)`);
  try {
    return { db: await openPostgresDb(empty.url), drop: empty.drop };
  } catch (err) {
    await empty.drop();
    throw err;
  }
}
