import type { Queryable } from '../../db/db';

/**
 * The writes of a routing run, each inside the run's transaction. Conversation rows are only ever
 * locked with SKIP LOCKED: one another transaction holds (a send, a claim) is left for the next run.
 */

/** Advisory lock class for routing runs; the account id is the second key. Same on every node. */
const ROUTING_LOCK_CLASS = 7340_0002;

/** Every account's id, for a sweep. */
export async function listAccountIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM accounts')).map((a) => a.id);
}

/**
 * Takes the account's routing lock for the transaction: one run per account at a time, on any node.
 * Messages and hand-offs do not wait for it; conversations they hold are skipped (SKIP LOCKED)
 * and left for the next run.
 */
export async function lockAccountForRouting(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [ROUTING_LOCK_CLASS, accountId]);
}

/** Users gone since before `cutoff` who are still present or still hold open conversations or offers. */
export async function findGraceExpiredUsers(tx: Queryable, accountId: string, cutoff: Date): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.account_id = $1 AND u.disconnected_at IS NOT NULL AND u.disconnected_at <= $2
       AND (u.presence <> 'offline' OR EXISTS (
         SELECT 1 FROM conversations c WHERE c.status = 'open' AND (c.assignee_id = u.id OR (c.routing_state = 'offered' AND c.offered_to = u.id))))`,
    [accountId, cutoff],
  );
  return rows.map((r) => r.id);
}

export async function setUserOffline(tx: Queryable, userId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE users SET presence = 'offline', presence_changed_at = $2 WHERE id = $1`, [userId, at]);
}

/** Locks the open conversations assigned or offered to a user (those nobody else holds). */
export async function lockConversationsHeldBy(tx: Queryable, userId: string): Promise<{ id: string; assigneeId: string | null }[]> {
  const rows = await tx.query<{ id: string; assignee_id: string | null }>(
    `SELECT id, assignee_id FROM conversations WHERE status = 'open' AND (assignee_id = $1 OR (routing_state = 'offered' AND offered_to = $1))
     ORDER BY id FOR UPDATE SKIP LOCKED`,
    [userId],
  );
  return rows.map((r) => ({ id: r.id, assigneeId: r.assignee_id }));
}

/** Back to the queue with no assignee and no offer; one that had an assignee starts waiting again now. */
export async function requeueConversation(tx: Queryable, conversationId: string, seq: number, now: Date): Promise<void> {
  await tx.query(
    `UPDATE conversations SET seq = $2, assignee_id = NULL, routing_state = 'queued', offered_to = NULL, offer_expires_at = NULL,
       waiting_since = CASE WHEN assignee_id IS NULL THEN waiting_since ELSE $3 END WHERE id = $1`,
    [conversationId, seq, now],
  );
}

/** Locks the account's offers that ran out by `now`. */
export async function lockExpiredOffers(tx: Queryable, accountId: string, now: Date): Promise<{ id: string; offeredTo: string }[]> {
  const rows = await tx.query<{ id: string; offered_to: string }>(
    `SELECT id, offered_to FROM conversations
     WHERE account_id = $1 AND status = 'open' AND routing_state = 'offered' AND offer_expires_at <= $2
     ORDER BY id FOR UPDATE SKIP LOCKED`,
    [accountId, now],
  );
  return rows.map((r) => ({ id: r.id, offeredTo: r.offered_to }));
}

/** Remembers that an agent passed on a conversation (the latest pass counts: a new one replaces the old). */
export async function recordPass(tx: Queryable, conversationId: string, userId: string, kind: 'declined' | 'timed_out', at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO routing_declines (conversation_id, user_id, kind, declined_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (conversation_id, user_id) DO UPDATE SET kind = EXCLUDED.kind, declined_at = EXCLUDED.declined_at`,
    [conversationId, userId, kind, at],
  );
}

/** The offer ran out: back to the queue, and the agent is passed over for it for the cool-down. */
export async function withdrawOffer(tx: Queryable, conversationId: string, offeredTo: string, seq: number, now: Date): Promise<void> {
  await recordPass(tx, conversationId, offeredTo, 'timed_out', now);
  await tx.query(
    `UPDATE conversations SET seq = $2, routing_state = 'queued', offered_to = NULL, offer_expires_at = NULL WHERE id = $1`,
    [conversationId, seq],
  );
}

/** Locks the account's conversations waiting for their group's business hours. */
export async function lockPendingConversations(
  tx: Queryable,
  accountId: string,
): Promise<{ id: string; groupId: string | null; assigneeId: string | null }[]> {
  const rows = await tx.query<{ id: string; group_id: string | null; assignee_id: string | null }>(
    `SELECT id, group_id, assignee_id FROM conversations WHERE account_id = $1 AND status = 'open' AND routing_state = 'pending'
     ORDER BY id FOR UPDATE SKIP LOCKED`,
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, groupId: r.group_id, assigneeId: r.assignee_id }));
}

export async function queuePendingConversation(tx: Queryable, conversationId: string, seq: number): Promise<void> {
  await tx.query(`UPDATE conversations SET seq = $2, routing_state = 'queued' WHERE id = $1`, [conversationId, seq]);
}

/** Of `ids`, those still queued, unassigned and not held by another transaction (a claim in flight), now locked. */
export async function lockOfferable(tx: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM conversations WHERE id = ANY($1::text[]) AND status = 'open' AND routing_state = 'queued' AND assignee_id IS NULL
     FOR UPDATE SKIP LOCKED`,
    [[...ids]],
  );
  return new Set(rows.map((r) => r.id));
}

