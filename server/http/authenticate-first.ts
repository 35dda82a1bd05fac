import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';
import { requestUser, type RequestAuthDeps } from './request-user';

/**
 * The routes under /api/ that answer without a signed-in user: signing in itself, and the ones a
 * shop's or platform's system calls with a signature of its own over the body (they may also be
 * called with a bearer token, which the route then checks itself).
 */
export const PUBLIC_API_ROUTES: ReadonlySet<string> = new Set([
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/orders/:id/status',
  '/api/orders/events',
  '/api/channels/:channelId/messages',
  '/api/tickets',
  '/api/tickets/:number',
  '/api/tickets/:number/comments',
  // A customer's file: the link's own signature names the user (domain/attachments/file-link.ts).
  '/api/files/:id',
  '/api/visitor-files/:id',
  // A widget customer's file: their widget token names them (domain/attachments/upload-route.ts).
  '/api/visitor-uploads',
]);

/**
 * Every /api/ route registered after this call, unless listed in PUBLIC_API_ROUTES, checks the
 * bearer token in `onRequest`, before its body is read: a stranger's upload is refused with 401
 * at once instead of being read first. The route's own `requestUser` then answers the same user.
 */
export function authenticateBeforeBody(app: FastifyInstance, deps: RequestAuthDeps): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || PUBLIC_API_ROUTES.has(route.url)) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [
      async (request) => {
        const user = await requestUser(request, deps);
        // Department staff have no desk beyond their tickets: no inbox, contacts, knowledge or admin route.
        if (user.role === 'staff' && !route.url.startsWith('/api/tickets/')) throw new AppError('forbidden', 'Department staff work with tickets only.');
      },
      ...existing,
    ];
  });
}
