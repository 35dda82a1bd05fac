import type { FastifyInstance } from 'fastify';
import { ordersConnectorSaveSchema } from '../../../shared/orders';
import { parseInput } from '../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { getOrdersConnectorView, saveOrdersConnector } from './orders-settings';

/**
 * The account's orders connector, for admins (Authorization: Bearer <access token>):
 * - GET /api/admin/orders-connector: `{kind, url, hasToken, timeoutMs}` (the token is never shown);
 * - PUT /api/admin/orders-connector `{"kind": "rest", "url", "token", "timeoutMs"?}` or `{"kind": "store"}` (audited).
 */
export function registerOrdersRoutes(app: FastifyInstance, deps: RequestAuthDeps): void {
  app.get('/api/admin/orders-connector', async (request) => getOrdersConnectorView(deps.db, await requestUser(request, deps)));

  app.put('/api/admin/orders-connector', async (request) => {
    const user = await requestUser(request, deps);
    return saveOrdersConnector(deps.db, user, parseInput(ordersConnectorSaveSchema, request.body ?? {}));
  });
}
