import type { StatusInput } from './queue-status';
import type { Presence, Role, RoutingState } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import type { Pass, RoutingAgent, WaitingConversation } from './decide';
import type { OverflowRules } from './overflow';
import { parseBusinessHours, type BusinessHours } from './business-hours';

/** The account's routing timings. */
export type RoutingSettings = {
  acceptTimeoutSeconds: number;
  reconnectGraceSeconds: number;
  autoAwaySeconds: number;
  reofferCooldownSeconds: number;
  escalateAfterSeconds: number;
};

export async function loadSettings(db: Queryable, accountId: string): Promise<RoutingSettings | null> {
  const rows = await db.query<{
    accept_timeout_seconds: number; reconnect_grace_seconds: number; auto_away_seconds: number; reoffer_cooldown_seconds: number;
    escalate_after_seconds: number;
  }>(
    `SELECT accept_timeout_seconds, reconnect_grace_seconds, auto_away_seconds, reoffer_cooldown_seconds, escalate_after_seconds
     FROM accounts WHERE id = $1`,
    [accountId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    acceptTimeoutSeconds: Number(row.accept_timeout_seconds),
    reconnectGraceSeconds: Number(row.reconnect_grace_seconds),
    autoAwaySeconds: Number(row.auto_away_seconds),
    reofferCooldownSeconds: Number(row.reoffer_cooldown_seconds),
    escalateAfterSeconds: Number(row.escalate_after_seconds),
  };
}

/** A skill group with what routing needs of it. */
export type GroupInfo = {
  id: string;
  name: string;
  maxChatsPerAgent: number | null;
  hours: BusinessHours | null;
  keywords: string[];
  /** Seconds without an eligible online agent before its waiting conversations overflow. */
  overflowAfterSeconds: number;
  /** A group id, 'any' (any agent with room), or null (never overflows). */
  overflowTarget: string | null;
};

export async function loadGroups(db: Queryable, accountId: string): Promise<GroupInfo[]> {
  const rows = await db.query<{
    id: string; name: string; max_chats_per_agent: number | null; business_hours: unknown; keywords: unknown; overflow_after_seconds: number;
    overflow_target: string | null;
  }>(
    `SELECT id, name, max_chats_per_agent, business_hours, keywords, overflow_after_seconds, overflow_target
     FROM skill_groups WHERE account_id = $1 ORDER BY name, id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    maxChatsPerAgent: r.max_chats_per_agent === null ? null : Number(r.max_chats_per_agent),
    hours: parseBusinessHours(r.business_hours),
    keywords: Array.isArray(r.keywords) ? r.keywords.filter((k): k is string => typeof k === 'string') : [],
    overflowAfterSeconds: Number(r.overflow_after_seconds),
    overflowTarget: r.overflow_target,
  }));
}

/** Each group's overflow rule, by group id. */
export function overflowRules(groups: readonly GroupInfo[]): OverflowRules {
  return new Map(groups.map((g) => [g.id, { groupId: g.id, afterSeconds: g.overflowAfterSeconds, target: g.overflowTarget }]));
}

/** An agent, supervisor or admin with everything routing and the team board show of them. */
export type TeamRow = RoutingAgent & { role: Role };

/**
 * Every active user of the account (deactivated ones are off the team) with their load: open
 * conversations assigned to them plus those offered to them (an offer leaves the assignee empty,
 * so nothing counts twice).
 */
export async function loadTeam(db: Queryable, accountId: string): Promise<TeamRow[]> {
  const rows = await db.query<{
    id: string; name: string; role: Role; presence: Presence; connected: boolean; max_chats: number;
    last_assigned_at: Date | string | null; group_ids: string[] | null; load: number;
  }>(
    // Each user's load counted on the assignee and offer indexes: nothing of the queue is read.
    `SELECT u.id, u.name, u.role, u.presence, (u.disconnected_at IS NULL) AS connected, u.max_chats, u.last_assigned_at,
            (SELECT array_agg(usg.skill_group_id ORDER BY usg.skill_group_id) FROM user_skill_groups usg WHERE usg.user_id = u.id) AS group_ids,
            (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'open')
              + (SELECT count(*) FROM conversations c WHERE c.offered_to = u.id AND c.status = 'open' AND c.assignee_id IS NULL AND c.routing_state = 'offered') AS load
     FROM users u
     WHERE u.account_id = $1 AND u.deactivated_at IS NULL ORDER BY u.name, u.id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    presence: r.presence,
    connected: r.connected === true,
    load: Number(r.load),
    maxChats: Number(r.max_chats),
    groupIds: r.group_ids ?? [],
    lastAssignedAt: r.last_assigned_at === null ? null : new Date(r.last_assigned_at).getTime(),
  }));
}

