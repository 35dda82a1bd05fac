import { agentsRoom, staffRoom, userRoom } from './rooms';

/** The rooms allowed to see a conversation with this assignee. */
export function conversationRooms(accountId: string, assigneeId: string | null): string[] {
  return assigneeId === null ? [agentsRoom(accountId)] : [staffRoom(accountId), userRoom(assigneeId)];
}

/**
 * Who hears about a change, as rooms. `allowed` may see the conversation now; `before` could see
 * it before the change (empty for a new conversation); `account` holds every agent socket of the
 * account. `previousAssigneeId` is undefined for a conversation the change created.
 */
export type ChangeAudience = { allowed: string[]; before: string[]; account: string };

export function changeAudience(
  accountId: string,
  assigneeId: string | null,
  previousAssigneeId: string | null | undefined,
): ChangeAudience {
  return {
    allowed: conversationRooms(accountId, assigneeId),
    before: previousAssigneeId === undefined ? [] : conversationRooms(accountId, previousAssigneeId),
    account: agentsRoom(accountId),
  };
}

/**
 * One emit to sockets in any of `to` and in none of `except`. `to` is never empty: socket.io
 * would read an empty room list as "everyone in the namespace".
 */
export type RoomTarget = { to: string[]; except: string[] };

/** How one sequence number reaches every agent socket of the account exactly once. */
export type SeqDelivery = {
  /** The content (message:new or conversation:upsert). */
  content: RoomTarget;
  /** conversation:removed: could see it before, cannot now. Only for a conversation's seq. */
  removed: RoomTarget | null;
  /** sync:tick: everyone else. */
  tick: RoomTarget;
};

/**
 * The conversation's own seq: content to those allowed now, a removal to those who lost it
 * (before minus now), a tick to the rest of the account. The three targets are disjoint and
 * together cover the account room, which every agent socket joins.
 */
export function conversationSeqDelivery(audience: ChangeAudience): SeqDelivery {
  const lost = audience.before.filter((room) => !audience.allowed.includes(room));
  return {
    content: { to: audience.allowed, except: [] },
    removed: lost.length > 0 ? { to: lost, except: audience.allowed } : null,
    tick: { to: [audience.account], except: unique([...audience.allowed, ...audience.before]) },
  };
}

/**
 * A message's seq: content only to those allowed to see the conversation now; everyone else,
 * including whoever just lost the conversation, hears only that the number was used.
 */
export function messageSeqDelivery(audience: ChangeAudience): SeqDelivery {
  return {
    content: { to: audience.allowed, except: [] },
    removed: null,
    tick: { to: [audience.account], except: audience.allowed },
  };
}

const unique = (rooms: string[]) => [...new Set(rooms)];
