import type { FastifyInstance } from 'fastify';
import { shopTicketCommentSchema, shopTicketCreateSchema, ticketNumberParamsSchema } from '../../../shared/tickets-api';
import { registerRawBodyRoutes } from '../../channels/framework/webhook-scope';
import { parseInput } from '../../http/parse-input';
import type { RequestAuthDeps } from '../../http/request-user';
import { readBody, signedAccount } from '../orders/order-events-routes';
import type { DomainEvents } from '../events';
import { commentShopTicket, createShopTicket, readShopTicket } from './shop-tickets';

export type TicketApiDeps = RequestAuthDeps & { events: DomainEvents; kickDeliveries?: () => void };

/**
 * The tickets API for the shop's own systems (shared/tickets-api.ts), signed with the account's
 * order-events secret exactly like order events; an unsigned or badly signed call is 401 before
 * anything is read or stored.
 */
export async function registerTicketApiRoutes(app: FastifyInstance, deps: TicketApiDeps): Promise<void> {
  const ticketDeps = { db: deps.db, events: deps.events, clock: deps.clock, kickDeliveries: deps.kickDeliveries };
  await registerRawBodyRoutes(app, (scope) => {
    scope.post('/api/tickets', async (request, reply) => {
      const accountId = await signedAccount(request, deps);
      const input = readBody(request, accountId, shopTicketCreateSchema);
      return reply.status(201).send({ ticket: await createShopTicket(ticketDeps, accountId, input) });
    });

    scope.get('/api/tickets/:number', async (request) => {
      const accountId = await signedAccount(request, deps);
      const { number } = parseInput(ticketNumberParamsSchema, request.params);
      return readShopTicket(ticketDeps, accountId, number);
    });

    scope.post('/api/tickets/:number/comments', async (request, reply) => {
      const accountId = await signedAccount(request, deps);
      const { number } = parseInput(ticketNumberParamsSchema, request.params);
      const input = readBody(request, accountId, shopTicketCommentSchema);
      return reply.status(201).send(await commentShopTicket(ticketDeps, accountId, number, input));
    });
  });
}
