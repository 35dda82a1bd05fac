import type { Lang } from '../../../../shared/domain';
import type { BotRule } from '../../../../shared/knowledge';
import { botForm } from '../text/bot-form';
import { unsafeRegexProblem } from '../../../../shared/text/safe-regex';

/** Longest customer message a regex rule is run on; the rest is not looked at. */
const REGEX_INPUT_LIMIT = 2000;

/**
 * The first enabled keyword rule (lowest priority number, then oldest id order as given) that
 * matches the message: `exact` when the whole message equals the pattern, `contains` when it
 * holds it, `regex` when the pattern matches (case-insensitive). Text is compared normalised
 * (width, case, traditional characters), so "ＶＩＰ" meets "vip".
 */
export function matchKeywordRule(rules: readonly BotRule[], message: string): BotRule | null {
  const text = botForm(message).replace(/[\s。.!！?？~～]+$/u, '');
  const keyword = rules.filter((r) => r.kind === 'keyword' && r.enabled && r.pattern).sort(byPriority);
  for (const rule of keyword) {
    const pattern = rule.pattern!;
    if (rule.match === 'exact' && text === botForm(pattern)) return rule;
    if (rule.match === 'contains' && text.includes(botForm(pattern))) return rule;
    if (rule.match === 'regex' && unsafeRegexProblem(pattern) === null && new RegExp(pattern, 'iu').test(message.slice(0, REGEX_INPUT_LIMIT))) return rule;
  }
  return null;
}

/** The enabled scenario rule of a kind with the lowest priority number, or null. */
export function scenarioRule(rules: readonly BotRule[], kind: 'greeting' | 'off_hours'): BotRule | null {
  return rules.filter((r) => r.kind === kind && r.enabled).sort(byPriority)[0] ?? null;
}

/** A rule's reply in the customer's language, or in the other one when it has only that. */
export function ruleReply(rule: BotRule, lang: Lang): string {
  const preferred = lang === 'zh' ? rule.replyZh : rule.replyEn;
  return preferred || rule.replyZh || rule.replyEn;
}

/** Lower priority numbers first (a stable sort keeps the given order among equals). */
export function byPriority(a: BotRule, b: BotRule): number {
  return a.priority - b.priority;
}
