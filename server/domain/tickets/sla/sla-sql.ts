import { DEFAULT_WARN_BEFORE_MINUTES } from './sla-state';

/**
 * SQL pieces for lists and sweeps that ask "is this ticket breaching?", so each says it the way
 * sla-state.ts decides it. `t` is the alias of the tickets table in the query.
 */

/** The two joins that find a ticket's SLA target: its type's for its priority (`own`), and the account's default (`dflt`). */
export const slaTargetJoinsSql = (t = 't') => `LEFT JOIN ticket_sla_targets own ON own.account_id = ${t}.account_id AND own.type_id = ${t}.type_id AND own.priority = ${t}.priority
  LEFT JOIN ticket_sla_targets dflt ON dflt.account_id = ${t}.account_id AND dflt.type_id IS NULL AND dflt.priority = ${t}.priority`;

/** How many minutes before a target the ticket warns (needs slaTargetJoinsSql); an hour when its target is gone. */
export const warnBeforeMinutesSql = `COALESCE(own.warn_before_minutes, dflt.warn_before_minutes, ${DEFAULT_WARN_BEFORE_MINUTES})`;

/**
 * The due time a working ticket's SLA state turns on: its resolution target, and its first-response
 * target while nobody replied or when the reply came late (a past due time: it stays breached).
 * A first reply in time no longer counts. Indexable as an expression.
 */
export const slaDueSql = (t = 't') =>
  `LEAST(CASE WHEN ${t}.first_responded_at IS NULL OR ${t}.first_responded_at > ${t}.first_response_due_at THEN ${t}.first_response_due_at END, ${t}.resolution_due_at)`;

/**
 * slaDueSql for a working ticket, NULL for a solved or closed one: indexed with its statistics
 * (migration 0021, tickets_sla_due_idx and tickets_sla_due_stats), so the planner can tell how
 * few tickets are near their due time and read them from the index.
 */
export const workingSlaDueSql = (t = 't') => `(CASE WHEN ${t}.status NOT IN ('solved', 'closed') THEN ${slaDueSql(t)} END)`;

/**
 * A working ticket (not solved or closed) whose SLA state (sla-state.ts) is `warning` or
 * `breached` at `nowParam` (a timestamptz parameter): the Tickets view's "breaching" filter, best
 * sorted by slaDueSql. Needs slaTargetJoinsSql.
 */
export const breachingSql = (nowParam: string, t = 't') =>
  `${t}.status NOT IN ('solved', 'closed') AND ${slaDueSql(t)} <= ${nowParam}::timestamptz + make_interval(mins => ${warnBeforeMinutesSql})`;
