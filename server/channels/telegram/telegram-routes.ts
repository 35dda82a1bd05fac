import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { ChannelRouteDeps } from '../framework/route-deps';
import { safeEqual } from '../framework/signatures';
import { logMalformed, webhookChannel, webhookJson } from '../framework/webhook-scope';
import { parseTelegramUpdate } from './telegram-payload';
import { answerCallbackQuery } from './telegram-sender';

/** How long acknowledging a pressed button may take (Telegram keeps the spinner meanwhile). */
const CALLBACK_ANSWER_TIMEOUT_MS = 10_000;

type Params = { channelId: string };

/**
 * Telegram Bot API webhook: updates checked against X-Telegram-Bot-Api-Secret-Token (setWebhook's
 * secret_token). A pressed inline button is stored as the customer's choice first, then
 * acknowledged with answerCallbackQuery after the webhook is answered: an acknowledgement is only
 * worth something within seconds, so it is tried once and a failure is logged, never queued.
 */
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
    if (parsed.refused) request.log.warn({ channelId: channel.id, reason: parsed.refused }, 'Telegram update refused: only private chats are taken');
    if (parsed.message) await deps.inbound.receive(channel, parsed.message);
    // A survey button is an answer, not a message: the customer sees thanks (or why it was not taken) on the button.
    let ackText: string | undefined;
    if (parsed.surveyAnswer && deps.surveys) {
      const answered = await deps.surveys.answerButton(channel.id, parsed.surveyAnswer, 'telegram');
      if (!answered.ok) request.log.info({ channelId: channel.id, reason: answered.text }, 'Telegram survey answer refused');
      ackText = answered.text;
    }
    const callbackQueryId = parsed.callbackQueryId;
    if (callbackQueryId) {
      void answerCallbackQuery(channel, callbackQueryId, AbortSignal.timeout(CALLBACK_ANSWER_TIMEOUT_MS), ackText).catch((err: unknown) =>
        request.log.warn({ channelId: channel.id, reason: err instanceof Error ? err.message : String(err) }, 'answerCallbackQuery failed'),
      );
    }
    return reply.send({ received: parsed.message ? 1 : 0 });
  });
}
