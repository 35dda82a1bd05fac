import { z } from 'zod';

/**
 * Customer satisfaction (CSAT): what admins set about the survey sent after a conversation is
 * resolved, and the customer's answer as agents and supervisors see it. Ratings are 1–5 stars on
 * every channel (WhatsApp as a 5-row list, Telegram as a 5-button keyboard, the widget as stars, a
 * signed link page for WeChat and email).
 */

/** The channel kinds that can carry a survey (the API channel has no customer-facing surface). */
export const csatChannelKinds = ['widget', 'whatsapp', 'telegram', 'wechat', 'email'] as const;
export const csatChannelKindSchema = z.enum(csatChannelKinds);
export type CsatChannelKind = z.infer<typeof csatChannelKindSchema>;

export const csatRatingSchema = z.number().int().min(1).max(5);
export const csatCommentSchema = z.string().trim().max(2000);

export const csatSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Which channel kinds ask after a resolve. */
  channelKinds: z.array(csatChannelKindSchema),
  /** The question in Chinese and English; the customer gets the one matching the language they wrote in. */
  questionZh: z.string(),
  questionEn: z.string(),
  /** How long buttons and signed links are taken (days). */
  linkValidDays: z.number().int().min(1).max(90),
});
export type CsatSettings = z.infer<typeof csatSettingsSchema>;

export const csatSettingsSaveSchema = z.object({
  enabled: z.boolean(),
  channelKinds: z.array(csatChannelKindSchema).max(csatChannelKinds.length),
  questionZh: z.string().trim().min(1).max(500),
  questionEn: z.string().trim().min(1).max(500),
  linkValidDays: z.number().int().min(1).max(90),
}).strict();
export type CsatSettingsSave = z.infer<typeof csatSettingsSaveSchema>;

/** Where an answer came from. */
export const csatViaSchema = z.enum(['widget', 'whatsapp', 'telegram', 'link']);
export type CsatVia = z.infer<typeof csatViaSchema>;

/** A conversation's survey and the answer that counts, as its agent and supervisors see it. */
export const csatViewSchema = z.object({
  conversationId: z.string(),
  sentAt: z.string(),
  channelKind: z.string(),
  answer: z.object({
    rating: csatRatingSchema,
    comment: z.string().nullable(),
    via: csatViaSchema,
    answeredAt: z.string(),
    /** Answered after the customer had started a new conversation, or more than a day after the survey. */
    late: z.boolean(),
    /** How many times the customer changed their answer. */
    changes: z.number().int().nonnegative(),
  }).nullable(),
});
export type CsatView = z.infer<typeof csatViewSchema>;

/** The widget's answer to the stars card under a survey line. */
export const visitorCsatAnswerSchema = z.object({
  messageId: z.string().min(1).max(100),
  rating: csatRatingSchema,
  comment: csatCommentSchema.optional(),
}).strict();
