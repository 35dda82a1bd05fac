import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { demoUser } from '../../server/db/demo-credentials';
import { issueAccessToken } from '../../server/domain/auth/access-token';
import {
  closeAllSockets, connectAgent, login, postJson,
} from '../support/server-fixture';
import { runDatabase, startServerOn } from '../support/databases';

const SECRET = 'integration-test-secret';
let server: RunningServer;
let stopServer: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, close: stopServer } = await startServerOn(runDatabase(), { tokenSecret: SECRET }));
});

afterAll(async () => {
  closeAllSockets();
  await stopServer?.();
});

const admin = demoUser('admin@demo.test');

describe('HTTP sign-in', () => {
  it('answers /healthz once listening', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('signs a demo user in and returns tokens and the user', async () => {
    const response = await postJson(server.url, '/api/auth/login', { email: 'Admin@Demo.test ', password: admin.password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      expiresIn: 900,
      user: { email: admin.email, name: admin.name, role: 'admin' },
    });
  });

  it('refuses a wrong password with 401 invalid_credentials', async () => {
    const response = await postJson(server.url, '/api/auth/login', { email: admin.email, password: 'nope' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'invalid_credentials' });
  });

  it('refuses an unknown email with 401 invalid_credentials, as it refuses a wrong password', async () => {
    const response = await postJson(server.url, '/api/auth/login', { email: 'nobody@demo.test', password: 'x' });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'invalid_credentials' });
  });

  it('refuses malformed bodies with 400 bad_request', async () => {
    for (const body of [{}, { email: 'not-an-email', password: 'x' }, { email: admin.email }, { email: admin.email, password: '' }]) {
      const response = await postJson(server.url, '/api/auth/login', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'bad_request' });
    }
    const broken = await postJson(server.url, '/api/auth/login', '{"email":', true);
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'bad_request' });
  });

  it('limits repeated failures for one email with 429 rate_limited and Retry-After', async () => {
    const email = 'li.lei@demo.test';
    for (let i = 0; i < 5; i++) {
      const response = await postJson(server.url, '/api/auth/login', { email, password: `wrong-${i}` });
      expect(response.status).toBe(401);
    }
    // Even the right password waits until the delay has passed.
    const limited = await postJson(server.url, '/api/auth/login', { email, password: demoUser(email).password });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other people can still sign in.
    const other = await postJson(server.url, '/api/auth/login', { email: 'emma@demo.test', password: 'demo-agent' });
    expect(other.status).toBe(200);
  });

  it('rotates refresh tokens: the new one works, the old one is refused', async () => {
    const tokens = await login(server.url, admin.email, admin.password);
    const refreshed = await postJson(server.url, '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ user: { email: admin.email } });
    const reused = await postJson(server.url, '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'unauthorized' });
    const malformed = await postJson(server.url, '/api/auth/refresh', {});
    expect(malformed.status).toBe(400);
  });
});

describe('/agent handshake', () => {
  async function refusal(token: string | undefined): Promise<{ message: string; data: unknown }> {
    try {
      await connectAgent(server.url, token);
    } catch (err) {
      return err as { message: string; data: unknown };
    }
    throw new Error('the connection was accepted');
  }

  it('refuses a socket without a token', async () => {
    const err = await refusal(undefined);
    expect(err.message).toBe('unauthorized');
    expect(err.data).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a forged or garbage token', async () => {
    expect((await refusal('garbage')).message).toBe('unauthorized');
    const tokens = await login(server.url, admin.email, admin.password);
    const forged = tokens.accessToken.slice(0, -2) + (tokens.accessToken.endsWith('A') ? 'BB' : 'AA');
    expect((await refusal(forged)).message).toBe('unauthorized');
  });

  it('refuses an expired token with token_expired', async () => {
    const tokens = await login(server.url, admin.email, admin.password);
    const expired = await issueAccessToken(
      { userId: tokens.user.id, accountId: tokens.user.accountId, role: 'admin', sessionId: randomUUID() },
      SECRET,
      () => Date.now() - 16 * 60_000,
    );
    const err = await refusal(expired);
    expect(err.message).toBe('token_expired');
    expect(err.data).toMatchObject({ code: 'token_expired' });
  });

  it('accepts a fresh access token', async () => {
    const tokens = await login(server.url, admin.email, admin.password);
    const socket = await connectAgent(server.url, tokens.accessToken);
    expect(socket.connected).toBe(true);
  });
});
