import { refuseNulBytes } from '../../../shared/text/nul-byte';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { parseInput } from '../../http/parse-input';
import { requestUser, requireRole, type RequestAuthDeps } from '../../http/request-user';
import { parseJsonBody, rawBody, registerRawBodyRoutes } from '../../channels/framework/webhook-scope';
import { recordAudit } from '../audit/audit-log';
import type { OrderActor, OrderEvents } from './order-events';
import { orderIdParamsSchema, orderStatusChangeSchema, parsePayload, shopOrderEventSchema } from './order-events-payload';
import { orderEventsSecret, setOrderEventsSecret } from './order-events-repository';
import { checkOrderSignature, ORDER_SIGNATURE_HEADERS } from './order-events-signature';

export type OrderEventRouteDeps = RequestAuthDeps & { events: OrderEvents };

/**
 * Order-status events over HTTP (README: "Order-status events"):
 * - `POST /api/orders/:id/status {status, eventId?}`: an admin (Authorization: Bearer <access
 *   token>) or the shop's system (a signed request) sets a built-in order's status; agents and
 *   supervisors are refused. 200 with the order and what the bot did.
 * - `POST /api/orders/events`: a signed event from the shop's own system; 201 when stored, 200 for
 *   an event id stored before, 401 for a bad signature, 400 for a malformed body.
 * - `GET /api/admin/order-events` and `POST /api/admin/order-events/secret`: admins read whether a
 *   secret is set and make a new one (shown once, audited).
 * Signed requests carry X-Switchboard-Account, X-Switchboard-Timestamp and X-Switchboard-Signature
 * (order-events-signature.ts); bodies are read raw, and parsed only once the caller is known.
 */
export async function registerOrderEventRoutes(app: FastifyInstance, deps: OrderEventRouteDeps): Promise<void> {
  await registerRawBodyRoutes(app, (scope) => {
    scope.post('/api/orders/:id/status', async (request) => {
      const actor = await statusCaller(request, deps);
      const { id } = parseInput(orderIdParamsSchema, request.params);
      const input = readBody(request, actor.accountId, orderStatusChangeSchema);
      return deps.events.changeStatus(actor, id, input);
    });

    scope.post('/api/orders/events', async (request, reply) => {
      const accountId = await signedAccount(request, deps);
      const event = readBody(request, accountId, shopOrderEventSchema);
      const answer = await deps.events.receive(accountId, event);
      return reply.status(answer.duplicate ? 200 : 201).send(answer);
    });
  });

  app.get('/api/admin/order-events', async (request) => {
    const user = await requestUser(request, deps);
    requireRole(user, ['admin'], 'read the order events settings');
    return { accountId: user.accountId, hasSecret: (await orderEventsSecret(deps.db, user.accountId)) !== null };
  });

  app.post('/api/admin/order-events/secret', async (request) => {
    const user = await requestUser(request, deps);
    requireRole(user, ['admin'], 'make a secret for order events');
    const secret = randomBytes(32).toString('base64url');
    await deps.db.transaction(async (tx) => {
      await setOrderEventsSecret(tx, user.accountId, secret);
      await recordAudit(tx, {
        accountId: user.accountId, actorId: user.id, action: 'order_events.secret_rotated', targetType: 'account', targetId: user.accountId,
      });
    });
    return { accountId: user.accountId, secret };
  });
}

/** An admin by their sign-in, or the shop's system by its signature; anyone else is refused. */
async function statusCaller(request: FastifyRequest, deps: RequestAuthDeps): Promise<OrderActor> {
  if (request.headers.authorization !== undefined) {
    const user = await requestUser(request, deps);
    requireRole(user, ['admin'], "change an order's status");
    return { accountId: user.accountId, actorId: user.id };
  }
  return { accountId: await signedAccount(request, deps), actorId: null };
}

/** The account whose order-events secret signed this request; 401 otherwise (nothing is read or stored). */
export async function signedAccount(request: FastifyRequest, deps: RequestAuthDeps): Promise<string> {
  const accountId = header(request, ORDER_SIGNATURE_HEADERS.account);
  const secret = accountId && accountId.length <= 64 ? await orderEventsSecret(deps.db, accountId) : null;
  if (!accountId || !secret) throw new AppError('unauthorized', 'sign the request with the account’s order-events secret (X-Switchboard-Account, -Timestamp, -Signature)');
  const check = checkOrderSignature(
    secret,
    { timestamp: header(request, ORDER_SIGNATURE_HEADERS.timestamp), signature: header(request, ORDER_SIGNATURE_HEADERS.signature) },
    rawBody(request),
    deps.clock(),
  );
  if (check === 'ok') return accountId;
  request.log.warn({ accountId, check }, 'order request with a bad signature refused');
  const why = { missing: 'the signature headers are missing', stale: 'the timestamp is more than 5 minutes off', mismatch: 'the signature does not match' }[check];
  throw new AppError('unauthorized', why);
}

/** The JSON body read with `schema`; 400 saying what is wrong (and a log line) when it does not fit. */
export function readBody<S extends z.ZodType>(request: FastifyRequest, accountId: string, schema: S): z.output<S> {
  const json = parseJsonBody(rawBody(request));
  refuseNulBytes(json);
  const parsed = parsePayload(schema, json);
  if (parsed.ok) return parsed.value;
  // Never the payload itself: it holds a customer's phone or email.
  request.log.warn({ accountId, reason: parsed.reason }, 'malformed order request refused');
  throw new AppError('bad_request', parsed.reason);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
