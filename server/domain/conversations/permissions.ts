import type { ConversationStatus, Role } from '../../../shared/domain';

/** Who is asking: their account and role. */
export type Viewer = { id: string; accountId: string; role: Role };

/** A viewer with the skill groups they work in (viewer-repository.ts loads them), as the conversation rules need. */
export type Member = Viewer & { groupIds: readonly string[] };

/** What the permission rules look at in a conversation. */
export type ConversationAccess = {
  accountId: string;
  assigneeId: string | null;
  status: ConversationStatus;
  /** The skill group it is routed to; null: the whole team. */
  groupId: string | null;
  /** While open and offered: the one agent it is offered to. */
  offeredToId: string | null;
};

const isStaff = (role: Role) => role === 'supervisor' || role === 'admin';

/** Routed to the whole team or to one of the viewer's groups. */
const inTheirGroups = (user: Member, conversation: ConversationAccess) =>
  conversation.groupId === null || user.groupIds.includes(conversation.groupId);

/** An open conversation waiting for `user` to accept it (a transfer may offer it across groups). */
const offeredTo = (user: Member, conversation: ConversationAccess) =>
  conversation.status === 'open' && conversation.offeredToId === user.id;

/**
 * Who may read a conversation. Supervisors and admins: every conversation of their account.
 * Agents: their own, one offered to them, the account's open unassigned queue, and a resolved
 * unassigned one only if it was routed to their group (or the whole team): what they could work
 * on while it was open.
 */
export function canRead(user: Member, conversation: ConversationAccess): boolean {
  if (user.accountId !== conversation.accountId) return false;
  if (isStaff(user.role) || conversation.assigneeId === user.id) return true;
  if (conversation.assigneeId !== null) return false;
  // An open one offered to them is in the open queue.
  return conversation.status === 'open' || inTheirGroups(user, conversation);
}

/**
 * canRead for an agent as an SQL condition on the conversations row `alias`, for queries that
 * list what they may read; `userParam` holds the agent's id, `groupsParam` their group ids (text[]).
 */
export function agentReadsSql(alias: string, userParam: string, groupsParam: string): string {
  return `(${alias}.assignee_id = ${userParam} OR (${alias}.assignee_id IS NULL AND (${alias}.status = 'open'
    OR ${alias}.group_id IS NULL OR ${alias}.group_id = ANY(${groupsParam}::text[]))))`;
}

/**
 * Who may act on a conversation (take it by replying, write a note, resolve, transfer, tag, reveal
 * the customer's data): what they may read, and for an agent an unassigned one only when it is
 * routed to their group (or the whole team) and not under offer to someone else, or offered to them.
 */
export function canAct(user: Member, conversation: ConversationAccess): boolean {
  if (!canRead(user, conversation)) return false;
  if (isStaff(user.role) || conversation.assigneeId === user.id) return true;
  if (offeredTo(user, conversation)) return true;
  const offeredElsewhere = conversation.status === 'open' && conversation.offeredToId !== null;
  return !offeredElsewhere && inTheirGroups(user, conversation);
}

/** Whether a reply from `user` makes them the assignee. Staff can step in without taking ownership. */
export function claimsOnReply(user: Viewer, conversation: Pick<ConversationAccess, 'assigneeId'>): boolean {
  return user.role === 'agent' && conversation.assigneeId === null;
}
