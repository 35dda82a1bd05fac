import type { Lang } from '../../../shared/domain';
import type { ChatMessage } from './ai-client';

/**
 * What the chat model is asked, and how its answers are read: pure, so the rules (an answer must
 * name one of the articles it was given) are tested without a provider.
 */

export type PromptArticle = { id: string; title: string; body: string };

const languageName = (lang: Lang) => (lang === 'zh' ? 'Simplified Chinese' : 'English');

/** Numbered articles as the model reads them: `[n] title`, then the body. */
function articleBlock(articles: readonly PromptArticle[]): string {
  return articles.map((a, i) => `[${i + 1}] ${a.title}\n${a.body}`).join('\n\n');
}

/** The question and the articles the bot may answer from (the picked one first). */
export function groundedAnswerPrompt(question: string, articles: readonly PromptArticle[], lang: Lang): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You answer customers of a shop using ONLY the numbered knowledge articles given. Never add facts that are not in them.',
        `Answer in ${languageName(lang)}, briefly and politely.`,
        'Your first line must be "ARTICLE: [n]" naming the one article your answer uses. If no article answers the question, reply only "ARTICLE: none".',
      ].join('\n'),
    },
    { role: 'user', content: `Articles:\n${articleBlock(articles)}\n\nCustomer's question:\n${question}` },
  ];
}

export type GroundedReading = { article: PromptArticle; answer: string } | null;

/**
 * The model's answer and the article it names; null when it names none of those given, says
 * nothing else, or states a figure (a price, a number of days, an order number) that is in neither
 * the article it names nor the customer's question: a made-up figure must not reach a customer.
 */
export function readGroundedAnswer(text: string, articles: readonly PromptArticle[], question = ''): GroundedReading {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^\s*\**ARTICLE\**\s*[:：]/i.test(l));
  if (at < 0) return null;
  const named = /[:：]\s*\[?\s*(\d+)\s*\]?/.exec(lines[at]!);
  const article = named ? articles[Number(named[1]) - 1] : undefined;
  if (!article) return null;
  const answer = lines.filter((_, i) => i !== at).join('\n').trim();
  if (!answer) return null;
  const known = new Set(figuresIn(`${article.title}\n${article.body}\n${question}`));
  return figuresIn(answer).every((f) => known.has(f)) ? { article, answer } : null;
}

/** The figures a text states, as digits (full-width digits folded): "30", "9.9", "2026". */
function figuresIn(text: string): string[] {
  return text.normalize('NFKC').match(/\d+(?:[.,]\d+)?/g) ?? [];
}

/** The grounded reply as the customer gets it: the answer, then which article it comes from. */
export function groundedReplyText(answer: string, article: Pick<PromptArticle, 'title'>, lang: Lang): string {
  return lang === 'zh' ? `${answer}\n\n参考文章：《${article.title}》` : `${answer}\n\nSource: "${article.title}"`;
}

export type TranscriptLine = { from: 'customer' | 'bot' | 'agent'; body: string };

function transcriptText(lines: readonly TranscriptLine[]): string {
  const who = { customer: 'Customer', bot: 'Bot', agent: 'Agent' } as const;
  return lines.map((l) => `${who[l.from]}: ${l.body}`).join('\n');
}

/** A short note for the agent taking over: what the customer wants. */
export function handoffSummaryPrompt(lines: readonly TranscriptLine[], lang: Lang): ChatMessage[] {
  return [
    {
      role: 'system',
      content: `Summarise for the support agent taking over, in ${languageName(lang)}, in at most two sentences: what the customer wants and what they already said (order numbers, dates). No greeting.`,
    },
    { role: 'user', content: transcriptText(lines) },
  ];
}

export const SUMMARY_MAX = 500;

/** The summary as stored: one paragraph, bounded. */
export function readSummary(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

/** Up to three replies the agent could send next, grounded in the conversation and the articles. */
export function replySuggestionsPrompt(lines: readonly TranscriptLine[], articles: readonly PromptArticle[], lang: Lang): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        `Suggest up to three replies the support agent could send next, in ${languageName(lang)}, using only facts from the conversation and the numbered articles.`,
        'One reply per line, each line starting with "- ". When a reply uses an article, start it with its number, as "- [2] ...".',
      ].join('\n'),
    },
    { role: 'user', content: `Articles:\n${articles.length ? articleBlock(articles) : '(none)'}\n\nConversation:\n${transcriptText(lines)}` },
  ];
}

export type SuggestionReading = { text: string; article: PromptArticle | null };

/** The suggestions in the model's answer (at most three), each with the article it names, if any. */
export function readSuggestions(text: string, articles: readonly PromptArticle[]): SuggestionReading[] {
  const out: SuggestionReading[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const item = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/.exec(raw)?.[1]?.trim();
    if (!item) continue;
    const cited = /^\[(\d+)\]\s*(.*)$/.exec(item);
    const article = cited ? (articles[Number(cited[1]) - 1] ?? null) : null;
    const body = (cited ? cited[2]! : item).trim();
    if (body) out.push({ text: body, article });
    if (out.length === 3) break;
  }
  return out;
}
