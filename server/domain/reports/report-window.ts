import type { ChannelKind } from '../../../shared/domain';

/** One period of one report as the queries see it: the account, the instants, the time zone and the filters. */
export type ReportWindow = {
  accountId: string;
  /** Calendar days [from, to) in `timeZone`. */
  from: string;
  to: string;
  start: Date;
  end: Date;
  timeZone: string;
  now: Date;
  channelKind: ChannelKind | null;
  groupId: string | null;
  agentId: string | null;
  /**
   * How per-conversation facts are read: 'indexed' (default) probes the report indexes once per
   * conversation; 'aggregate' reads every message and bot turn once and groups them (the
   * straightforward query, kept as the bench's baseline).
   */
  plan?: 'indexed' | 'aggregate';
};

/**
 * The parameters every report query starts with ($1 account, $2 start, $3 end) and a helper that
 * appends one more and answers its placeholder (the time zone and `now` only where a query uses
 * them: PostgreSQL refuses a parameter it cannot type).
 */
export function windowParams(w: ReportWindow): { params: unknown[]; param: (value: unknown) => string } {
  const params: unknown[] = [w.accountId, w.start, w.end];
  return { params, param: (value) => `$${params.push(value)}` };
}

/**
 * The filters on conversations `c` joined to their channel `ch`: channel kind, skill group and
 * assignee. Returns '' or a clause starting with AND.
 */
export function conversationFilters(w: ReportWindow, param: (value: unknown) => string): string {
  const clauses: string[] = [];
  if (w.channelKind !== null) clauses.push(`ch.kind = ${param(w.channelKind)}`);
  if (w.groupId !== null) clauses.push(`c.group_id = ${param(w.groupId)}`);
  if (w.agentId !== null) clauses.push(`c.assignee_id = ${param(w.agentId)}`);
  return clauses.map((c) => ` AND ${c}`).join('');
}

/** Conversations started in the window, with their channel (and `joins`), filtered. */
export function startedConversations(w: ReportWindow, param: (value: unknown) => string, joins = ''): string {
  return `conversations c JOIN channels ch ON ch.id = c.channel_id ${joins}
    WHERE c.account_id = $1 AND c.created_at >= $2 AND c.created_at < $3${conversationFilters(w, param)}`;
}

/** The first public reply of an agent to conversation `c` as `fa.at` (indexed: a lateral probe of messages_agent_reply_idx). */
export function firstAgentReply(w: ReportWindow): string {
  if (w.plan === 'aggregate') {
    return `LEFT JOIN (SELECT conversation_id, min(created_at) AS at FROM messages
      WHERE account_id = $1 AND sender_type = 'agent' AND NOT internal GROUP BY conversation_id) fa ON fa.conversation_id = c.id`;
  }
  return `LEFT JOIN LATERAL (
    SELECT m.created_at AS at FROM messages m
     WHERE m.conversation_id = c.id AND m.sender_type = 'agent' AND NOT m.internal
     ORDER BY m.created_at LIMIT 1) fa ON true`;
}

/**
 * When the bot handed conversation `c` to the queue, if it did, as `ho.at`. A handoff comes after
 * the conversation started, so only the handoffs since the window's start are read
 * (bot_turns_handoff_idx) and joined, rather than one probe per conversation.
 */
export function botHandoff(w: ReportWindow): string {
  const since = w.plan === 'aggregate' ? '' : ' AND created_at >= $2';
  return `LEFT JOIN (SELECT conversation_id, min(created_at) AS at FROM bot_turns
      WHERE account_id = $1 AND action = 'handoff'${since} GROUP BY conversation_id) ho ON ho.conversation_id = c.id`;
}

export const num = (value: string | number | null | undefined): number => Number(value ?? 0);
export const roundOrNull = (value: string | number | null | undefined, digits = 0): number | null => {
  if (value === null || value === undefined) return null;
  const f = 10 ** digits;
  return Math.round(Number(value) * f) / f;
};
export const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
