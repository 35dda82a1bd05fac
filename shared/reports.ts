import { z } from 'zod';
import { channelKindSchema, idSchema } from './domain';

/**
 * Reports (报表): figures over the conversations of a period, for supervisors and admins (the
 * whole account) and agents (their own figures only: the server sets the agent filter to them).
 *
 * Period: `from` and `to` are calendar days in the account's time zone, [from, to): from the
 * start of `from` up to the start of `to`. The account's time zone is the one of its ticket
 * business hours, else of its first skill group with business hours, else UTC; hours and days are
 * counted in it. Every answer carries the previous period of the same length for comparison.
 *
 * Filters: channel kind, skill group and agent apply to the conversation (its channel, group and
 * assignee); CSAT uses the agent, group and channel kind copied onto the answer when the survey was
 * sent (the assignee at the resolve).
 *
 * Definitions (times in seconds):
 * - Conversations of a period: those started in it (volume, response times, queue, bot); CSAT
 *   counts the answers given in it, sentiment the customer messages the bot read in it, tags the
 *   tags put on conversations in it.
 * - Queue entry: when the conversation started waiting for a person: its start, or for a
 *   conversation the bot had first, the bot's handoff (its start when no handoff turn is stored).
 * - First response: from the queue entry to the first public reply of an agent (internal notes,
 *   bot and system lines do not count); only conversations with such a reply.
 * - Handling: from the (latest) assignment to an agent to the resolve; resolved assigned ones only.
 * - Resolution: from the start to the resolve; resolved conversations only.
 * - Queue wait: from the queue entry to the (latest) assignment; assigned conversations only.
 * - Queued: conversations that waited for a person (not left with the bot); a message left while
 *   nobody was available is counted apart as `leftMessages`, never as abandoned.
 * - Abandoned: queued, not a left message, no agent ever replied, and either resolved (closed
 *   without an answer) or still open, never assigned, with the customer silent for
 *   ABANDONED_AFTER_MINUTES.
 * - Bot conversations: those with at least one bot turn. Handed over: left the bot for the queue.
 *   Resolved by the bot: never handed over and no agent replied.
 * - CSAT: the rating that counts per conversation (1–5); satisfied = 4 or 5.
 * - Sentiment: the bot's score of each customer message it read, −1 to 1; upset = at most −0.7
 *   (where the bot hands the customer to a person).
 * - Median and p90: continuous percentiles (linear interpolation between the two nearest values,
 *   PostgreSQL's percentile_cont), rounded to whole seconds; null when nothing was counted.
 * - Percentages: one decimal, null when the count they divide by is 0.
 */

export const REPORT_MAX_DAYS = 366;
export const ABANDONED_AFTER_MINUTES = 30;
export const UPSET_SENTIMENT = -0.7;

export const reportNames = ['volume', 'times', 'queue', 'csat', 'bot', 'sentiment', 'tags'] as const;
export const reportNameSchema = z.enum(reportNames);
export type ReportName = z.infer<typeof reportNameSchema>;

/** A calendar day, YYYY-MM-DD (a real one: no 2026-02-30). */
export const reportDaySchema = z.iso.date();

export const reportQuerySchema = z.object({
  from: reportDaySchema,
  to: reportDaySchema,
  channelKind: channelKindSchema.optional(),
  groupId: idSchema.optional(),
  /** Ignored for agents: they always get their own figures. */
  agentId: idSchema.optional(),
}).strict();
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The CSV export's query: which report, and the same period and filters. */
export const reportCsvQuerySchema = reportQuerySchema.extend({ report: reportNameSchema }).strict();
export type ReportCsvQuery = z.infer<typeof reportCsvQuerySchema>;

const count = z.number().int().nonnegative();
const percent = z.number().min(0).max(100).nullable();

export const durationFiguresSchema = z.object({
  count,
  medianSeconds: z.number().nonnegative().nullable(),
  p90Seconds: z.number().nonnegative().nullable(),
});
export type DurationFigures = z.infer<typeof durationFiguresSchema>;

export const volumeFiguresSchema = z.object({
  conversations: count,
  byChannel: z.array(z.object({ channelKind: channelKindSchema, conversations: count })),
  /** Always 24 entries, hour 0 to 23 local time. */
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), conversations: count })),
  /** Every day of the period, in order. */
  byDay: z.array(z.object({ date: reportDaySchema, conversations: count })),
});
export type VolumeFigures = z.infer<typeof volumeFiguresSchema>;

export const timesFiguresSchema = z.object({
  firstResponse: durationFiguresSchema,
  handling: durationFiguresSchema,
  resolution: durationFiguresSchema,
});
export type TimesFigures = z.infer<typeof timesFiguresSchema>;

