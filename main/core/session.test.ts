import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { ServerApi } from './server-api';
import { normaliseServerUrl, SessionService } from './session';
import type { StoredSettings } from './types';

function memorySettings(initial: Partial<StoredSettings> = {}) {
  let value: StoredSettings = { serverUrl: null, lastEmail: null, lastUser: null, ...initial };
  return { get: () => value, set: (p: Partial<StoredSettings>) => (value = { ...value, ...p }) };
}

function memorySecrets() {
  const data = new Map<string, string>();
  return { data, get: (k: string) => data.get(k) ?? null, set: (k: string, v: string | null) => (v === null ? data.delete(k) : data.set(k, v)) };
}

function fakeFetch(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
}

describe('server address', () => {
  it('accepts host:port and URLs with paths, keeping only the origin', () => {
    expect(normaliseServerUrl('127.0.0.1:7340')).toBe('http://127.0.0.1:7340');
    expect(normaliseServerUrl(' https://cs.example.com/app/ ')).toBe('https://cs.example.com');
  });

  it('refuses something that is not an address with bad_request', () => {
    expect(() => normaliseServerUrl('http://')).toThrowError(AppError);
  });
});

describe('sign-in', () => {
  it('passes the server error code through so the UI can say what went wrong', async () => {
    const api = new ServerApi(fakeFetch(401, { code: 'invalid_credentials', message: 'Wrong password' }));
    const session = new SessionService(api, memorySettings(), memorySecrets(), () => {});
    await expect(session.login('http://127.0.0.1:1', 'a@b.test', 'x')).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(session.state().signedIn).toBe(false);
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
    expect(settings.get()).toEqual({ serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email, lastUser: user });
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
