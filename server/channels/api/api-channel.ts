import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import { callPlatform, DeliveryError, retryableStatus, retryAfterMs, type ChannelSender, type OutboundContext, type SendResult } from '../framework/outbound';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { bearerToken, safeEqual, switchboardSignature } from '../framework/signatures';
import { logMalformed, webhookChannel, webhookJson } from '../framework/webhook-scope';
import { parseApiMessage } from './api-payload';

type Params = { channelId: string };

/**
 * The generic API channel, for a shop's own app. In: `POST /api/channels/:channelId/messages` with
 * `Authorization: Bearer <channel token>`; 201 with the stored ids, 200 when the same id was sent
 * before. Out: replies are POSTed to the channel's webhook URL, signed (see `apiSender`).
 */
export function registerApiChannelRoutes(scope: FastifyInstance, deps: ChannelRouteDeps): void {
  scope.post<{ Params: Params }>('/api/channels/:channelId/messages', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'api', request.params.channelId);
    const token = bearerToken(request.headers.authorization);
    if (!token || !safeEqual(token, channel.secrets.apiToken!)) throw new AppError('unauthorized', 'the channel token does not match');
    const parsed = parseApiMessage(webhookJson(request, channel));
    if (!parsed.ok) {
      logMalformed(request, channel, parsed.reason);
      throw new AppError('bad_request', parsed.reason);
    }
    const stored = await deps.inbound.receive(channel, parsed.message);
    return reply.status(stored.duplicate ? 200 : 201).send(stored);
  });
}

/** The JSON a shop's app receives for each reply. */
export function apiReplyPayload(ctx: Pick<OutboundContext, 'channel' | 'recipient' | 'message'>): Record<string, unknown> {
  const { channel, recipient, message } = ctx;
  return {
    event: 'message.created',
    channelId: channel.id,
    contact: { id: recipient.externalId },
    message: {
      id: message.id,
      conversationId: message.conversationId,
      text: message.body,
      attachment: message.attachment,
      sender: { type: message.senderType, name: message.senderName },
      createdAt: message.createdAt,
    },
  };
}

/**
 * Replies to a shop's app: `POST <webhookUrl>` with headers `X-Switchboard-Timestamp` (seconds)
 * and `X-Switchboard-Signature: sha256=<hex HMAC of "<timestamp>.<body>" with the webhook secret>`.
 * A 2xx is delivered (an `id` in its JSON is kept as the app's id); 408, 429 and 5xx are retried.
 */
export const apiSender: ChannelSender = {
  async send(ctx: OutboundContext): Promise<SendResult> {
    const url = typeof ctx.channel.config.webhookUrl === 'string' ? ctx.channel.config.webhookUrl : null;
    if (!url) throw new DeliveryError('the API channel has no webhook URL for replies', false);
    const body = JSON.stringify(apiReplyPayload(ctx));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-switchboard-timestamp': timestamp };
    const secret = ctx.channel.secrets.webhookSecret;
    if (secret) headers['x-switchboard-signature'] = switchboardSignature(secret, timestamp, body);
    const response = await callPlatform(url, { method: 'POST', headers, body, signal: ctx.signal }, "The shop's app");
    if (response.status >= 200 && response.status < 300) {
      const id = (response.json as { id?: unknown } | null)?.id;
      return { externalId: typeof id === 'string' && id.length <= 200 ? id : null };
    }
    const said = (response.json as { message?: unknown; error?: unknown } | null) ?? {};
    const words = typeof said.message === 'string' ? said.message : typeof said.error === 'string' ? said.error : response.text.slice(0, 200);
    throw new DeliveryError(`the shop's app answered HTTP ${response.status}${words ? `: ${words}` : ''}`, retryableStatus(response.status), retryAfterMs(response.headers));
  },
};
