import { z } from 'zod';

/** Domain types shared by every process. Schemas are the source of truth; types are inferred. */

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const channelKindSchema = z.enum(['widget', 'whatsapp', 'telegram', 'wechat', 'email', 'api']);
export type ChannelKind = z.infer<typeof channelKindSchema>;

export const conversationStatusSchema = z.enum(['open', 'resolved']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const senderTypeSchema = z.enum(['contact', 'agent', 'bot', 'system']);
export type SenderType = z.infer<typeof senderTypeSchema>;

export const idSchema = z.string().min(1).max(64);

export const userSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  /** Per-account sequence number: the sync cursor. */
  seq: z.number().int().nonnegative(),
  senderType: senderTypeSchema,
  senderId: idSchema.nullable(),
  senderName: z.string().nullable(),
  body: z.string(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id: idSchema,
  /** Per-account sequence number of the last change to this conversation. */
  seq: z.number().int().nonnegative(),
  channelId: idSchema,
  channelKind: channelKindSchema,
  contactId: idSchema,
  contactName: z.string(),
  status: conversationStatusSchema,
  assigneeId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  lastMessageSenderType: senderTypeSchema.nullable(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Longest message body accepted from anyone, in characters. */
export const MAX_MESSAGE_LENGTH = 4096;

export const messageBodySchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'message is empty').max(MAX_MESSAGE_LENGTH, 'message is too long'));

export const langSchema = z.enum(['zh', 'en']);
export type Lang = z.infer<typeof langSchema>;

/** The customer behind one or more conversations. */
export const contactSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  vipLevel: z.number().int().nonnegative(),
  tags: z.array(z.string()),
});
export type Contact = z.infer<typeof contactSchema>;

export const kbArticleSchema = z.object({
  id: idSchema,
  lang: langSchema,
  title: z.string(),
  body: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;

/** A quick reply: the team's (ownerId null) or one agent's own. */
export const templateSchema = z.object({
  id: idSchema,
  ownerId: idSchema.nullable(),
  lang: langSchema,
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
});
export type Template = z.infer<typeof templateSchema>;
