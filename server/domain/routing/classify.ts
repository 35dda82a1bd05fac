import type { Lang } from '../../../shared/domain';

export type KeywordGroup = { id: string; keywords: readonly string[] };

const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The language to answer a customer in, from the script of what they wrote. */
export function scriptOf(text: string): Lang {
  return HAS_CJK.test(text) ? 'zh' : 'en';
}

/**
 * Whether `keyword` occurs in `text`, case-insensitively. Latin keywords must stand as whole
 * words ("return" does not match "returning"); CJK keywords match anywhere, as Chinese has no spaces.
 */
export function containsKeyword(text: string, keyword: string): boolean {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return false;
  const haystack = text.toLowerCase();
  if (HAS_CJK.test(needle)) return haystack.includes(needle);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/** The first group (in the given order) with a keyword in the message, or null. */
export function groupByKeywords(text: string, groups: readonly KeywordGroup[]): string | null {
  for (const group of groups) {
    if (group.keywords.some((k) => containsKeyword(text, k))) return group.id;
  }
  return null;
}

/** What a customer types to leave the bot for a person. */
export const HANDOFF_KEYWORDS = ['转人工', '人工客服', '人工', 'agent', 'human'] as const;

/** Whether a customer message asks for a person. */
export function asksForHuman(text: string): boolean {
  return HANDOFF_KEYWORDS.some((k) => containsKeyword(text, k));
}

export const SUMMARY_LENGTH = 120;

/**
 * One line saying what the customer asked before a person took over: their earlier messages,
 * first question first, without the handoff request itself, on one line and at most
 * SUMMARY_LENGTH characters. Null when they said nothing else.
 */
export function summarize(customerMessages: readonly string[]): string | null {
  const meaningful = customerMessages
    .map((m) => m.replace(/\s+/g, ' ').trim())
    .filter((m) => m.length > 0 && !isOnlyHandoff(m));
  if (meaningful.length === 0) return null;
  const questions = meaningful.filter((m) => /[?？]|吗|么|\b(how|what|where|when|why|can|could|is|are|do|does)\b/i.test(m));
  const ordered = [...questions, ...meaningful.filter((m) => !questions.includes(m))];
  // The first question leads; the rest follow in the order they were written.
  const first = ordered[0]!;
  const line = [first, ...meaningful.filter((m) => m !== first)].join(' / ');
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}

const FILLER = new Set([
  'please', 'pls', 'plz', 'a', 'an', 'the', 'talk', 'to', 'speak', 'with', 'want', 'i', 'need', 'real', 'person',
  'can', 'me', 'let', 'get', 'connect', 'some', 'someone', 'live', 'now', 'hi', 'hello',
]);

function isOnlyHandoff(message: string): boolean {
  let rest = message.toLowerCase();
  for (const k of HANDOFF_KEYWORDS) rest = rest.split(k).join(' ');
  rest = rest.replace(/[请帮我要找转客服一下吧呢啊你好的]/g, ' ');
  return rest.split(/[^\p{L}\p{N}]+/u).filter(Boolean).every((w) => FILLER.has(w));
}

/** The customer's notice when their conversation is handed from the bot to a person. */
export function handoffNotice(lang: Lang): string {
  return lang === 'zh' ? '正在为您转接人工客服，请稍候…' : 'Connecting you to a person… please wait a moment.';
}

/** The customer's notice when they write outside the group's business hours. */
export function closedNotice(lang: Lang, groupName: string | null): string {
  if (lang === 'zh') {
    return `${groupName ? `${groupName}团队` : '我们的客服'}现在不在工作时间。您的留言已保存，上班后我们会第一时间回复您。`;
  }
  return `${groupName ? `The ${groupName} team is` : 'Our team is'} away right now. Your message is kept and we will answer as soon as we are back.`;
}
