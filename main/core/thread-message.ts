import type { ThreadMessage } from '../../shared/contract';
import type { Message } from '../../shared/domain';

/** A message the server has stored, as the thread shows it. */
export function asSent(message: Message): ThreadMessage {
  return { ...message, delivery: 'sent', error: null };
}