export const queueFiguresSchema = z.object({
  queued: count,
  answered: count,
  abandoned: count,
  /** abandoned / queued. */
  abandonedPercent: percent,
  leftMessages: count,
  wait: durationFiguresSchema,
});
export type QueueFigures = z.infer<typeof queueFiguresSchema>;

export const csatFiguresSchema = z.object({
  answers: count,
  /** Mean rating, two decimals. */
  average: z.number().min(1).max(5).nullable(),
  /** Ratings of 4 or 5 / answers. */
  satisfiedPercent: percent,
});
export type CsatFigures = z.infer<typeof csatFiguresSchema>;

export const csatReportFiguresSchema = z.object({
  total: csatFiguresSchema,
  /** id null: answers about conversations without an agent (or whose agent is gone). */
  byAgent: z.array(csatFiguresSchema.extend({ id: idSchema.nullable(), name: z.string().nullable() })),
  byGroup: z.array(csatFiguresSchema.extend({ id: idSchema.nullable(), name: z.string().nullable() })),
  byChannel: z.array(csatFiguresSchema.extend({ channelKind: channelKindSchema })),
});
export type CsatReportFigures = z.infer<typeof csatReportFiguresSchema>;

export const botFiguresSchema = z.object({
  botConversations: count,
  resolvedByBot: count,
  handedOver: count,
  /** resolvedByBot / botConversations. */
  resolutionPercent: percent,
  /** handedOver / botConversations. */
  handoffPercent: percent,
});
export type BotFigures = z.infer<typeof botFiguresSchema>;

const sentimentPointSchema = z.object({
  messages: count,
  /** Mean score, two decimals. */
  average: z.number().min(-1).max(1).nullable(),
  upset: count,
});
export const sentimentFiguresSchema = sentimentPointSchema.extend({
  /** Every day of the period, in order. */
  byDay: z.array(sentimentPointSchema.extend({ date: reportDaySchema })),
});
export type SentimentFigures = z.infer<typeof sentimentFiguresSchema>;

export const tagsFiguresSchema = z.object({
  /** Tags used in the period, most used first. */
  tags: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(['reason', 'outcome', 'other']), conversations: count })),
});
export type TagsFigures = z.infer<typeof tagsFiguresSchema>;

export const reportFiguresSchemas = {
  volume: volumeFiguresSchema,
  times: timesFiguresSchema,
  queue: queueFiguresSchema,
  csat: csatReportFiguresSchema,
  bot: botFiguresSchema,
  sentiment: sentimentFiguresSchema,
  tags: tagsFiguresSchema,
} as const satisfies Record<ReportName, z.ZodType>;
export type ReportFigures = { [K in ReportName]: z.infer<(typeof reportFiguresSchemas)[K]> };

export const reportPeriodSchema = z.object({
  from: reportDaySchema,
  to: reportDaySchema,
  /** The instants the days start at. */
  start: z.string(),
  end: z.string(),
});
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** Whose figures: the account's (optionally filtered), or only the caller's own. */
export const reportScopeSchema = z.enum(['account', 'own']);
export type ReportScope = z.infer<typeof reportScopeSchema>;

/** One report's answer: the figures of the period and of the one before it. */
export const reportAnswerSchema = <F extends z.ZodType>(figures: F) =>
  z.object({
    timeZone: z.string(),
    scope: reportScopeSchema,
    /** The agent the figures were counted for, when filtered by one (always the caller for agents). */
    agentId: idSchema.nullable(),
    period: reportPeriodSchema,
    previousPeriod: reportPeriodSchema,
    current: figures,
    previous: figures,
  });
export type ReportAnswer<K extends ReportName> = {
  timeZone: string;
  scope: ReportScope;
  agentId: string | null;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  current: ReportFigures[K];
  previous: ReportFigures[K];
};

/** The days from `from` up to (not including) `to`. */
export function reportDays(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t < end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The previous period of the same length: the days just before `from`. */
export function previousDays(query: Pick<ReportQuery, 'from' | 'to'>): { from: string; to: string } {
  const length = Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`);
  return { from: new Date(Date.parse(`${query.from}T00:00:00Z`) - length).toISOString().slice(0, 10), to: query.from };
}

/** What is wrong with a period, or null. */
export function reportPeriodError(query: Pick<ReportQuery, 'from' | 'to'>): string | null {
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  if (!(from < to)) return 'from must be before to';
  if (to - from > REPORT_MAX_DAYS * 86_400_000) return `a period of at most ${REPORT_MAX_DAYS} days`;
  return null;
}
