import type { ThreadMessage } from '../../../../shared/contract';
import type { TeamMember } from '../../../../shared/domain';

/**
 * How an agents-only message is shown: a system line (taken over, joined, re-queued) centred in
 * the thread; a supervisor's or admin's whisper; or a note between agents (a private note, a
 * transfer note). Decided by who wrote it, so a whisper stays one after the conversation changes hands.
 */
export type InternalKind = 'system' | 'whisper' | 'note';

export function internalKind(
  message: Pick<ThreadMessage, 'senderType' | 'senderId'>,
  team: readonly Pick<TeamMember, 'id' | 'role'>[],
): InternalKind {
  if (message.senderType === 'system') return 'system';
  const sender = message.senderId === null ? undefined : team.find((m) => m.id === message.senderId);
  return sender && (sender.role === 'supervisor' || sender.role === 'admin') ? 'whisper' : 'note';
}
