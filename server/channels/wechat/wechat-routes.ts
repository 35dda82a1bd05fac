import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import { delay } from '../../lib/timers';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { verifyWechatSignature } from '../framework/signatures';
import { logMalformed, rawBody, webhookChannel } from '../framework/webhook-scope';
import { parseWechatMessage } from './wechat-payload';

type Params = { channelId: string };
type SignatureQuery = { signature?: string; timestamp?: string; nonce?: string; echostr?: string };

/** WeChat's own deadline for answering a callback; after it, the platform retries (three times). */
export const WECHAT_DEADLINE_MS = 5_000;

/**
 * WeChat Official Account callbacks (plaintext or compatible mode). GET answers the server
 * verification with `echostr`; POST takes messages and events. A POST is answered "success" (no
 * passive reply: agents answer through the customer-service message API) as soon as the message is
 * stored, and at the latest after `wechatReplyBudgetMs`, storing going on behind the answer.
 */
export function registerWechatRoutes(scope: FastifyInstance, deps: ChannelRouteDeps): void {
  scope.get<{ Params: Params; Querystring: SignatureQuery }>('/webhooks/wechat/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'wechat', request.params.channelId);
    if (!verifyWechatSignature(channel.secrets.token!, request.query)) throw new AppError('forbidden', 'the signature does not match');
    const echo = request.query.echostr;
    if (typeof echo !== 'string' || echo.length === 0 || echo.length > 200) throw new AppError('bad_request', 'echostr is missing');
    return reply.type('text/plain; charset=utf-8').send(echo);
  });

  scope.post<{ Params: Params; Querystring: SignatureQuery }>('/webhooks/wechat/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'wechat', request.params.channelId);
    if (!verifyWechatSignature(channel.secrets.token!, request.query)) throw new AppError('unauthorized', 'the signature does not match');
    const parsed = parseWechatMessage(rawBody(request).toString('utf8'));
    if (!parsed.ok) {
      logMalformed(request, channel, parsed.reason);
      throw new AppError('bad_request', parsed.reason);
    }
    const work = store(deps, channel, parsed);
    // The budget's timer goes as soon as the message is stored: nothing is left waiting behind the answer.
    const budget = new AbortController();
    const answered = await Promise.race([
      work.then(() => 'stored' as const).finally(() => budget.abort()),
      delay(deps.timers, deps.wechatReplyBudgetMs, 'late' as const, budget.signal),
    ]);
    if (answered === 'late') {
      // Answered in time anyway; a retry from WeChat would be stored once.
      work.catch((err: unknown) => request.log.error({ err, channelId: channel.id }, 'storing a WeChat message failed after answering'));
    }
    return reply.type('text/plain; charset=utf-8').send('success');
  });
}

async function store(deps: ChannelRouteDeps, channel: ChannelRecord, parsed: Exclude<ReturnType<typeof parseWechatMessage>, { ok: false }>): Promise<void> {
  if (parsed.kind === 'message') {
    await deps.inbound.receive(channel, parsed.message);
  } else if (parsed.kind === 'unsubscribe') {
    // Told to the agent only when a conversation is open: an unfollow alone is nothing to answer.
    const open = await deps.db.query(
      `SELECT 1 FROM contact_identities i JOIN conversations c ON c.contact_id = i.contact_id AND c.channel_id = i.channel_id
       WHERE i.channel_id = $1 AND i.external_id = $2 AND c.status = 'open' LIMIT 1`,
      [channel.id, parsed.openId],
    );
    if (open.length > 0) {
      await deps.inbound.receive(channel, { externalId: parsed.externalId, sender: { externalId: parsed.openId, name: null }, body: parsed.body });
    }
  }
}