/** A conversation waiting in the queue, with who passed on it and where it overflowed from. */
export type QueuedConversation = WaitingConversation & { overflowedFrom: string | null; leftMessage: boolean; channelKind: string };

/**
 * The conversations waiting in the queue (not yet offered), with who declined each or let an offer
 * run out, and when; in routing order, the first `limit` only when given (walks the queue index).
 */
export async function loadQueue(db: Queryable, accountId: string, limit: number | null = null): Promise<QueuedConversation[]> {
  const rows = await db.query<{
    id: string; group_id: string | null; priority: number; waiting_since: Date | string | null; created_at: Date | string;
    passes: { agentId: string; kind: Pass['kind']; at: string }[] | null; overflowed_from: string | null; left_message: boolean; kind: string;
  }>(
    `SELECT c.id, c.group_id, c.priority, c.waiting_since, c.created_at, c.overflowed_from, c.left_message, ch.kind,
            (SELECT json_agg(json_build_object('agentId', d.user_id, 'kind', d.kind, 'at', d.declined_at))
             FROM routing_declines d WHERE d.conversation_id = c.id) AS passes
     FROM conversations c JOIN channels ch ON ch.id = c.channel_id
     WHERE c.account_id = $1 AND c.status = 'open' AND c.routing_state = 'queued'
     ORDER BY c.priority DESC, c.waiting_since, c.id LIMIT $2`,
    [accountId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    priority: Number(r.priority),
    waitingSince: new Date(r.waiting_since ?? r.created_at).getTime(),
    passes: (r.passes ?? []).map((p) => ({ agentId: p.agentId, kind: p.kind, at: Date.parse(p.at) })),
    overflowedFrom: r.overflowed_from,
    leftMessage: r.left_message === true,
    channelKind: r.kind,
  }));
}

/** A conversation as its customer's queue status needs it. */
export type StatusRow = StatusInput & { channelId: string; contactId: string; channelKind: string };

type StatusDbRow = {
  id: string; channel_id: string; contact_id: string; kind: string; status: 'open' | 'resolved'; routing_state: RoutingState;
  group_id: string | null; group_name: string | null; priority: number; waiting_since: Date | string | null; created_at: Date | string;
  assignee_name: string | null;
};

const STATUS_COLUMNS = `c.id, c.channel_id, c.contact_id, ch.kind, c.status, c.routing_state, c.group_id, g.name AS group_name, c.priority,
  c.waiting_since, c.created_at, u.name AS assignee_name`;

const STATUS_FROM = `FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  LEFT JOIN skill_groups g ON g.id = c.group_id
  LEFT JOIN users u ON u.id = c.assignee_id`;

function toStatusRow(r: StatusDbRow): StatusRow {
  return {
    id: r.id,
    channelId: r.channel_id,
    contactId: r.contact_id,
    channelKind: r.kind,
    status: r.status,
    routingState: r.routing_state,
    groupId: r.group_id,
    groupName: r.group_name,
    priority: Number(r.priority),
    waitingSince: new Date(r.waiting_since ?? r.created_at).getTime(),
    assigneeName: r.assignee_name,
  };
}

/**
 * The open conversations still on their way to a person (bot, waiting, offered, pending) plus
 * any of `alsoIds` whatever their state, for the customers' queue status.
 */
export async function loadStatusRows(db: Queryable, accountId: string, alsoIds: readonly string[]): Promise<StatusRow[]> {
  const rows = await db.query<StatusDbRow>(
    `SELECT ${STATUS_COLUMNS} ${STATUS_FROM}
     WHERE c.account_id = $1
       AND ((c.status = 'open' AND c.routing_state IN ('bot', 'queued', 'offered', 'pending')) OR c.id = ANY($2::text[]))`,
    [accountId, [...alsoIds]],
  );
  return rows.map(toStatusRow);
}

