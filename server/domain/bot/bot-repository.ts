import { randomUUID } from 'node:crypto';
import type { BotPick, BotRule, BotRuleInput, BotSuggestion, BotTurn } from '../../../shared/knowledge';
import type { Queryable } from '../../db/db';
import { readBotState, type BotState } from './dialogue/state';
import type { TurnOutcome } from './dialogue/turn';

type RuleRow = {
  id: string;
  kind: BotRule['kind'];
  match: BotRule['match'];
  pattern: string | null;
  reply_zh: string;
  reply_en: string;
  enabled: boolean;
  priority: number;
  updated_at: Date | string;
};

const RULE_COLUMNS = 'id, kind, match, pattern, reply_zh, reply_en, enabled, priority, updated_at';

const toRule = (r: RuleRow): BotRule => ({
  id: r.id,
  kind: r.kind,
  match: r.match,
  pattern: r.pattern,
  replyZh: r.reply_zh,
  replyEn: r.reply_en,
  enabled: r.enabled === true,
  priority: Number(r.priority),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The account's bot replies, by kind and priority. */
export async function listRules(db: Queryable, accountId: string): Promise<BotRule[]> {
  const rows = await db.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM bot_rules WHERE account_id = $1 ORDER BY kind, priority, created_at, id`, [accountId]);
  return rows.map(toRule);
}

export async function getRule(db: Queryable, accountId: string, id: string): Promise<BotRule | null> {
  const rows = await db.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM bot_rules WHERE account_id = $1 AND id = $2`, [accountId, id]);
  return rows[0] ? toRule(rows[0]) : null;
}

/** Adds a rule (no `id`) or replaces one of the account's; null when there is no such rule to replace. */
export async function writeRule(tx: Queryable, accountId: string, input: BotRuleInput, id?: string): Promise<BotRule | null> {
  const values = [input.kind, input.kind === 'keyword' ? input.match : null, input.pattern, input.replyZh, input.replyEn, input.enabled, input.priority];
  const rows = id
    ? await tx.query<RuleRow>(
        `UPDATE bot_rules SET kind = $3, match = $4, pattern = $5, reply_zh = $6, reply_en = $7, enabled = $8, priority = $9,
           updated_at = clock_timestamp() WHERE account_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
        [accountId, id, ...values],
      )
    : await tx.query<RuleRow>(
        `INSERT INTO bot_rules (id, account_id, kind, match, pattern, reply_zh, reply_en, enabled, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${RULE_COLUMNS}`,
        [randomUUID(), accountId, ...values],
      );
  return rows[0] ? toRule(rows[0]) : null;
}

export async function deleteRule(tx: Queryable, accountId: string, id: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM bot_rules WHERE account_id = $1 AND id = $2 RETURNING id', [accountId, id]);
  return rows.length > 0;
}

/** What the bot remembers of a conversation: the state its last turn left. */
export async function lastBotState(db: Queryable, conversationId: string): Promise<BotState> {
  const rows = await db.query<{ state: unknown }>('SELECT state FROM bot_turns WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1', [conversationId]);
  return readBotState(rows[0]?.state ?? null);
}

export type TurnRecord = {
  accountId: string;
  conversationId: string;
  /** The customer's message the turn answered; null for a turn an order-status event started. */
  messageId: string | null;
  /** The order-status event the turn answered (migration 0011). */
  orderEventId?: string | null;
  outcome: TurnOutcome;
  /** The articles the turn offers as suggestions (a "which one did you mean?" turn). */
  suggested?: readonly BotSuggestion[];
};

/** Stores one bot turn with what it matched, its confidence, its action and the state it leaves. */
export async function recordTurn(tx: Queryable, t: TurnRecord): Promise<void> {
  const o = t.outcome;
  await tx.query(
    `INSERT INTO bot_turns (account_id, conversation_id, message_id, action, via, article_id, rule_id, confidence, candidates,
       handoff_reason, lang, sentiment, state, order_event_id, suggested)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14, $15::jsonb)`,
    [t.accountId, t.conversationId, t.messageId, o.action, o.via, o.articleId, o.ruleId, o.confidence, JSON.stringify(o.candidates),
      o.handoffReason, o.lang, o.sentiment, JSON.stringify(o.state), t.orderEventId ?? null,
      t.suggested && t.suggested.length > 0 ? JSON.stringify(t.suggested) : null],
  );
}

/** The suggestions the conversation's latest turn offered and that await the customer's pick; empty when none. */
export async function awaitingPick(
  db: Queryable,
  conversationId: string,
): Promise<{ turnId: string; suggested: BotSuggestion[]; questionMessageId: string | null } | null> {
  const rows = await db.query<{ id: number | string; suggested: unknown; picked: string | null; message_id: string | null }>(
    'SELECT id, suggested, picked, message_id FROM bot_turns WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1',
    [conversationId],
  );
  const row = rows[0];
  if (!row || row.suggested === null || row.picked !== null) return null;
  return { turnId: String(row.id), suggested: parseJson(row.suggested) as BotSuggestion[], questionMessageId: row.message_id };
}

/** Records what the customer did with a turn's suggestions. */
export async function recordPick(tx: Queryable, turnId: string, picked: BotPick): Promise<void> {
  await tx.query('UPDATE bot_turns SET picked = $2 WHERE id = $1 AND picked IS NULL', [turnId, picked]);
}

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

type TurnRow = {
  id: number | string;
  conversation_id: string;
  message_id: string | null;
  message: string | null;
  action: BotTurn['action'];
  via: BotTurn['via'];
  article_id: string | null;
  rule_id: string | null;
  confidence: number | null;
  candidates: unknown;
  handoff_reason: BotTurn['handoffReason'];
  lang: BotTurn['lang'];
  sentiment: number;
  event_id: string | null;
  event_source: 'store' | 'rest' | null;
  event_order_number: string | null;
  event_status: string | null;
  suggested: unknown;
  picked: string | null;
  created_at: Date | string;
};

export type TurnQuery = { conversationId?: string; before?: number; limit: number };

/** The account's bot turns with the customer's message, newest first (one conversation's when given); `before` pages by id. */
export async function listTurns(db: Queryable, accountId: string, q: TurnQuery): Promise<BotTurn[]> {
  const params: unknown[] = [accountId];
  let where = 't.account_id = $1';
  if (q.conversationId) {
    params.push(q.conversationId);
    where += ` AND t.conversation_id = $${params.length}`;
  }
  if (q.before !== undefined) {
    params.push(q.before);
    where += ` AND t.id < $${params.length}`;
  }
  params.push(q.limit);
  const rows = await db.query<TurnRow>(
    `SELECT t.id, t.conversation_id, t.message_id, m.body AS message, t.action, t.via, t.article_id, t.rule_id, t.confidence,
       t.candidates, t.handoff_reason, t.lang, t.sentiment, t.created_at, t.suggested, t.picked,
       e.id AS event_id, e.source AS event_source, e.order_number AS event_order_number, e.status AS event_status
     FROM bot_turns t LEFT JOIN messages m ON m.id = t.message_id AND m.account_id = t.account_id
       LEFT JOIN order_events e ON e.id = t.order_event_id AND e.account_id = t.account_id
     WHERE ${where} ORDER BY t.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: String(r.id),
    conversationId: r.conversation_id,
    messageId: r.message_id,
    message: r.message,
    action: r.action,
    via: r.via,
    articleId: r.article_id,
    ruleId: r.rule_id,
    confidence: r.confidence === null ? null : Number(r.confidence),
    candidates: (typeof r.candidates === 'string' ? JSON.parse(r.candidates) : r.candidates) as BotTurn['candidates'],
    handoffReason: r.handoff_reason,
    lang: r.lang,
    sentiment: Number(r.sentiment),
    orderEvent: r.event_id && r.event_source && r.event_status !== null
      ? { id: r.event_id, source: r.event_source, orderNumber: r.event_order_number, status: r.event_status }
      : null,
    ...(r.suggested !== null && r.suggested !== undefined ? { suggested: parseJson(r.suggested) as BotSuggestion[], picked: r.picked } : {}),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

