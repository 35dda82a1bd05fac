import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import { delay } from '../../lib/timers';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { verifyWechatSignature, wechatTimestampFresh } from '../framework/signatures';
import { logMalformed, rawBody, webhookChannel } from '../framework/webhook-scope';
import type { InboundMessages } from '../framework/inbound';
import type { Db } from '../../db/db';
import { parseWechatMessage } from './wechat-payload';

type Params = { channelId: string };
type SignatureQuery = { signature?: string; timestamp?: string; nonce?: string; echostr?: string };

/** WeChat's own deadline for answering a callback; after it, the platform retries (three times). */
export const WECHAT_DEADLINE_MS = 5_000;

/** How far a callback's timestamp may be from the server's clock: a captured request is not accepted again later. */
export const WECHAT_TIMESTAMP_WINDOW_MS = 5 * 60_000;

/**
 * Checks a callback's signature (the channel's Token over timestamp and nonce) and that its
 * timestamp is within WECHAT_TIMESTAMP_WINDOW_MS of now. Refused with `status` and a stable
 * `details.reason`: `bad_signature` or `stale_timestamp`.
 */
function checkSignature(deps: ChannelRouteDeps, channel: ChannelRecord, query: SignatureQuery, code: 'forbidden' | 'unauthorized'): void {
  if (!verifyWechatSignature(channel.secrets.token!, query)) throw new AppError(code, 'the signature does not match', { reason: 'bad_signature' });
  if (!wechatTimestampFresh(query.timestamp, deps.clock(), WECHAT_TIMESTAMP_WINDOW_MS)) {
    throw new AppError(code, 'the timestamp is more than 5 minutes away from now', { reason: 'stale_timestamp' });
  }
}

/**
 * WeChat Official Account callbacks (plaintext or compatible mode). GET answers the server
 * verification with `echostr`; POST takes messages and events. A POST is checked (signature,
 * timestamp window, a well-formed XML body), its raw body stored durably once per MsgId (or sender,
 * time and event), and answered "success" at once; the webhook inbox processes it after. No passive
 * reply: agents answer through the customer-service message API. Should storing itself be held up,
 * WeChat is still answered after `wechatReplyBudgetMs` and the body is stored behind the answer.
 */
export function registerWechatRoutes(scope: FastifyInstance, deps: ChannelRouteDeps): void {
  scope.get<{ Params: Params; Querystring: SignatureQuery }>('/webhooks/wechat/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'wechat', request.params.channelId);
    checkSignature(deps, channel, request.query, 'forbidden');
    const echo = request.query.echostr;
    if (typeof echo !== 'string' || echo.length === 0 || echo.length > 200) throw new AppError('bad_request', 'echostr is missing');
    return reply.type('text/plain; charset=utf-8').send(echo);
  });

  scope.post<{ Params: Params; Querystring: SignatureQuery }>('/webhooks/wechat/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'wechat', request.params.channelId);
    checkSignature(deps, channel, request.query, 'unauthorized');
    const body = rawBody(request).toString('utf8');
    const parsed = parseWechatMessage(body);
    if (!parsed.ok) {
      logMalformed(request, channel, parsed.reason);
      throw new AppError('bad_request', parsed.reason);
    }
    if (parsed.kind !== 'ignored') await storeInTime(deps, request, channel, parsed.kind === 'message' ? parsed.message.externalId : parsed.externalId, body);
    return reply.type('text/plain; charset=utf-8').send('success');
  });
}

async function storeInTime(deps: ChannelRouteDeps, request: FastifyRequest, channel: ChannelRecord, key: string, body: string): Promise<void> {
  const work = deps.webhooks.store(channel.id, key, body).then((fresh) => {
    if (fresh) deps.webhooks.kick();
  });
  // The budget's timer goes as soon as the body is stored: nothing is left waiting behind the answer.
  const budget = new AbortController();
  const answered = await Promise.race([
    work.then(() => 'stored' as const).finally(() => budget.abort()),
    delay(deps.timers, deps.wechatReplyBudgetMs, 'late' as const, budget.signal),
  ]);
  if (answered === 'late') {
    // Answered in time anyway; a retry from WeChat is stored once.
    work.catch((err: unknown) => request.log.error({ err, channelId: channel.id }, 'storing a WeChat callback failed after answering'));
  }
}

/** Processes one stored callback (the webhook inbox's processor for WeChat channels): safe to run twice. */
export function wechatProcessor(db: Db, inbound: InboundMessages) {
  return async (channel: ChannelRecord, payload: string): Promise<void> => {
    const parsed = parseWechatMessage(payload);
    if (!parsed.ok || parsed.kind === 'ignored') return;
    if (parsed.kind === 'message') {
      await inbound.receive(channel, parsed.message);
      return;
    }
    // An unfollow is told to the agent only when a conversation is open: alone it is nothing to answer.
    const open = await db.query(
      `SELECT 1 FROM contact_identities i JOIN conversations c ON c.contact_id = i.contact_id AND c.channel_id = i.channel_id
       WHERE i.channel_id = $1 AND i.external_id = $2 AND c.status = 'open' LIMIT 1`,
      [channel.id, parsed.openId],
    );
    if (open.length > 0) {
      await inbound.receive(channel, { externalId: parsed.externalId, sender: { externalId: parsed.openId, name: null }, body: parsed.body });
    }
  };
}
