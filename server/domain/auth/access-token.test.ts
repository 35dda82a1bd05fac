import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AppError } from '../../../shared/errors';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-token';
import { signToken } from './signed-token';

const claims = { userId: 'u1', accountId: 'a1', role: 'agent' as const, sessionId: 's1' };
const start = Date.UTC(2025, 0, 1);

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
}

describe('access tokens', () => {
  it('round-trips user id, account id, role and sign-in session', async () => {
    const token = await issueAccessToken(claims, 'secret', () => start);
    expect(token.split('.')).toHaveLength(3);
    expect(await verifyAccessToken(token, 'secret', () => start + 60_000)).toEqual(claims);
  });

  it('are HS256 JWTs with iat and exp', async () => {
    const token = await issueAccessToken(claims, 'secret', () => start);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(token)).toMatchObject({ iat: start / 1000, exp: start / 1000 + ACCESS_TOKEN_TTL_SECONDS });
  });

  it('expires after 15 minutes', async () => {
    const token = await issueAccessToken(claims, 'secret', () => start);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(await codeOf(() => verifyAccessToken(token, 'secret', () => start + 899_000))).toBeUndefined();
    expect(await codeOf(() => verifyAccessToken(token, 'secret', () => start + 900_000))).toBe('token_expired');
  });

  it('rejects a token signed with another secret, a tampered one, and garbage', async () => {
    const token = await issueAccessToken(claims, 'secret', () => start);
    const now = () => start;
    expect(await codeOf(() => verifyAccessToken(token, 'other', now))).toBe('unauthorized');
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ typ: 'access', sub: 'u1', acc: 'a1', role: 'admin', iat: 0, exp: 9e9 })).toString('base64url');
    expect(await codeOf(() => verifyAccessToken(`${h}.${forged}.${s}`, 'secret', now))).toBe('unauthorized');
    expect(await codeOf(() => verifyAccessToken('not.a.token', 'secret', now))).toBe('unauthorized');
    expect(await codeOf(() => verifyAccessToken(undefined, 'secret', now))).toBe('unauthorized');
    expect(await codeOf(() => verifyAccessToken(42, 'secret', now))).toBe('unauthorized');
  });

  it('refuses an unsigned token that claims alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ typ: 'access', sub: 'u1', acc: 'a1', role: 'admin', iat: 0, exp: 9e9 })).toString('base64url');
    expect(await codeOf(() => verifyAccessToken(`${header}.${body}.`, 'secret', () => start))).toBe('unauthorized');
  });

  it('refuses a token from before sign-in sessions as expired, so the desktop refreshes it', async () => {
    const sessionless = await signToken({ typ: 'access', sub: 'u1', acc: 'a1', role: 'agent' }, 'secret', () => start, 900);
    expect(await codeOf(() => verifyAccessToken(sessionless, 'secret', () => start))).toBe('token_expired');
  });

  it('does not accept another kind of signed token as an access token', async () => {
    const visitor = await signToken({ typ: 'visitor', cid: 'c', chn: 'ch' }, 'secret', () => start);
    expect(await codeOf(() => verifyAccessToken(visitor, 'secret', () => start))).toBe('unauthorized');
  });
});
