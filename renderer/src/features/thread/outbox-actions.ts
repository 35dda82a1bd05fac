import type { ThreadMessage } from '../../../../shared/contract';

export type OutboxAction = 'retry' | 'edit' | 'discard';

/**
 * What the agent can do with a reply still in the outbox: a failed one can be sent again, taken
 * back into the composer, or dropped; a queued one taken back or dropped. Others have no actions.
 * Retrying is not offered where sending is not possible (a resolved conversation, or one that is
 * no longer the agent's). A reply with a file is not taken back (the composer would lose the file).
 */
export function outboxActions(
  message: Pick<ThreadMessage, 'delivery' | 'clientId' | 'senderType' | 'attachment'>,
  canSend = true,
): OutboxAction[] {
  if (message.clientId === null || message.senderType !== 'agent') return [];
  const actions: OutboxAction[] =
    message.delivery === 'failed' ? (canSend ? ['retry', 'edit', 'discard'] : ['edit', 'discard']) : message.delivery === 'queued' ? ['edit', 'discard'] : [];
  return message.attachment ? actions.filter((action) => action !== 'edit') : actions;
}
