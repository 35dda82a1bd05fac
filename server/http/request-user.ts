import type { FastifyRequest } from 'fastify';
import type { Role, User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import { verifyAccessToken } from '../domain/auth/access-token';
import { currentUser, toUser } from '../domain/auth/user-repository';

export type RequestAuthDeps = { db: Db; secret: string; clock: Clock };

// The user found for a request (by the onRequest check, see authenticate-first.ts), so the route reads it once.
const signedIn = new WeakMap<FastifyRequest, User>();

/**
 * The signed-in user behind a REST request (Authorization: Bearer <access token>). The role is
 * read from the database, not the token, so a demoted admin loses admin routes at once.
 */
export async function requestUser(request: FastifyRequest, deps: RequestAuthDeps): Promise<User> {
  const known = signedIn.get(request);
  if (known) return known;
  const header = request.headers.authorization;
  const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
  const claims = await verifyAccessToken(token, deps.secret, deps.clock);
  const user = toUser(await currentUser(deps.db, claims));
  signedIn.set(request, user);
  return user;
}

/** Refuses (403) a user whose role is not among `roles`, saying what they tried to do. */
export function requireRole(user: User, roles: readonly Role[], action: string): void {
  if (!roles.includes(user.role)) throw new AppError('forbidden', `Only ${roles.join(' and ')}s can ${action}.`);
}
