import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import type { Timers } from '../lib/timers';
import type { DomainEvents } from '../domain/events';
import { ChannelDirectory } from '../domain/channels/channel-directory';
import { registerChannelAdminRoutes } from '../domain/channels/channel-routes';
import { registerContactRoutes } from '../domain/contacts/contact-routes';
import type { Router } from '../domain/routing/router';
import type { SensitiveScreen } from '../domain/sensitive/sensitive-screen';
import type { ErrorLogger } from '../lib/error-logger';
import { apiSender, registerApiChannelRoutes } from './api/api-channel';
import { EmailSender } from './email/email-sender';
import { SmtpListener, type TicketMailbox } from './email/smtp-listener';
import { DeliveryQueue } from './framework/delivery-queue';
import { InboundMessages, type InboundResponder } from './framework/inbound';
import type { RetryPolicy } from './framework/retry-policy';
import type { ChannelRouteDeps } from './framework/route-deps';
import { registerRawBodyRoutes } from './framework/webhook-scope';
import { registerTelegramRoutes } from './telegram/telegram-routes';
import { telegramSender } from './telegram/telegram-sender';
import { registerWechatRoutes, WECHAT_DEADLINE_MS, wechatProcessor } from './wechat/wechat-routes';
import { WebhookInbox } from './framework/webhook-inbox';
import { WechatSender } from './wechat/wechat-sender';
import { registerWhatsAppRoutes, whatsappProcessor } from './whatsapp/whatsapp-routes';
import { whatsappSender } from './whatsapp/whatsapp-sender';
import type { CsatService } from '../domain/csat/csat-service';
import type { AttachmentIntake } from '../domain/attachments/attachment-intake';
import type { AttachmentOptions } from '../domain/attachments/attachment-options';
import { apiMediaFetcher } from './api/api-media';
import { MediaFetchJob } from './framework/media-fetch-job';
import { telegramMediaFetcher } from './telegram/telegram-media';
import { WechatMediaFetcher } from './wechat/wechat-media';
import { WechatAccessTokens } from './wechat/wechat-token';
import { whatsappMediaFetcher } from './whatsapp/whatsapp-media';

export type ChannelAdapterOptions = {
  db: Db;
  events: DomainEvents;
  secret: string;
  clock: Clock;
  /** The delivery poll and the WeChat reply budget. */
  timers: Timers;
  router: Router;
  sensitive: SensitiveScreen;
  logError: ErrorLogger;
  /** The bot, when the server runs one: platform messages reach it exactly as widget messages do. */
  bot?: InboundResponder;
  retry?: RetryPolicy;
  deliveryPollMs?: number;
  /** How often stored webhook deliveries are looked for besides the kick after each one (default 1 s). */
  webhookPollMs?: number;
  /** Answer WeChat after this long at the latest (default 4 s, inside the platform's 5 s). */
  wechatReplyBudgetMs?: number;
  /** Where the SMTP listener for email channels listens; none without it. */
  smtp?: { port: number; host: string };
  /** Mail to an account's ticket address opens a ticket. */
  ticketMail?: TicketMailbox;
  /** Satisfaction surveys: rendered per platform when sent, answered from pressed buttons. */
  csat?: CsatService;
  /** Customers' files: stored by the intake, fetched from each platform in the background; none kept without it. */
  attachments?: Pick<AttachmentOptions, 'retry' | 'pollMs' | 'timeoutMs' | 'allowLoopbackUrls'> & { intake: AttachmentIntake };
};

export type ChannelAdapters = {
  deliveries: DeliveryQueue;
  directory: ChannelDirectory;
  /** Webhook deliveries stored before processing (WeChat). */
  webhooks: WebhookInbox;
  /** The SMTP listener's port, when it runs. */
  smtpPort: number | null;
  /** Customers' files fetched from their platforms; null when the server keeps no files. */
  media: MediaFetchJob | null;
  /** Starts the delivery worker and the SMTP listener (after the HTTP server listens). */
  start(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Every platform channel on one Fastify app: the webhooks (raw bodies, signatures checked first),
 * the channels admin API, the contacts API, the outbound delivery queue with each platform's
 * sender, and the SMTP listener for email. Register before the app listens.
 */
export async function registerChannelAdapters(app: FastifyInstance, options: ChannelAdapterOptions): Promise<ChannelAdapters> {
  const { db, events, clock, timers, logError } = options;
  const directory = new ChannelDirectory(db, clock);
  const email = new EmailSender();
  // One token per WeChat channel for replies and media alike: a second holder would spoil the first's.
  const wechatTokens = new WechatAccessTokens();
  const deliveries = new DeliveryQueue({
    db, events, logError, retry: options.retry, pollMs: options.deliveryPollMs, timers, surveys: options.csat?.renderer, store: options.attachments?.intake.files,
    senders: { whatsapp: whatsappSender, telegram: telegramSender, wechat: new WechatSender(wechatTokens), api: apiSender, email },
  });
  const files = options.attachments;
  const media = files
    ? new MediaFetchJob({
      db, intake: files.intake, clock, timers, logError, retry: files.retry, pollMs: files.pollMs, timeoutMs: files.timeoutMs,
      fetchers: {
        whatsapp: whatsappMediaFetcher, telegram: telegramMediaFetcher, wechat: new WechatMediaFetcher(wechatTokens),
        api: apiMediaFetcher({ allowLoopback: files.allowLoopbackUrls === true }),
      },
    })
    : null;
  const inbound = new InboundMessages({
    db, events, router: options.router, clock, sensitive: options.sensitive, logError, bot: options.bot, onStored: () => deliveries.kick(),
    attachments: files && media ? { intake: files.intake, kick: () => media.kick() } : undefined,
  });
  const webhooks = new WebhookInbox({
    db, directory, logError, timers, clock, pollMs: options.webhookPollMs, processors: {
      wechat: wechatProcessor(db, inbound),
      whatsapp: whatsappProcessor({ db, events, inbound, surveys: options.csat }, (message, details) => app.log.info(details, message)),
    },
  });
  const routeDeps: ChannelRouteDeps = {
    db, events, clock, timers, directory, inbound, webhooks, wechatReplyBudgetMs: options.wechatReplyBudgetMs ?? WECHAT_DEADLINE_MS - 1_000,
    surveys: options.csat,
  };
  await registerRawBodyRoutes(app, (scope) => {
    registerWhatsAppRoutes(scope, routeDeps);
    registerTelegramRoutes(scope, routeDeps);
    registerWechatRoutes(scope, routeDeps);
    registerApiChannelRoutes(scope, routeDeps);
  });
  registerChannelAdminRoutes(app, { db, secret: options.secret, clock, directory });
  registerContactRoutes(app, { db, secret: options.secret, clock, events });

  const smtp = options.smtp ? new SmtpListener({ db, inbound, logError, clock, tickets: options.ticketMail }) : null;
  const adapters: ChannelAdapters = {
    deliveries,
    directory,
    webhooks,
    smtpPort: null,
    media,
    async start() {
      if (smtp && options.smtp) adapters.smtpPort = await smtp.listen(options.smtp.port, options.smtp.host);
      deliveries.start();
      webhooks.start();
      media?.start();
    },
    async close() {
      await webhooks.stop();
      await media?.stop();
      await deliveries.stop();
      await smtp?.close();
      email.close();
    },
  };
  return adapters;
}
