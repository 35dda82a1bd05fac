import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain';
import { ServerApi } from './server-api';
import { SessionService } from './session';
import type { StoredSettings } from './types';

function memorySettings(initial: Partial<StoredSettings> = {}) {
  let value: StoredSettings = { serverUrl: null, lastEmail: null, lastUser: null, notificationPreferences: {}, openAtLogin: false, ...initial };
  return { get: () => value, set: (p: Partial<StoredSettings>) => (value = { ...value, ...p }) };
}

function memorySecrets() {
  const data = new Map<string, string>();
  return { data, get: (k: string) => data.get(k) ?? null, set: (k: string, v: string | null) => (v === null ? data.delete(k) : data.set(k, v)) };
}

function fakeFetch(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
}

describe('sign-in', () => {
  it('passes the server error code through so the UI can say what went wrong', async () => {
    const api = new ServerApi(fakeFetch(401, { code: 'invalid_credentials', message: 'Wrong password' }));
    const session = new SessionService(api, memorySettings(), memorySecrets(), () => {});
    await expect(session.login('http://127.0.0.1:1', 'a@b.test', 'x')).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(session.state().signedIn).toBe(false);
  });

  it('refuses plain http to another machine before the password leaves, and keeps nothing', async () => {
    const calls: string[] = [];
    const api = new ServerApi((async (url: URL) => {
      calls.push(String(url));
      return new Response('{}', { status: 500 });
    }) as unknown as typeof fetch);
    const settings = memorySettings();
    const session = new SessionService(api, settings, memorySecrets(), () => {});
    await expect(session.login('http://cs.example.com', 'a@b.test', 'x')).rejects.toMatchObject({ code: 'insecure_server' });
    await expect(session.login('ftp://cs.example.com', 'a@b.test', 'x')).rejects.toMatchObject({ code: 'bad_request' });
    expect(calls).toEqual([]);
    expect(settings.get().serverUrl).toBeNull();
  });

  it('does not start as the last agent on a remembered plain-http address of another machine', () => {
    const agent: User = { id: 'u1', accountId: 'a1', email: 'li.lei@demo.test', name: '李雷', role: 'agent' };
    const secrets = memorySecrets();
    secrets.set('refreshToken', 'r');
    const remembered = new SessionService(new ServerApi(fakeFetch(500, {})), memorySettings({ serverUrl: 'http://cs.example.com', lastUser: agent }), secrets, () => {});
    expect(remembered.restore()).toBe(false);
    expect(remembered.state().serverUrl).toBe('http://cs.example.com');
  });

  it('says the server is unreachable when the connection fails', async () => {
    const api = new ServerApi((async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    const session = new SessionService(api, memorySettings(), memorySecrets(), () => {});
    await expect(session.login('http://127.0.0.1:1', 'a@b.test', 'x')).rejects.toMatchObject({
      code: 'server_unreachable',
    });
  });

  it('remembers the server and email after a successful sign-in', async () => {
    const user = { id: 'u1', accountId: 'a1', email: 'wang.fang@demo.test', name: '王芳', role: 'agent' };
    const api = new ServerApi(fakeFetch(200, { accessToken: 't', expiresIn: 900, refreshToken: 'r', user }));
    const settings = memorySettings();
    const changes: unknown[] = [];
    const secrets = memorySecrets();
    const session = new SessionService(api, settings, secrets, (s) => changes.push(s));
    const state = await session.login('127.0.0.1:7340/', user.email, 'pw');
    session.dispose();
    expect(state).toMatchObject({ signedIn: true, serverUrl: 'http://127.0.0.1:7340', user: { name: '王芳' } });
    expect(settings.get()).toEqual({ serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email, lastUser: user, notificationPreferences: {}, openAtLogin: false });
    expect(secrets.get('refreshToken')).toBe('r');
    expect(changes).toHaveLength(1);

    // The next start signs in as the same agent without the network, until they sign out.
    const restarted = new SessionService(api, settings, secrets, () => {});
    expect(restarted.restore()).toBe(true);
    expect(restarted.state()).toMatchObject({ signedIn: true, user: { name: '王芳' } });
    expect(restarted.accessToken()).toBeNull();
    restarted.logout();
    expect(new SessionService(api, settings, secrets, () => {}).restore()).toBe(false);
  });
});

describe('a session that changes on the server', () => {
  const agent: User = { id: 'u1', accountId: 'a1', email: 'li.lei@demo.test', name: '李雷', role: 'agent' };

  /** A server that answers sign-in and refresh with `user` as it is now, and records what it was sent. */
  function server(user: () => typeof agent) {
    const requests: { path: string; body: unknown }[] = [];
    let n = 0;
    const fetchFn = (async (url: URL, init: RequestInit) => {
      const body: unknown = JSON.parse(String(init.body));
      requests.push({ path: url.pathname, body });
      if (url.pathname === '/api/auth/logout') return new Response(JSON.stringify({ signedOut: true }), { status: 200 });
      n += 1;
      return new Response(JSON.stringify({ accessToken: `t${n}`, expiresIn: 900, refreshToken: `r${n}`, user: user() }), { status: 200 });
    }) as unknown as typeof fetch;
    return { api: new ServerApi(fetchFn), requests };
  }

  it('learns a new role at the next refresh: says so and remembers it for an offline start', async () => {
    let current = agent;
    const { api } = server(() => current);
    const settings = memorySettings();
    const changes: { user: { role: string } | null }[] = [];
    const session = new SessionService(api, settings, memorySecrets(), (s) => changes.push(s));
    await session.login('http://127.0.0.1:7340', agent.email, 'pw');
    await session.refresh();
    expect(changes).toHaveLength(1);

    current = { ...agent, role: 'supervisor' };
    await session.refresh();
    session.dispose();
    expect(changes.at(-1)?.user).toMatchObject({ id: 'u1', role: 'supervisor' });
    expect(settings.get().lastUser).toMatchObject({ role: 'supervisor' });
  });

  it('tells the server on sign-out, with its refresh token and its own socket, and forgets both at once', async () => {
    const { api, requests } = server(() => agent);
    const secrets = memorySecrets();
    const session = new SessionService(api, memorySettings(), secrets, () => {});
    await session.login('http://127.0.0.1:7340', agent.email, 'pw');
    const state = session.logout('socket-1');
    expect(state.signedIn).toBe(false);
    expect(secrets.get('refreshToken')).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(requests.at(-1)).toEqual({ path: '/api/auth/logout', body: { refreshToken: 'r1', socketId: 'socket-1' } });
  });

  it('signs out even when the server cannot be reached', async () => {
    const api = new ServerApi((async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    const settings = memorySettings({ serverUrl: 'http://127.0.0.1:1', lastUser: agent });
    const secrets = memorySecrets();
    secrets.set('refreshToken', 'r');
    const session = new SessionService(api, settings, secrets, () => {});
    expect(session.restore()).toBe(true);
    expect(session.logout().signedIn).toBe(false);
    expect(settings.get().lastUser).toBeNull();
  });
});
