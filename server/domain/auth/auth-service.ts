import type { AuthTokens } from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-token';
import type { WindowLimiter } from '../../lib/window-limiter';
import { verifyPassword } from './password';
import { consumeRefreshToken, createRefreshToken } from './refresh-tokens';
import { findUserByEmail, findUserById, toUser, type UserRow } from './user-repository';

export type AuthDeps = { db: Db; secret: string; clock: Clock; limiter: WindowLimiter };

/** Signs a user in; throws `rate_limited`, `unknown_user` or `invalid_credentials`. */
export async function login(deps: AuthDeps, input: { email: string; password: string; ip: string }): Promise<AuthTokens> {
  const keys = { email: input.email, ip: input.ip };
  const decision = deps.limiter.check(keys);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) {
    deps.limiter.record(keys);
    throw new AppError('unknown_user', 'no account uses this email address');
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    deps.limiter.record(keys);
    throw new AppError('invalid_credentials', 'the password is not correct');
  }
  deps.limiter.reset('email', input.email);
  if (user.deactivated_at !== null) throw new AppError('forbidden', 'this account has been deactivated');
  return issueTokens(deps, user);
}

/** Exchanges a refresh token for new tokens; the old refresh token stops working. */
export async function refresh(deps: AuthDeps, refreshToken: string): Promise<AuthTokens> {
  return deps.db.transaction(async (tx) => {
    const consumed = await consumeRefreshToken(tx, refreshToken, deps.clock);
    if (!consumed) throw new AppError('unauthorized', 'the session is no longer valid, please sign in again');
    if (consumed.expired) throw new AppError('token_expired', 'the session has expired, please sign in again');
    const user = await findUserById(tx, consumed.userId);
    if (!user) throw new AppError('unauthorized', 'the account no longer exists');
    if (user.deactivated_at !== null) throw new AppError('unauthorized', 'this account has been deactivated');
    // The tokens carry the user's role as it is now: a changed role reaches the desktop here.
    return issueTokens({ ...deps, db: tx }, user);
  });
}

/**
 * Signs one device out: its refresh token stops working. Says whose it was (null when it was
 * unknown or already used), so the caller can take the user offline.
 */
export async function logout(deps: Pick<AuthDeps, 'db' | 'clock'>, refreshToken: string): Promise<{ userId: string; accountId: string } | null> {
  const consumed = await consumeRefreshToken(deps.db, refreshToken, deps.clock);
  if (!consumed) return null;
  const user = await findUserById(deps.db, consumed.userId);
  return user ? { userId: user.id, accountId: user.account_id } : null;
}

async function issueTokens(deps: Pick<AuthDeps, 'secret' | 'clock'> & { db: Queryable }, user: UserRow): Promise<AuthTokens> {
  const accessToken = await issueAccessToken({ userId: user.id, accountId: user.account_id, role: user.role }, deps.secret, deps.clock);
  const refreshToken = await createRefreshToken(deps.db, user.id, deps.clock);
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, user: toUser(user) };
}

/** `rate_limited`, carrying how long to wait for the Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many failed sign-in attempts, try again in ${retryAfterSeconds} seconds`);
  }
}
