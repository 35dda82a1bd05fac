import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { Timers } from '../../lib/timers';
import type { DomainEvents } from '../../domain/events';
import type { ChannelDirectory } from '../../domain/channels/channel-directory';
import type { InboundMessages } from './inbound';
import type { WebhookInbox } from './webhook-inbox';
import type { CsatService } from '../../domain/csat/csat-service';

/** What every adapter's webhook routes work with. */
export type ChannelRouteDeps = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  timers: Timers;
  directory: ChannelDirectory;
  inbound: InboundMessages;
  /** Webhook deliveries stored first and processed after (WeChat, WhatsApp). */
  webhooks: WebhookInbox;
  /** How long WeChat callbacks may take before they are answered anyway (the platform allows 5 s). */
  wechatReplyBudgetMs: number;
  /** Satisfaction survey answers from pressed buttons (WhatsApp, Telegram); none: such presses are ignored. */
  surveys?: Pick<CsatService, 'answerButton'>;
};
