import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, logoutRequestSchema, refreshRequestSchema } from '../../../shared/protocol';
import { AppError, describeZodError } from '../../../shared/errors';
import { login, logout, refresh, type AuthDeps } from './auth-service';
import { dummyPasswordHash } from './password';

export type AuthRouteDeps = AuthDeps & {
  /**
   * A user signed out on one device (`socketId`: that desktop's socket). Resolves once they are
   * offline, or once it is clear they are still signed in elsewhere.
   */
  onSignedOut?: (accountId: string, userId: string, socketId: string | undefined) => Promise<void>;
};

/**
 * POST /api/auth/login, /api/auth/refresh and /api/auth/logout. Sign-in is throttled by the
 * client's address as `request.ip` gives it: behind a trusted proxy, the address it forwarded.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  // Made now, so the first sign-in with an unknown email takes no longer than any other (a
  // failure here shows on that sign-in instead).
  dummyPasswordHash().catch(() => undefined);

  app.post('/api/auth/login', async (request) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request', describeZodError(parsed.error));
    return login(deps, { ...parsed.data, ip: request.ip });
  });

  app.post('/api/auth/refresh', async (request) => {
    const parsed = refreshRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request', describeZodError(parsed.error));
    return refresh(deps, parsed.data.refreshToken);
  });

  // Answers the same whether or not the token was known: signing out twice is not an error.
  app.post('/api/auth/logout', async (request) => {
    const parsed = logoutRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request', describeZodError(parsed.error));
    const signedOut = await logout(deps, parsed.data.refreshToken);
    if (signedOut) await deps.onSignedOut?.(signedOut.accountId, signedOut.userId, parsed.data.socketId);
    return { signedOut: signedOut !== null };
  });
}
