import type { ChannelKind, Conversation, ConversationStatus, RoutingState, SenderType } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { loadMember } from './member-repository';
import { agentReadsSql, type ConversationAccess, type Viewer } from './permissions';

type ConversationRow = {
  id: string;
  account_id: string;
  seq: number;
  channel_id: string;
  channel_kind: ChannelKind;
  contact_id: string;
  contact_name: string;
  contact_name_generated: boolean | null;
  status: ConversationStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  last_message_at: Date | string;
  last_message_preview: string;
  last_message_sender_type: SenderType | null;
  created_at: Date | string;
  routing_state: RoutingState;
  group_id: string | null;
  group_name: string | null;
  priority: number;
  offered_to: string | null;
  offer_expires_at: Date | string | null;
  waiting_since: Date | string | null;
  summary: string | null;
  left_message: boolean;
  overflowed_from_name: string | null;
  tag_ids: string[] | null;
};

/** A conversation as clients see it, plus the account it belongs to for permission checks. */
export type ConversationView = Conversation & { accountId: string };

/** The view's SELECT over `source` (the table, or a data-changing statement's RETURNING rows), aliased `c`. */
const selectView = (source: string) => `
  SELECT c.id, c.account_id, c.seq, c.channel_id, ch.kind AS channel_kind, c.contact_id, ct.name AS contact_name, ct.name_generated AS contact_name_generated,
         c.status, c.assignee_id, u.name AS assignee_name, c.last_message_at, c.last_message_preview,
         c.last_message_sender_type, c.created_at, c.routing_state, c.group_id, g.name AS group_name, c.priority,
         c.offered_to, c.offer_expires_at, c.waiting_since, c.summary, c.left_message, og.name AS overflowed_from_name,
         (SELECT array_agg(l.tag_id ORDER BY l.added_at, l.tag_id) FROM conversation_tag_links l WHERE l.conversation_id = c.id) AS tag_ids
  FROM ${source} c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN users u ON u.id = c.assignee_id
  LEFT JOIN skill_groups g ON g.id = c.group_id
  LEFT JOIN skill_groups og ON og.id = c.overflowed_from`;

const SELECT_VIEW = selectView('conversations');

export const toIso = (value: Date | string) => new Date(value).toISOString();

/** The columns of `conversations c` the permission rules read (see toAccess). */
export const ACCESS_COLUMNS = `c.account_id AS access_account_id, c.assignee_id AS access_assignee_id, c.status AS access_status,
  c.group_id AS access_group_id, c.offered_to AS access_offered_to`;

export type AccessRow = {
  access_account_id: string;
  access_assignee_id: string | null;
  access_status: ConversationStatus;
  access_group_id: string | null;
  access_offered_to: string | null;
};

export function toAccess(row: AccessRow): ConversationAccess {
  return {
    accountId: row.access_account_id,
    assigneeId: row.access_assignee_id,
    status: row.access_status,
    groupId: row.access_group_id,
    offeredToId: row.access_offered_to,
  };
}

/** What the permission rules need of one conversation; null when it does not exist. */
export async function getConversationAccess(db: Queryable, id: string): Promise<ConversationAccess | null> {
  const rows = await db.query<AccessRow>(`SELECT ${ACCESS_COLUMNS} FROM conversations c WHERE c.id = $1`, [id]);
  return rows[0] ? toAccess(rows[0]) : null;
}

function toView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    accountId: row.account_id,
    seq: Number(row.seq),
    channelId: row.channel_id,
    channelKind: row.channel_kind,
    contactId: row.contact_id,
    contactName: row.contact_name,
    // Only when true, so conversations keep their old shape.
    ...(row.contact_name_generated === true ? { contactNameGenerated: true } : {}),
    status: row.status,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    lastMessageAt: toIso(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    lastMessageSenderType: row.last_message_sender_type,
    createdAt: toIso(row.created_at),
    routingState: row.routing_state,
    groupId: row.group_id,
    groupName: row.group_name,
    priority: Number(row.priority),
    offeredToId: row.offered_to,
    offerExpiresAt: row.offer_expires_at === null ? null : toIso(row.offer_expires_at),
    waitingSince: row.waiting_since === null ? null : toIso(row.waiting_since),
    summary: row.summary,
    leftMessage: row.left_message === true,
    overflowedFromGroupName: row.overflowed_from_name,
    // Only when tagged, so untagged conversations keep their old shape.
    ...(row.tag_ids && row.tag_ids.length > 0 ? { tagIds: row.tag_ids } : {}),
  };
}

/** Drops the server-only fields before a conversation crosses the wire. */
export function toConversation(view: ConversationView): Conversation {
  const { accountId: _accountId, ...conversation } = view;
  return conversation;
}

