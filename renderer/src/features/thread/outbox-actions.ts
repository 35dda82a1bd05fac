import type { ThreadMessage } from '../../../../shared/contract';

export type OutboxAction = 'retry' | 'edit' | 'discard';

/**
 * What the agent can do with a reply still in the outbox: a failed one can be sent again, taken
 * back into the composer, or dropped; a queued one taken back or dropped. Others have no actions.
 * Retrying is not offered where sending is not possible (a resolved conversation, or one that is
 * no longer the agent's).
 */
export function outboxActions(
  message: Pick<ThreadMessage, 'delivery' | 'clientId' | 'senderType'>,
  canSend = true,
): OutboxAction[] {
  if (message.clientId === null || message.senderType !== 'agent') return [];
  if (message.delivery === 'failed') return canSend ? ['retry', 'edit', 'discard'] : ['edit', 'discard'];
  if (message.delivery === 'queued') return ['edit', 'discard'];
  return [];
}
