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
  /** A note for agents only (a transfer note): never shown to the customer, never sent to a channel. */
  internal: z.boolean(),
});
export type Message = z.infer<typeof messageSchema>;

/**
 * Where a conversation stands on its way to a person: with the bot, waiting in the queue, offered
 * to an agent (who has a short time to accept), assigned, or pending (left as a message outside
 * business hours, answered when the team is back).
 */
export const routingStateSchema = z.enum(['bot', 'queued', 'offered', 'assigned', 'pending']);
export type RoutingState = z.infer<typeof routingStateSchema>;

export const presenceSchema = z.enum(['online', 'busy', 'away', 'offline']);
export type Presence = z.infer<typeof presenceSchema>;

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
  routingState: routingStateSchema,
  /** The skill group it is routed in (售前, 售后, …), or null for the whole team. */
  groupId: idSchema.nullable(),
  groupName: z.string().nullable(),
  /** Higher goes first; VIP customers and urgent conversations get more. */
  priority: z.number().int(),
  /** While offered: to whom, and until when they can accept. */
  offeredToId: idSchema.nullable(),
  offerExpiresAt: z.string().nullable(),
  /** When the customer started waiting for a person (null when not waiting). */
  waitingSince: z.string().nullable(),
  /** One line saying what the customer asked before a person took over (from the bot transcript). */
  summary: z.string().nullable(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** An agent's availability and how many chats they carry. */
export const agentStateSchema = z.object({
  userId: idSchema,
  presence: presenceSchema,
  /** Open conversations assigned or offered to them. */
  load: z.number().int().nonnegative(),
  maxChats: z.number().int().positive(),
  /** Idle time after which the workstation sets the agent away. */
  autoAwaySeconds: z.number().int().positive(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const skillGroupSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Whether the group is inside its business hours now. */
  open: z.boolean(),
});
export type SkillGroup = z.infer<typeof skillGroupSchema>;

/** A colleague as the transfer dialog and the supervisor board show them. */
export const teamMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  presence: presenceSchema,
  load: z.number().int().nonnegative(),
  maxChats: z.number().int().positive(),
  groupIds: z.array(idSchema),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

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