export async function getConversationView(db: Queryable, id: string): Promise<ConversationView | null> {
  const rows = await db.query<ConversationRow>(`${SELECT_VIEW} WHERE c.id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * Changes a conversation row and reads its view back in the same statement (one round trip):
 * `assignments` is an UPDATE's SET list whose `$1` is the conversation's id, `params` the values
 * from `$2` on. Null when there is no such conversation.
 */
export async function updateConversationView(tx: Queryable, id: string, assignments: string, params: readonly unknown[]): Promise<ConversationView | null> {
  const rows = await tx.query<ConversationRow>(
    `WITH changed AS (UPDATE conversations SET ${assignments} WHERE id = $1 RETURNING *) ${selectView('changed')}`,
    [id, ...params],
  );
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * Where rows loaded by id are known to lie: the account and a seq range. Lets the database walk
 * the (account_id, seq) index instead of probing (or scanning for) each id.
 */
export type SeqRange = { accountId: string; after: number; upTo: number };

/** Several conversations by id whose seq lies in `range`, in sequence order (one query however many ids). */
export async function getConversationViews(db: Queryable, ids: readonly string[], range: SeqRange): Promise<ConversationView[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ConversationRow>(
    `${SELECT_VIEW} WHERE c.account_id = $1 AND c.seq > $2 AND c.seq <= $3 AND c.id = ANY($4::text[]) ORDER BY c.seq`,
    [range.accountId, range.after, range.upTo, [...ids]],
  );
  return rows.map(toView);
}

/** How many conversations a list returns at most, newest activity first. */
export const CONVERSATION_LIST_LIMIT = 500;

/** The conversations `user` may see, newest activity first. */
export async function listVisibleConversations(db: Queryable, user: Viewer): Promise<ConversationView[]> {
  const staff = user.role === 'supervisor' || user.role === 'admin';
  const rows = staff
    ? await db.query<ConversationRow>(
        `${SELECT_VIEW} WHERE c.account_id = $1 ORDER BY c.last_message_at DESC, c.seq DESC LIMIT ${CONVERSATION_LIST_LIMIT}`,
        [user.accountId],
      )
    : await db.query<ConversationRow>(
        `${SELECT_VIEW} WHERE c.account_id = $1 AND ${agentReadsSql('c', '$2', '$3')}
         ORDER BY c.last_message_at DESC, c.seq DESC LIMIT ${CONVERSATION_LIST_LIMIT}`,
        [user.accountId, user.id, [...(await loadMember(db, user)).groupIds]],
      );
  return rows.map(toView);
}

export type LockedConversation = {
  id: string;
  accountId: string;
  assigneeId: string | null;
  status: ConversationStatus;
  routingState: RoutingState;
  offeredToId: string | null;
  offerExpiresAt: number | null;
  groupId: string | null;
  channelId: string;
  contactId: string;
};

type LockedRow = {
  id: string;
  account_id: string;
  assignee_id: string | null;
  status: ConversationStatus;
  routing_state: RoutingState;
  offered_to: string | null;
  offer_expires_at: Date | string | null;
  group_id: string | null;
  channel_id: string;
  contact_id: string;
};

const LOCK_COLUMNS = 'id, account_id, assignee_id, status, routing_state, offered_to, offer_expires_at, group_id, channel_id, contact_id';

function toLocked(row: LockedRow): LockedConversation {
  return {
    id: row.id,
    accountId: row.account_id,
    assigneeId: row.assignee_id,
    status: row.status,
    routingState: row.routing_state,
    offeredToId: row.offered_to,
    offerExpiresAt: row.offer_expires_at === null ? null : new Date(row.offer_expires_at).getTime(),
    groupId: row.group_id,
    channelId: row.channel_id,
    contactId: row.contact_id,
  };
}

/** Reads and row-locks a conversation for the rest of the transaction. */
export async function lockConversation(tx: Queryable, id: string): Promise<LockedConversation | null> {
  const rows = await tx.query<LockedRow>(`SELECT ${LOCK_COLUMNS} FROM conversations WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toLocked(rows[0]) : null;
}

/** Row-locks the open conversation of a contact on a channel, if there is one. */
export async function lockOpenConversation(
  tx: Queryable,
  contactId: string,
  channelId: string,
): Promise<LockedConversation | null> {
  const rows = await tx.query<LockedRow>(
    `SELECT ${LOCK_COLUMNS} FROM conversations WHERE contact_id = $1 AND channel_id = $2 AND status = 'open' FOR UPDATE`,
    [contactId, channelId],
  );
  return rows[0] ? toLocked(rows[0]) : null;
}

/** The display name of a conversation's assignee, for refusals that say who has it now. */
export async function getAssigneeName(db: Queryable, assigneeId: string): Promise<string> {
  const rows = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [assigneeId]);
  return rows[0]?.name ?? 'another agent';
}

/** Marks a locked conversation resolved under a new sequence number. */
export async function markResolved(tx: Queryable, id: string, seq: number): Promise<void> {
  // A conversation resolved while waiting or offered leaves the queue; the assignee stays.
  await tx.query(
    `UPDATE conversations SET status = 'resolved', seq = $2, resolved_at = now(),
       routing_state = CASE WHEN routing_state = 'offered' THEN 'queued' ELSE routing_state END,
       offered_to = NULL, offer_expires_at = NULL, waiting_since = NULL
     WHERE id = $1`,
    [id, seq],
  );
}
