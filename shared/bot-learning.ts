import { z } from 'zod';
import { idSchema } from './domain';

/**
 * What the bot learns from the team and its customers, as admins see it: questions customers
 * asked that led to an article (an agent inserted it into a reply, or the customer picked it
 * among the bot's suggestions), offered as new alternative questions for that article; and the
 * questions the bot could not answer, grouped by wording.
 */

/** Where a question–article pair came from. */
export const questionPairSourceSchema = z.enum(['agent_insert', 'customer_pick']);
export type QuestionPairSource = z.infer<typeof questionPairSourceSchema>;

export const questionPairStatusSchema = z.enum(['suggested', 'accepted', 'dismissed']);
export type QuestionPairStatus = z.infer<typeof questionPairStatusSchema>;

/** A customer's wording suggested as an alternative question of an article, with how often it was seen. */
export const questionSuggestionSchema = z.object({
  id: idSchema,
  articleId: idSchema,
  articleTitle: z.string(),
  question: z.string(),
  /** How many times this wording (normalised) led to this article. */
  count: z.number().int().positive(),
  sources: z.array(questionPairSourceSchema),
  status: questionPairStatusSchema,
  lastSeenAt: z.string(),
});
export type QuestionSuggestion = z.infer<typeof questionSuggestionSchema>;

/** One group of similar questions the bot missed or handed to a person. */
export const unansweredGroupSchema = z.object({
  /** The most frequent wording of the group, to start an article from. */
  question: z.string(),
  count: z.number().int().positive(),
  /** Handoffs among them (the rest are misses). */
  handoffs: z.number().int().nonnegative(),
  lastSeenAt: z.string(),
  /** A few distinct wordings, most recent first. */
  examples: z.array(z.string()).max(5),
  conversationIds: z.array(idSchema).max(5),
});
export type UnansweredGroup = z.infer<typeof unansweredGroupSchema>;

export const LEARNING_LIMITS = { maxDays: 365, defaultDays: 30, maxGroups: 100 } as const;

export const unansweredQuerySchema = z
  .object({ days: z.number().int().min(1).max(LEARNING_LIMITS.maxDays).default(LEARNING_LIMITS.defaultDays) })
  .strict();

export const suggestionsQuerySchema = z.object({ articleId: idSchema.optional() }).strict();
