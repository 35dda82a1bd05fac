import type { MethodArgs } from '../../../../shared/contract';
import type { KbArticle } from '../../../../shared/domain';
import { MAX_KEYWORD_PATTERN_LENGTH } from '../../../../shared/keyword-regex';
import { caseAndWidthForm } from '../../../../shared/text/case-width';
import { MAX_USER_REGEX_LENGTH, unsafeRegexProblem } from '../../../../shared/text/safe-regex';
import {
  botActionSchema,
  KB_LIMITS,
  keywordMatchSchema,
  type BotAction,
  type BotRule,
  type BotRuleKind,
  type BotTurn,
  type KeywordMatch,
  ORDER_REPLY_VARIABLES,
  unknownOrderReplyVariables,
} from '../../../../shared/knowledge';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';

export const keywordMatches: readonly KeywordMatch[] = keywordMatchSchema.options;
export const botActions: readonly BotAction[] = botActionSchema.options;

/** Order statuses a shop commonly reports; an admin may type any other. */
export const commonOrderStatuses = ['paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;

const PRIORITY_RANGE = { min: -1000, max: 1000 } as const;

// ---- the replies -------------------------------------------------------------------------------

/** What the admin typed into a reply's form. */
export interface RuleDraft {
  /** Set when an existing reply is being changed. */
  id: string | null;
  kind: BotRuleKind;
  /** Keyword replies: how the pattern is compared with the customer's message. */
  match: KeywordMatch;
  /** Keyword replies: the word or regular expression; order-status replies: the status. */
  pattern: string;
  replyZh: string;
  replyEn: string;
  enabled: boolean;
  /** As typed; lower first among replies of the same kind. */
  priority: string;
}

export function emptyRuleDraft(kind: BotRuleKind): RuleDraft {
  return { id: null, kind, match: 'contains', pattern: '', replyZh: '', replyEn: '', enabled: true, priority: '0' };
}

export function ruleDraftOf(rule: BotRule): RuleDraft {
  return {
    id: rule.id,
    kind: rule.kind,
    match: rule.match ?? 'contains',
    pattern: rule.pattern ?? '',
    replyZh: rule.replyZh,
    replyEn: rule.replyEn,
    enabled: rule.enabled,
    priority: String(rule.priority),
  };
}

const usesPattern = (kind: BotRuleKind) => kind === 'keyword' || kind === 'order_status';

/** The rules of one kind in the order the bot tries them: priority, then pattern. */
export function rulesOfKind(rules: readonly BotRule[], kind: BotRuleKind, locale?: string): BotRule[] {
  return rules
    .filter((r) => r.kind === kind)
    .sort((a, b) => a.priority - b.priority || (a.pattern ?? '').localeCompare(b.pattern ?? '', locale) || (a.id < b.id ? -1 : 1));
}

/**
 * The greeting or off-hours reply the screen edits: the one the bot uses (the first enabled one
 * by priority), or the first one when all are off; null when there is none yet.
 */
export function scenarioRuleOf(rules: readonly BotRule[], kind: 'greeting' | 'off_hours'): BotRule | null {
  const ofKind = rulesOfKind(rules, kind);
  return ofKind.find((r) => r.enabled) ?? ofKind[0] ?? null;
}

export type RuleField = 'pattern' | 'reply' | 'priority';

/** Why a reply cannot be saved yet: the field, a message key and its values. */
export interface RuleProblem {
  field: RuleField;
  key: MessageKey;
  params?: Record<string, string | number>;
}

function regexProblemOf(pattern: string): RuleProblem | null {
  const problem = unsafeRegexProblem(pattern);
  if (!problem) return null;
  switch (problem.reason) {
    case 'too_long':
      return { field: 'pattern', key: 'botAdmin.problem.tooLong', params: { count: pattern.length, max: MAX_USER_REGEX_LENGTH } };
    case 'invalid':
      return { field: 'pattern', key: 'botAdmin.problem.regexInvalid', params: { detail: problem.detail ?? '' } };
    case 'nested_repeat':
    case 'repeated_alternatives':
    case 'too_costly':
      return { field: 'pattern', key: 'botAdmin.problem.regexCostly' };
    case 'back_reference':
      return { field: 'pattern', key: 'botAdmin.problem.regexBackReference' };
    case 'matches_empty':
      return { field: 'pattern', key: 'botAdmin.problem.regexMatchesEverything' };
  }
}

const sameText = (a: string, b: string) => caseAndWidthForm(a.trim()) === caseAndWidthForm(b.trim());

/**
 * Checks a reply by the rules the server applies: a keyword reply needs a pattern (a regular
 * expression must compile and be safe to run on every message), an order-status reply a status,
 * every reply a text in at least one language; the same keyword (same way of matching) or status
 * may not be set twice. Every problem, in the form's order.
 */
export function validateRule(draft: RuleDraft, existing: readonly BotRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const pattern = draft.pattern.trim();
  if (usesPattern(draft.kind)) {
    let problem: RuleProblem | null = null;
    if (pattern === '') problem = { field: 'pattern', key: draft.kind === 'keyword' ? 'botAdmin.problem.patternRequired' : 'botAdmin.problem.statusRequired' };
    else if (pattern.length > MAX_KEYWORD_PATTERN_LENGTH) {
      problem = { field: 'pattern', key: 'botAdmin.problem.tooLong', params: { count: pattern.length, max: MAX_KEYWORD_PATTERN_LENGTH } };
    } else if (draft.kind === 'keyword' && draft.match === 'regex') problem = regexProblemOf(pattern);
    const twice = (r: BotRule) =>
      r.id !== draft.id && r.kind === draft.kind && (draft.kind !== 'keyword' || r.match === draft.match) && sameText(r.pattern ?? '', pattern);
    if (!problem && existing.some(twice)) {
      problem = { field: 'pattern', key: draft.kind === 'keyword' ? 'botAdmin.problem.patternTwice' : 'botAdmin.problem.statusTwice' };
    }
    if (problem) problems.push(problem);
  }
  const zh = draft.replyZh.trim();
  const en = draft.replyEn.trim();
  const unknown = draft.kind === 'order_status' ? unknownOrderReplyVariables(`${zh}\n${en}`) : [];
  if (zh === '' && en === '') problems.push({ field: 'reply', key: 'botAdmin.problem.replyRequired' });
  else {
    const long = Math.max(zh.length, en.length);
    if (long > KB_LIMITS.reply) problems.push({ field: 'reply', key: 'botAdmin.problem.tooLong', params: { count: long, max: KB_LIMITS.reply } });
    else if (unknown.length > 0) {
      problems.push({
        field: 'reply',
        key: 'botAdmin.problem.unknownVariable',
        params: { names: unknown.map((v) => `{{${v}}}`).join(', '), known: orderReplyVariablesText() },
      });
    }
  }
  const priority = draft.priority.trim();
  if (!/^[-+]?\d+$/.test(priority) || Number(priority) < PRIORITY_RANGE.min || Number(priority) > PRIORITY_RANGE.max) {
    problems.push({ field: 'priority', key: 'botAdmin.problem.priority', params: PRIORITY_RANGE });
  }
  return problems;
}

/** The variables an order-status reply may use, as an admin writes them: "{{order.id}}, {{order.status}}, …". */
export function orderReplyVariablesText(): string {
  return ORDER_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ');
}

/** The arguments for `botRules.save`: a new reply has no id. */
export function ruleSaveArgs(draft: RuleDraft): MethodArgs<'botRules.save'> {
  const rule = {
    kind: draft.kind,
    match: draft.kind === 'keyword' ? draft.match : null,
    pattern: usesPattern(draft.kind) ? draft.pattern.trim() : null,
    replyZh: draft.replyZh.trim(),
    replyEn: draft.replyEn.trim(),
    enabled: draft.enabled,
    priority: Number(draft.priority.trim()),
  };
  return draft.id ? { id: draft.id, rule } : { rule };
}

/** A reply in a few words: "Keyword (contains): 发票", "Greeting", "Order status: shipped". */
export function ruleLabel(t: Translate, rule: Pick<BotRule, 'kind' | 'match' | 'pattern'>): string {
  switch (rule.kind) {
    case 'keyword':
      return t('botAdmin.ruleLabel.keyword', { match: t(`botAdmin.match.${rule.match ?? 'contains'}`), pattern: rule.pattern ?? '' });
    case 'order_status':
      return t('botAdmin.ruleLabel.orderStatus', { status: rule.pattern ?? '' });
    case 'greeting':
      return t('botAdmin.kind.greeting');
    case 'off_hours':
      return t('botAdmin.kind.off_hours');
  }
}

// ---- the turns ---------------------------------------------------------------------------------

/** A confidence (0–1) as a whole percentage; null when the turn had none. */
export function confidenceText(confidence: number | null): string | null {
  if (confidence === null || !Number.isFinite(confidence)) return null;
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** What a turn used: an article (by its title when known), a reply, or nothing. */
export type TurnMatch = { kind: 'article'; id: string; title: string | null } | { kind: 'rule'; id: string; rule: BotRule | null } | { kind: 'none' };

/** What started a turn, for the message column: the customer's message, or an order reaching a status. */
export type TurnCause =
  | { kind: 'message'; text: string | null }
  | { kind: 'order'; orderNumber: string | null; status: string; source: 'store' | 'rest' };

export function turnCause(turn: BotTurn): TurnCause {
  const event = turn.orderEvent;
  if (event && turn.messageId === null) return { kind: 'order', orderNumber: event.orderNumber, status: event.status, source: event.source };
  return { kind: 'message', text: turn.message };
}

export function turnMatch(turn: BotTurn, articles: ReadonlyMap<string, KbArticle>, rules: ReadonlyMap<string, BotRule>): TurnMatch {
  if (turn.ruleId) return { kind: 'rule', id: turn.ruleId, rule: rules.get(turn.ruleId) ?? null };
  if (turn.articleId) {
    const title = articles.get(turn.articleId)?.title ?? turn.candidates.find((c) => c.articleId === turn.articleId)?.title ?? null;
    return { kind: 'article', id: turn.articleId, title };
  }
  return { kind: 'none' };
}

/** The turns with one action, or all. */
export function filterTurns(turns: readonly BotTurn[], action: BotAction | 'all'): BotTurn[] {
  return action === 'all' ? [...turns] : turns.filter((t) => t.action === action);
}

/** Adds a further page under what is shown, newest first, each turn once. */
export function appendTurnPage(shown: readonly BotTurn[], page: readonly BotTurn[]): BotTurn[] {
  const seen = new Set(shown.map((t) => t.id));
  const next = [...shown];
  for (const turn of page) {
    if (seen.has(turn.id)) continue;
    seen.add(turn.id);
    next.push(turn);
  }
  return next.sort((a, b) => Number(b.id) - Number(a.id));
}
