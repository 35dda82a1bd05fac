import type { ThreadMessage } from '../../../../shared/contract';
import type { DeliveryStatus } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n/en';

/** How a reply's delivery on the customer's platform reads under its bubble. */
export interface ChannelDeliveryLine {
  status: DeliveryStatus;
  /** ✓ sent, ✓✓ delivered or read, ! failed, … still on its way. */
  marks: string;
  key: Extract<MessageKey, `channelDelivery.${string}`>;
  /** The platform's own words for a failure (or for the attempt that will be retried). */
  reason: string | null;
  attempts: number;
}

const marks: Readonly<Record<DeliveryStatus, string>> = { pending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

/**
 * The delivery line of a reply that went to a platform channel (WhatsApp, Telegram, …), or null
 * for messages with none: the customer's own, internal notes, widget replies, and replies the
 * server does not have yet (the outbox line speaks for those).
 */
export function channelDeliveryLine(message: ThreadMessage): ChannelDeliveryLine | null {
  const delivery = message.channelDelivery;
  if (!delivery || message.delivery !== 'sent' || message.internal || message.senderType === 'contact') return null;
  const reason = delivery.reason?.trim() || null;
  const retrying = delivery.status === 'pending' && delivery.attempts > 0 && reason !== null;
  return {
    status: delivery.status,
    marks: marks[delivery.status],
    key: retrying ? 'channelDelivery.retrying' : delivery.status === 'failed' && reason === null ? 'channelDelivery.failedNoReason' : `channelDelivery.${delivery.status}`,
    reason,
    attempts: delivery.attempts,
  };
}