/** Waiting (queued or offered) conversation `x`, in SQL, as queue-status.ts's isWaiting says. */
const waiting = (x: string) => `${x}.status = 'open' AND ${x}.routing_state IN ('queued', 'offered')`;
/** `x` waits in the same account and group as `c` (the leading columns of conversations_waiting_place_idx). */
const besideC = (x: string) => `${x}.account_id = c.account_id AND ${waiting(x)} AND COALESCE(${x}.group_id, '') = COALESCE(c.group_id, '')`;
/** Where a waiting conversation stands within its priority: since when it waits, then its id as code units (compareQueue). */
const since = (x: string) => `(COALESCE(${x}.waiting_since, ${x}.created_at), ${x}.id COLLATE "C")`;
/** How many wait ahead of `c`, and whether anyone waits behind it: index range scans, higher priority and the same priority apart. */
const AHEAD_OF_C = `(SELECT count(*) FROM conversations a WHERE ${besideC('a')} AND a.priority > c.priority)
  + (SELECT count(*) FROM conversations a WHERE ${besideC('a')} AND a.priority = c.priority AND ${since('a')} < ${since('c')})`;
const ANYONE_BEHIND_C = `(EXISTS (SELECT 1 FROM conversations b WHERE ${besideC('b')} AND b.priority < c.priority)
  OR EXISTS (SELECT 1 FROM conversations b WHERE ${besideC('b')} AND b.priority = c.priority AND ${since('b')} > ${since('c')}))`;

/** Some conversations with their place in their group's queue, and whether anyone waits behind them there. */
export type PlacedStatusRow = { row: StatusRow; position: number | null; anyoneBehind: boolean };

/**
 * `ids` with their queue position counted in the database (walks the account's queue index,
 * reads nothing back but these rows), for a status that does not need the whole queue loaded.
 */
export async function loadPlacedStatusRows(db: Queryable, accountId: string, ids: readonly string[]): Promise<PlacedStatusRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<StatusDbRow & { position: number | string | null; anyone_behind: boolean }>(
    `SELECT ${STATUS_COLUMNS},
            CASE WHEN ${waiting('c')} THEN 1 + ${AHEAD_OF_C} END AS position,
            ${waiting('c')} AND ${ANYONE_BEHIND_C} AS anyone_behind
     ${STATUS_FROM}
     WHERE c.account_id = $1 AND c.id = ANY($2::text[])`,
    [accountId, [...ids]],
  );
  return rows.map((r) => ({ row: toStatusRow(r), position: r.position === null ? null : Number(r.position), anyoneBehind: r.anyone_behind === true }));
}

/**
 * Recent handling times in seconds (assigned → resolved) per group, the last `sample` of each;
 * the key '' holds the account's across all groups (for conversations routed to the whole team).
 */
export async function loadHandlingSamples(db: Queryable, accountId: string, sample: number): Promise<Map<string, number[]>> {
  const rows = await db.query<{ group_key: string; samples: number[] | null }>(
    `SELECT g.id AS group_key,
            ARRAY(SELECT EXTRACT(EPOCH FROM (c.resolved_at - c.assigned_at))::float8 FROM conversations c
                  WHERE c.account_id = $1 AND c.group_id = g.id AND c.resolved_at IS NOT NULL AND c.assigned_at IS NOT NULL
                  ORDER BY c.resolved_at DESC LIMIT $2) AS samples
     FROM skill_groups g WHERE g.account_id = $1
     UNION ALL
     SELECT '' AS group_key,
            ARRAY(SELECT EXTRACT(EPOCH FROM (c.resolved_at - c.assigned_at))::float8 FROM conversations c
                  WHERE c.account_id = $1 AND c.resolved_at IS NOT NULL AND c.assigned_at IS NOT NULL
                  ORDER BY c.resolved_at DESC LIMIT $2) AS samples`,
    [accountId, sample],
  );
  return new Map(rows.map((r) => [r.group_key, (r.samples ?? []).map(Number)]));
}
