import type { Role } from '../../../shared/domain';

export type Viewer = { id: string; accountId: string; role: Role };
export type ConversationAccess = { accountId: string; assigneeId: string | null };

const isStaff = (role: Role) => role === 'supervisor' || role === 'admin';

/** Supervisors and admins read every conversation of their account; agents read the unassigned ones and their own. */
export function canRead(user: Viewer, conversation: ConversationAccess): boolean {
  if (user.accountId !== conversation.accountId) return false;
  if (isStaff(user.role)) return true;
  return conversation.assigneeId === null || conversation.assigneeId === user.id;
}

/** Who may reply: the same people who may read (an agent replying to an unassigned conversation claims it). */
export function canWrite(user: Viewer, conversation: ConversationAccess): boolean {
  return canRead(user, conversation);
}

/** Whether a reply from `user` makes them the assignee. Staff can step in without taking ownership. */
export function claimsOnReply(user: Viewer, conversation: ConversationAccess): boolean {
  return user.role === 'agent' && conversation.assigneeId === null;
}
