import { z } from 'zod';
import { idSchema, kbArticleSchema, langSchema } from './domain';
import { variableKey, variablesIn } from './quick-replies';

/**
 * The knowledge base and the bot as the admin screens and the REST API see them: what an admin
 * writes (articles, keyword and scenario replies), what search returns, and the record of each
 * bot turn (why the bot said what it said).
 */

/** How long an article's fields and a bot reply may be (the admin screen checks these before sending). */
export const KB_LIMITS = { title: 200, body: 20_000, category: 80, tag: 40, tags: 20, question: 200, questions: 50, reply: 4000 } as const;

const text = (max: number) => z.string().trim().max(max);
const tagList = z.array(text(KB_LIMITS.tag).min(1)).max(KB_LIMITS.tags);
const questionList = z.array(text(KB_LIMITS.question).min(1)).max(KB_LIMITS.questions);

/** An article as an admin writes it (create or replace). */
export const kbArticleInputSchema = z
  .object({
    lang: langSchema,
    title: text(KB_LIMITS.title).min(1),
    body: text(KB_LIMITS.body).min(1),
    category: text(KB_LIMITS.category).default(''),
    tags: tagList.default([]),
    questions: questionList.default([]),
    enabled: z.boolean().default(true),
  })
  .strict();
export type KbArticleInput = z.infer<typeof kbArticleInputSchema>;

/** One entry of an import or export file: `[{ "id", "lang", "title", "body", "category"?, "tags"?, "questions"? }]`. */
export const kbExchangeItemSchema = z.object({
  id: idSchema,
  lang: langSchema,
  title: text(KB_LIMITS.title).min(1),
  body: text(KB_LIMITS.body).min(1),
  category: text(KB_LIMITS.category).optional(),
  tags: tagList.optional(),
  questions: questionList.optional(),
  enabled: z.boolean().optional(),
});
export type KbExchangeItem = z.infer<typeof kbExchangeItemSchema>;
export const kbExchangeFileSchema = z.array(kbExchangeItemSchema).max(20_000);

/** Text cut into pieces, the pieces that matched a search marked (render them, never as HTML). */
export const highlightedTextSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type HighlightedText = z.infer<typeof highlightedTextSchema>;

/** One search result: the article, how well it matches (0–1), and its title and best passage with the matches marked. */
export const kbSearchHitSchema = z.object({
  article: kbArticleSchema,
  score: z.number().min(0).max(1),
  title: highlightedTextSchema,
  snippet: highlightedTextSchema,
});
export type KbSearchHit = z.infer<typeof kbSearchHitSchema>;

