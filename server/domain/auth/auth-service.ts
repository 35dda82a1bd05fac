import type { AuthTokens } from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { DomainEvents } from '../events';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-token';
import { dummyPasswordHash, verifyPassword } from './password';
import { createRefreshToken, forgetExpiredUsedTokens, refreshTokenSession, useRefreshToken } from './refresh-tokens';
import { revokeSession, startSession } from './sign-in-sessions';
import type { SignInGate } from './sign-in-throttle';
import { findUserByEmail, findUserById, toUser, type UserRow } from './user-repository';

/** `events` hears of ended sessions, so their live connections close. */
export type AuthDeps = { db: Db; secret: string; clock: Clock; throttle: SignInGate; events?: DomainEvents };

/**
 * Signs a user in; throws `rate_limited` or `invalid_credentials`. An unknown email and a wrong
 * password get the same answer after the same work (a password check against a stand-in hash).
 */
export async function login(deps: AuthDeps, input: { email: string; password: string; ip: string }): Promise<AuthTokens> {
  // Counted as it is reserved (in memory before anything awaits, or in one locking transaction):
  // parallel attempts cannot all pass one check.
  const ticket = await deps.throttle.begin(input.email, input.ip);
  let user: UserRow | null;
  let matches: boolean;
  try {
    user = await findUserByEmail(deps.db, input.email);
    matches = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  } catch (err) {
    await deps.throttle.cancelled(ticket);
    throw err;
  }
  if (!user || !matches) throw new AppError('invalid_credentials', 'the email or the password is not correct');
  await deps.throttle.succeeded(ticket);
  if (user.deactivated_at !== null) throw new AppError('forbidden', 'this account has been deactivated');
  const signedIn = user;
  return deps.db.transaction(async (tx) => issueTokens({ ...deps, db: tx }, signedIn, await startSession(tx, signedIn.id, deps.clock)));
}

/**
 * Exchanges a refresh token for new tokens; the old refresh token stops working. Presenting one
 * that was already used ends its whole session (every token descended from that sign-in): a copy
 * is in someone else's hands, and the real holder has to sign in again.
 */
export async function refresh(deps: AuthDeps, refreshToken: string): Promise<AuthTokens> {
  const outcome = await deps.db.transaction(async (tx): Promise<RefreshOutcome> => {
    const use = await useRefreshToken(tx, refreshToken, deps.clock);
    if (!use) return { refused: new AppError('unauthorized', 'the session is no longer valid, please sign in again') };
    if (use.kind === 'reused') {
      await revokeSession(tx, use.sessionId, deps.clock);
      return { refused: new AppError('unauthorized', 'this sign-in was used elsewhere and has ended, please sign in again'), revoked: use };
    }
    if (use.expired) return { refused: new AppError('token_expired', 'the session has expired, please sign in again') };
    const user = await findUserById(tx, use.userId);
    if (!user) return { refused: new AppError('unauthorized', 'the account no longer exists') };
    if (user.deactivated_at !== null) return { refused: new AppError('unauthorized', 'this account has been deactivated') };
    await forgetExpiredUsedTokens(tx, use.sessionId, deps.clock);
    // The tokens carry the user's role as it is now: a changed role reaches the desktop here.
    return { tokens: await issueTokens({ ...deps, db: tx }, user, use.sessionId) };
  });
  // Refusals are thrown after the commit, so the revocation of a reused token's session stays.
  if (outcome.revoked) await deps.events?.emit({ type: 'auth.session.ended', sessionId: outcome.revoked.sessionId });
  if (outcome.refused) throw outcome.refused;
  return outcome.tokens;
}

/**
 * Signs one device out: its session ends, so its refresh tokens and access tokens stop working
 * and its live connections close. Says whose it was (null when it was unknown or had already
 * ended), so the caller can take the user offline.
 */
export async function logout(deps: Pick<AuthDeps, 'db' | 'clock' | 'events'>, refreshToken: string): Promise<{ userId: string; accountId: string } | null> {
  const session = await refreshTokenSession(deps.db, refreshToken);
  if (!session) return null;
  const ended = await deps.db.transaction((tx) => revokeSession(tx, session.sessionId, deps.clock));
  if (!ended) return null;
  await deps.events?.emit({ type: 'auth.session.ended', sessionId: session.sessionId });
  const user = await findUserById(deps.db, ended.userId);
  return user ? { userId: user.id, accountId: user.account_id } : null;
}

type RefreshOutcome =
  | { tokens: AuthTokens; refused?: undefined; revoked?: undefined }
  | { refused: AppError; revoked?: { sessionId: string }; tokens?: undefined };

async function issueTokens(deps: Pick<AuthDeps, 'secret' | 'clock'> & { db: Queryable }, user: UserRow, sessionId: string): Promise<AuthTokens> {
  const accessToken = await issueAccessToken(
    { userId: user.id, accountId: user.account_id, role: user.role, sessionId },
    deps.secret,
    deps.clock,
  );
  const refreshToken = await createRefreshToken(deps.db, { userId: user.id, sessionId }, deps.clock);
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, user: toUser(user) };
}
