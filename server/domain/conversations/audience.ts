import { agentsRoom, staffRoom, userRoom } from '../../realtime/rooms';

/** The rooms allowed to see a conversation with this assignee. */
export function conversationRooms(accountId: string, assigneeId: string | null): string[] {
  return assigneeId === null ? [agentsRoom(accountId)] : [staffRoom(accountId), userRoom(assigneeId)];
}

export type ChangeAudience = { conversation: string[]; message: string[] };

/**
 * Who hears about a change. Messages go only to those allowed to see the conversation now; the
 * conversation itself also goes to whoever could see it before, so they learn they lost it.
 * `previousAssigneeId` is undefined for a conversation that did not exist before.
 */
export function changeAudience(
  accountId: string,
  assigneeId: string | null,
  previousAssigneeId: string | null | undefined,
): ChangeAudience {
  const now = conversationRooms(accountId, assigneeId);
  const before = previousAssigneeId === undefined ? [] : conversationRooms(accountId, previousAssigneeId);
  return { conversation: [...new Set([...now, ...before])], message: now };
}
