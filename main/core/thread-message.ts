import type { ThreadMessage } from '../../shared/contract';
import type { Message } from '../../shared/domain';

/**
 * A message the server has stored, as the thread shows it: `delivery` says the server has it; a
 * reply on a platform channel carries how far it got there as `channelDelivery`.
 */
export function asSent(message: Message): ThreadMessage {
  const { delivery: channelDelivery, ...stored } = message;
  return channelDelivery ? { ...stored, delivery: 'sent', error: null, channelDelivery } : { ...stored, delivery: 'sent', error: null };
}
