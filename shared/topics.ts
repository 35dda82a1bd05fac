import { z } from 'zod';
import { idSchema, langSchema } from './domain';

/** The periods topics are worked out over (days back from now); the nightly job does the first. */
export const TOPIC_PERIODS = [7, 30] as const;
export const topicPeriodSchema = z.union([z.literal(7), z.literal(30)]);
export type TopicPeriod = z.infer<typeof topicPeriodSchema>;

export const topicRunStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);

/** One clustering of the account's customer messages over a period. */
export const topicRunSchema = z.object({
  id: idSchema,
  days: topicPeriodSchema,
  from: z.string(),
  to: z.string(),
  status: topicRunStatusSchema,
  trigger: z.enum(['nightly', 'request']),
  /** 'local' or 'local+ai-labels'; null until it ran. */
  method: z.string().nullable(),
  /** Customer messages in the period, and how many of them were clustered (a sample beyond the cap). */
  messageCount: z.number().int().nonnegative(),
  clusteredCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TopicRun = z.infer<typeof topicRunSchema>;

export const topicSchema = z.object({
  id: idSchema,
  label: z.string(),
  lang: langSchema,
  messageCount: z.number().int().nonnegative(),
  conversationCount: z.number().int().nonnegative(),
  /** Messages per UTC day, from the day the period starts. */
  trend: z.array(z.number().int().nonnegative()),
  /** A few of its most typical messages. */
  examples: z.array(z.object({ messageId: idSchema, conversationId: idSchema, body: z.string(), createdAt: z.string() })),
});
export type Topic = z.infer<typeof topicSchema>;

export const topicsListQuerySchema = z.object({ days: topicPeriodSchema }).strict();

/** The latest finished run of the period and its topics (largest first), and a newer run still under way, if any. */
export const topicsListSchema = z.object({
  run: topicRunSchema.nullable(),
  pending: topicRunSchema.nullable(),
  topics: z.array(topicSchema),
});
export type TopicsList = z.infer<typeof topicsListSchema>;

export const topicGetQuerySchema = z.object({ topicId: idSchema }).strict();

/** One conversation a topic's messages came from, newest first. */
export const topicConversationSchema = z.object({
  conversationId: idSchema,
  contactName: z.string(),
  channelKind: z.string(),
  status: z.enum(['open', 'resolved']),
  assigneeId: idSchema.nullable(),
  /** The topic's messages in it, oldest first (at most a few). */
  messages: z.array(z.object({ messageId: idSchema, body: z.string(), createdAt: z.string() })),
  lastAt: z.string(),
});
export type TopicConversation = z.infer<typeof topicConversationSchema>;

export const topicDetailSchema = z.object({
  topic: topicSchema,
  run: topicRunSchema,
  conversations: z.array(topicConversationSchema),
});
export type TopicDetail = z.infer<typeof topicDetailSchema>;

export const topicsRunQuerySchema = z.object({ days: topicPeriodSchema }).strict();
export const topicsRunResultSchema = z.object({ run: topicRunSchema });

export const topicConversationQuerySchema = z.object({ topicId: idSchema, conversationId: idSchema }).strict();

/** What was said in a conversation of a topic (customer, agents, bot; no internal notes or system lines), oldest first. */
export const topicTranscriptSchema = z.object({
  messages: z.array(z.object({
    messageId: idSchema,
    from: z.enum(['contact', 'agent', 'bot']),
    body: z.string(),
    createdAt: z.string(),
  })),
});
export type TopicTranscript = z.infer<typeof topicTranscriptSchema>;