/** Applies offers in one statement, the i-th taking sequence number `seqs[i]`, and marks the agents as just assigned. */
export async function applyOffers(
  tx: Queryable,
  offers: readonly { conversationId: string; agentId: string }[],
  seqs: readonly number[],
  expiresAt: Date,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE conversations c SET seq = o.seq, routing_state = 'offered', offered_to = o.agent_id, offer_expires_at = $4
     FROM unnest($1::text[], $2::text[], $3::bigint[]) AS o(id, agent_id, seq) WHERE c.id = o.id`,
    [offers.map((o) => o.conversationId), offers.map((o) => o.agentId), [...seqs], expiresAt],
  );
  await tx.query('UPDATE users SET last_assigned_at = $2 WHERE id = ANY($1::text[])', [[...new Set(offers.map((o) => o.agentId))], now]);
}

/** Moves a waiting conversation to another group (null: the whole team), remembering where it came from. */
export async function overflowConversation(tx: Queryable, conversationId: string, fromGroupId: string, toGroupId: string | null, seq: number): Promise<void> {
  await tx.query('UPDATE conversations SET seq = $2, group_id = $3, overflowed_from = $4 WHERE id = $1', [conversationId, seq, toGroupId, fromGroupId]);
}

/** Of `ids`, the open ones still in one of `states` that nobody else holds, now locked. */
export async function lockInStates(tx: Queryable, ids: readonly string[], states: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM conversations WHERE id = ANY($1::text[]) AND status = 'open' AND routing_state = ANY($2::text[])
     FOR UPDATE SKIP LOCKED`,
    [[...ids], [...states]],
  );
  return new Set(rows.map((r) => r.id));
}

/** Marks a conversation as a message left while nobody was available. */
export async function markLeftMessage(tx: Queryable, conversationId: string, seq: number): Promise<void> {
  await tx.query('UPDATE conversations SET seq = $2, left_message = true WHERE id = $1', [conversationId, seq]);
}

/** A conversation waiting for a person (queued or offered) or for business hours, as the rescue steps see it. */
export type WaitingRow = {
  id: string; routingState: 'queued' | 'offered' | 'pending'; groupId: string | null; waitingSince: number; escalatedWait: number | null;
  leftMessage: boolean;
};

/**
 * Waiting conversations not yet kept as left messages that nobody may be there for: pending ones,
 * and queued ones of `groupIds` (null in it: those for the whole team). Only what the step may act on is read.
 */
export async function loadUnanswered(tx: Queryable, accountId: string, groupIds: readonly (string | null)[]): Promise<WaitingRow[]> {
  const ids = groupIds.filter((g): g is string => g !== null);
  return loadWaiting(
    tx,
    `NOT c.left_message AND (c.routing_state = 'pending' OR (c.routing_state = 'queued' AND (c.group_id = ANY($2::text[]) OR ($3 AND c.group_id IS NULL))))`,
    [accountId, ids, groupIds.includes(null)],
  );
}

/** Conversations waiting for a person since `cutoff` or before whose wait supervisors have not heard of. */
export async function loadDueEscalations(tx: Queryable, accountId: string, cutoff: Date): Promise<WaitingRow[]> {
  return loadWaiting(
    tx,
    `c.routing_state IN ('queued', 'offered') AND COALESCE(c.waiting_since, c.created_at) <= $2
     AND c.escalated_wait IS DISTINCT FROM COALESCE(c.waiting_since, c.created_at)`,
    [accountId, cutoff],
  );
}

/** Queued conversations of `groupIds` that never overflowed, waiting since `cutoff` or before. */
export async function loadOverflowCandidates(tx: Queryable, accountId: string, groupIds: readonly string[], cutoff: Date): Promise<WaitingRow[]> {
  return loadWaiting(
    tx,
    `c.routing_state = 'queued' AND c.overflowed_from IS NULL AND c.group_id = ANY($2::text[]) AND COALESCE(c.waiting_since, c.created_at) <= $3`,
    [accountId, [...groupIds], cutoff],
  );
}

async function loadWaiting(tx: Queryable, where: string, params: readonly unknown[]): Promise<WaitingRow[]> {
  const rows = await tx.query<{
    id: string; routing_state: 'queued' | 'offered' | 'pending'; group_id: string | null; waiting_since: Date | string | null;
    created_at: Date | string; escalated_wait: Date | string | null; left_message: boolean;
  }>(
    `SELECT c.id, c.routing_state, c.group_id, c.waiting_since, c.created_at, c.escalated_wait, c.left_message FROM conversations c
     WHERE c.account_id = $1 AND c.status = 'open' AND c.routing_state IN ('queued', 'offered', 'pending') AND ${where}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    routingState: r.routing_state,
    groupId: r.group_id,
    waitingSince: new Date(r.waiting_since ?? r.created_at).getTime(),
    escalatedWait: r.escalated_wait === null ? null : new Date(r.escalated_wait).getTime(),
    leftMessage: r.left_message === true,
  }));
}

/**
 * Marks the wait of each of `ids` as escalated, unless another node did first; returns those marked.
 * No sequence number: nothing a client shows changes.
 */
export async function markEscalated(tx: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE conversations SET escalated_wait = COALESCE(waiting_since, created_at)
     WHERE id = ANY($1::text[]) AND escalated_wait IS DISTINCT FROM COALESCE(waiting_since, created_at) RETURNING id`,
    [[...ids]],
  );
  return rows.map((r) => r.id);
}

/** The channel kind of each conversation of `ids`. */
export async function channelKinds(tx: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; kind: string }>(
    'SELECT c.id, ch.kind FROM conversations c JOIN channels ch ON ch.id = c.channel_id WHERE c.id = ANY($1::text[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.kind]));
}
