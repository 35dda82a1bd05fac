import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, refreshRequestSchema } from '../../../shared/protocol';
import { AppError, describeZodError } from '../../../shared/errors';
import { login, refresh, type AuthDeps } from './auth-service';

/** POST /api/auth/login and /api/auth/refresh. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): void {
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
}