export const kbSearchQuerySchema = z
  .object({
    q: text(500).min(1),
    lang: langSchema.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

/**
 * What the bot says when: a keyword reply (`match` says how `pattern` is compared with the
 * customer's message), the greeting for the first message of a conversation, the notice when
 * the customer writes outside business hours, or the message sent when one of the customer's
 * orders reaches the status in `pattern`. Replies in either language or both; order replies may
 * use the variables in ORDER_REPLY_VARIABLES.
 */
export const botRuleKindSchema = z.enum(['keyword', 'greeting', 'off_hours', 'order_status']);
export type BotRuleKind = z.infer<typeof botRuleKindSchema>;

/**
 * What an order-status reply may say besides plain text: the order as the customer knows it
 * (`order.id` and `order.number` are both its number, such as SO-10001), its new status as the
 * shop reports it, and the customer's name.
 */
export const ORDER_REPLY_VARIABLES = ['order.id', 'order.number', 'order.status', 'contact.name'] as const;

/** The variables of an order-status reply that the bot cannot fill (each once, as written). */
export function unknownOrderReplyVariables(text: string): string[] {
  const known = new Set(ORDER_REPLY_VARIABLES.map(variableKey));
  return variablesIn(text).filter((name) => !known.has(variableKey(name)));
}
export const keywordMatchSchema = z.enum(['exact', 'contains', 'regex']);
export type KeywordMatch = z.infer<typeof keywordMatchSchema>;

export const botRuleSchema = z.object({
  id: idSchema,
  kind: botRuleKindSchema,
  match: keywordMatchSchema.nullable(),
  pattern: z.string().nullable(),
  replyZh: z.string(),
  replyEn: z.string(),
  enabled: z.boolean(),
  /** Lower first, among rules of the same kind. */
  priority: z.number().int(),
  updatedAt: z.string(),
});
export type BotRule = z.infer<typeof botRuleSchema>;

export const botRuleInputSchema = z
  .object({
    kind: botRuleKindSchema,
    match: keywordMatchSchema.nullable().default(null),
    pattern: text(200).nullable().default(null),
    replyZh: text(KB_LIMITS.reply).default(''),
    replyEn: text(KB_LIMITS.reply).default(''),
    enabled: z.boolean().default(true),
    priority: z.number().int().min(-1000).max(1000).default(0),
  })
  .strict()
  .refine((r) => r.replyZh !== '' || r.replyEn !== '', { message: 'a reply in at least one language is required', path: ['replyZh'] })
  .refine((r) => r.kind !== 'keyword' || (r.match !== null && !!r.pattern), {
    message: 'a keyword reply needs match (exact, contains or regex) and pattern',
    path: ['pattern'],
  })
  .refine((r) => r.kind !== 'order_status' || !!r.pattern, { message: 'an order-status reply needs the status as pattern', path: ['pattern'] })
  .refine((r) => r.kind !== 'order_status' || unknownOrderReplyVariables(`${r.replyZh}\n${r.replyEn}`).length === 0, {
    message: `an order-status reply may use only ${ORDER_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
    path: ['replyZh'],
  });
export type BotRuleInput = z.infer<typeof botRuleInputSchema>;

/** What the bot did with one customer message. */
export const botActionSchema = z.enum(['answer', 'clarify', 'miss', 'handoff', 'rule', 'smalltalk']);
export type BotAction = z.infer<typeof botActionSchema>;

/** An order-status event as a bot turn names it: which order reached which status, and from where. */
export const orderEventRefSchema = z.object({
  id: idSchema,
  source: z.enum(['store', 'rest']),
  orderNumber: z.string().nullable(),
  status: z.string(),
});
export type OrderEventRef = z.infer<typeof orderEventRefSchema>;

/** An article a bot turn offered the customer as a suggestion. */
export const botSuggestionSchema = z.object({ articleId: z.string(), title: z.string() });
export type BotSuggestion = z.infer<typeof botSuggestionSchema>;

/** What the customer did with the suggestions: an article id, or one of the words below. */
export const botPickSchema = z.union([z.enum(['none', 'person', 'ignored']), z.string().min(1)]);
export type BotPick = z.infer<typeof botPickSchema>;

/** One bot turn as stored: what it matched, how sure it was, and what it did. */
export const botTurnSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  /** The customer's message the turn answered. */
  messageId: idSchema.nullable(),
  /** That message's text (null when it is gone). */
  message: z.string().nullable(),
  action: botActionSchema,
  /** How the answer was found: by retrieval, from the customer's choice, or from the topic of earlier turns. */
  via: z.enum(['retrieval', 'choice', 'topic', 'rule', 'none']),
  articleId: z.string().nullable(),
  ruleId: z.string().nullable(),
  confidence: z.number().nullable(),
  candidates: z.array(z.object({ articleId: z.string(), title: z.string(), confidence: z.number() })),
  handoffReason: z.enum(['request', 'misses', 'upset']).nullable(),
  lang: langSchema,
  /** Sentiment of the customer's message, -1 (angry) to 1 (happy). */
  sentiment: z.number(),
  /** The order-status event the turn answered (no customer message then); absent or null otherwise. */
  orderEvent: orderEventRefSchema.nullable().optional(),
  /** The articles a "which one did you mean?" turn offered, in order; absent on other turns and older rows. */
  suggested: z.array(botSuggestionSchema).optional(),
  /**
   * What the customer did with those suggestions at their next turn: the article they picked,
   * 'none' (none of them), 'person' (asked for a person), 'ignored' (wrote something else), or null
   * while they have not written again.
   */
  picked: botPickSchema.nullable().optional(),
  createdAt: z.string(),
});
export type BotTurn = z.infer<typeof botTurnSchema>;
