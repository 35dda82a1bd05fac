import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { safeEqual } from '../framework/signatures';
import { logMalformed, webhookChannel, webhookJson } from '../framework/webhook-scope';
import { parseTelegramUpdate } from './telegram-payload';

type Params = { channelId: string };

/** Telegram Bot API webhook: updates checked against X-Telegram-Bot-Api-Secret-Token (setWebhook's secret_token). */
export function registerTelegramRoutes(scope: FastifyInstance, deps: ChannelRouteDeps): void {
  scope.post<{ Params: Params }>('/webhooks/telegram/:channelId', async (request, reply) => {
    const channel = await webhookChannel(deps.directory, 'telegram', request.params.channelId);
    const header = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof header !== 'string' || !safeEqual(header, channel.secrets.webhookSecret!)) {
      throw new AppError('unauthorized', 'the X-Telegram-Bot-Api-Secret-Token does not match');
    }
    const parsed = parseTelegramUpdate(webhookJson(request, channel));
    if (!parsed.ok) {
      logMalformed(request, channel, parsed.reason);
      throw new AppError('bad_request', `not a Telegram update: ${parsed.reason}`);
    }
    if (parsed.message) await deps.inbound.receive(channel, parsed.message);
    return reply.send({ received: parsed.message ? 1 : 0 });
  });
}
