import type { InboxConversation } from '../../../../shared/contract';

/** Why replies cannot be sent from the composer now: the conversation is resolved or no longer ours. */
export type ComposerBlock = 'lost' | 'resolved';

export function composerBlock(conversation: Pick<InboxConversation, 'access' | 'status'>): ComposerBlock | null {
  if (conversation.access === 'lost') return 'lost';
  if (conversation.status === 'resolved') return 'resolved';
  return null;
}
