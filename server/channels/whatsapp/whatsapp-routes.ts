import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { advanceDelivery, failSentDelivery } from '../framework/delivery-queue';
import { changeNumber } from '../framework/number-change';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { safeEqual, verifyHubSignature } from '../framework/signatures';
import { logMalformed, parseJsonBody, rawBody, webhookChannel } from '../framework/webhook-scope';
import { parseWhatsAppWebhook } from './whatsapp-payload';

type Params = { channelId: string };

/**
 * WhatsApp Cloud API webhooks. GET answers Meta's verification (hub.mode, hub.verify_token,
 * hub.challenge); POST takes messages and status updates signed with X-Hub-Signature-256.
 */
export function registerWhatsAppRoutes(scope: FastifyInstance, deps: ChannelRouteDeps): void {
  scope.get<{ Params: Params }>('/webhooks/whatsapp/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'whatsapp', request.params.channelId);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const token = q['hub.verify_token'];
    if (q['hub.mode'] !== 'subscribe' || typeof token !== 'string' || !safeEqual(token, channel.secrets.verifyToken!)) {
      throw new AppError('forbidden', 'the verify token does not match');
    }
    const challenge = q['hub.challenge'];
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 200) throw new AppError('bad_request', 'hub.challenge is missing');
    return reply.type('text/plain; charset=utf-8').send(challenge);
  });

  scope.post<{ Params: Params }>('/webhooks/whatsapp/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'whatsapp', request.params.channelId);
    const body = rawBody(request);
    const signature = request.headers['x-hub-signature-256'];
    if (!verifyHubSignature(body, typeof signature === 'string' ? signature : undefined, channel.secrets.appSecret!)) {
      throw new AppError('unauthorized', 'the X-Hub-Signature-256 signature does not match');
    }
    let json: unknown;
    try {
      json = parseJsonBody(body);
    } catch (err) {
      logMalformed(request, channel, 'not JSON');
      throw err;
    }
    const parsed = parseWhatsAppWebhook(json, String(channel.config.phoneNumberId ?? ''));
    if (!parsed.ok) {
      logMalformed(request, channel, parsed.reason);
      throw new AppError('bad_request', `not a WhatsApp webhook payload: ${parsed.reason}`);
    }
    // Stored as it came and answered at once: a burst of deliveries (photos, a busy shop) never
    // keeps Meta waiting behind the work of storing messages. A retry of the same delivery is stored once.
    const key = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (await deps.webhooks.store(channel.id, key, body.toString('utf8'))) deps.webhooks.kick();
    return reply.send({ received: parsed.events.messages.length, statuses: parsed.events.statuses.length });
  });
}

/**
 * Processes one stored WhatsApp delivery (the webhook inbox's processor for WhatsApp channels):
 * messages, survey answers, number changes and delivery statuses, each safe to apply twice.
 */
export function whatsappProcessor(deps: Pick<ChannelRouteDeps, 'db' | 'events' | 'inbound' | 'surveys'>, logInfo: (message: string, details: Record<string, unknown>) => void) {
  return async (channel: ChannelRecord, payload: string): Promise<void> => {
    const parsed = parseWhatsAppWebhook(JSON.parse(payload), String(channel.config.phoneNumberId ?? ''));
    if (!parsed.ok) return;
    for (const message of parsed.events.messages) await deps.inbound.receive(channel, message);
    for (const answer of parsed.events.surveyAnswers) {
      const answered = await deps.surveys?.answerButton(channel.id, answer, 'whatsapp');
      if (answered && !answered.ok) logInfo('WhatsApp survey answer refused', { channelId: channel.id, reason: answered.text });
    }
    for (const number of parsed.events.numberChanges) {
      const moved = await changeNumber(deps.db, channel, number);
      if (moved.change) void deps.events.emit({ type: 'conversation.changed', change: moved.change });
      if (!moved.updated) logInfo('WhatsApp number change left as it was (unknown, already taken or seen)', { channelId: channel.id, externalId: number.externalId });
    }
    for (const status of parsed.events.statuses) {
      if (status.status === 'failed') await failSentDelivery(deps.db, deps.events, channel, status.externalId, status.reason);
      else await advanceDelivery(deps.db, deps.events, channel.id, status.externalId, status.status);
    }
  };
}
