import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-token';
import { signToken } from './signed-token';

const claims = { userId: 'u1', accountId: 'a1', role: 'agent' as const };
const start = Date.UTC(2025, 0, 1);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
}

describe('access tokens', () => {
  it('round-trips user id, account id and role', () => {
    const token = issueAccessToken(claims, 'secret', () => start);
    expect(token.split('.')).toHaveLength(3);
    expect(verifyAccessToken(token, 'secret', () => start + 60_000)).toEqual(claims);
  });

  it('expires after 15 minutes', () => {
    const token = issueAccessToken(claims, 'secret', () => start);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(codeOf(() => verifyAccessToken(token, 'secret', () => start + 899_000))).toBeUndefined();
    expect(codeOf(() => verifyAccessToken(token, 'secret', () => start + 900_000))).toBe('token_expired');
  });

  it('rejects a token signed with another secret, a tampered one, and garbage', () => {
    const token = issueAccessToken(claims, 'secret', () => start);
    const now = () => start;
    expect(codeOf(() => verifyAccessToken(token, 'other', now))).toBe('unauthorized');
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ typ: 'access', sub: 'u1', acc: 'a1', role: 'admin', iat: 0, exp: 9e9 })).toString('base64url');
    expect(codeOf(() => verifyAccessToken(`${h}.${forged}.${s}`, 'secret', now))).toBe('unauthorized');
    expect(codeOf(() => verifyAccessToken('not.a.token', 'secret', now))).toBe('unauthorized');
    expect(codeOf(() => verifyAccessToken(undefined, 'secret', now))).toBe('unauthorized');
    expect(codeOf(() => verifyAccessToken(42, 'secret', now))).toBe('unauthorized');
  });

  it('does not accept another kind of signed token as an access token', () => {
    const visitor = signToken({ typ: 'visitor', cid: 'c', chn: 'ch' }, 'secret');
    expect(codeOf(() => verifyAccessToken(visitor, 'secret', () => start))).toBe('unauthorized');
  });
});
