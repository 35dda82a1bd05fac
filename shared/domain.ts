import { z } from 'zod';
import { systemLineSchema } from './system-lines';
import { tagGroupsSchema } from './tag-groups';

/** Domain types shared by every process. Schemas are the source of truth; types are inferred. */

/** `staff`: a department member without the agent desk: they see their departments' tickets only. */
export const roleSchema = z.enum(['agent', 'supervisor', 'admin', 'staff']);
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

/**
 * What a message from a platform carried besides text (a photo, a file, a voice note, a place). The
 * message body describes it in words; this is the structure behind it. Media stay on the platform:
 * `mediaId` is the platform's id for them, `url` a link when the platform gives one.
 */
/**
 * How far our own copy of a customer's file got: being fetched from the platform (`pending`), stored
 * (`ready`), given up on (`failed`), refused as larger than one file may be (`too_large`), or refused
 * because the account's storage is full (`over_quota`). The message is kept whatever the state.
 */
export const attachmentFileStateSchema = z.enum(['pending', 'ready', 'failed', 'too_large', 'over_quota']);
export type AttachmentFileState = z.infer<typeof attachmentFileStateSchema>;

export const attachmentSchema = z.object({
  kind: z.enum(['image', 'document', 'voice', 'audio', 'video', 'sticker', 'location', 'file']),
  mediaId: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  mimeType: z.string().nullable().default(null),
  fileName: z.string().nullable().default(null),
  size: z.number().int().nonnegative().nullable().default(null),
  caption: z.string().nullable().default(null),
  latitude: z.number().nullable().default(null),
  longitude: z.number().nullable().default(null),
  /** A place's name or address (locations). */
  label: z.string().nullable().default(null),
  /**
   * Our stored copy of the file, on messages whose file the server keeps: its id (for
   * `attachments:url`) and its state. Once `ready`, `mimeType` and `size` are what the server
   * found in the bytes, not what the platform or the file name claimed.
   */
  fileId: idSchema.optional(),
  state: attachmentFileStateSchema.optional(),
  /**
   * The server also keeps a copy browsers can play of this sound (a WeChat AMR voice note as Ogg
   * Opus): ask `attachments:url` for the 'playable' variant. Absent: play or download the file itself.
   */
  playable: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * How far a reply got on its way to the customer's platform (WhatsApp, Telegram, …). `pending`
 * while queued or retried; `failed` carries the platform's reason. Widget messages have none.
 */
export const deliveryStatusSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
export const messageDeliverySchema = z.object({
  status: deliveryStatusSchema,
  reason: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type MessageDelivery = z.infer<typeof messageDeliverySchema>;

/**
 * What a platform said about a customer's message beyond its text, shown to agents in their own
 * language: a reaction to an earlier message (emoji null: the reaction was taken back), the
 * message it replies to, contact cards it carried, or (on an agents-only system line) the
 * customer's new number on the platform.
 */
export const channelDetailsSchema = z.object({
  quote: z.object({ body: z.string(), senderType: senderTypeSchema.nullable() }).optional(),
  reaction: z.object({ emoji: z.string().nullable() }).optional(),
  contacts: z.array(z.object({ name: z.string(), phones: z.array(z.string()) })).optional(),
  numberChanged: z.object({ from: z.string(), to: z.string() }).optional(),
});
export type ChannelDetails = z.infer<typeof channelDetailsSchema>;

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
  /** Only on messages that carried a photo, file, voice note or place; absent otherwise. */
  attachment: attachmentSchema.nullable().optional(),
  /** Only on replies delivered through a platform channel; absent otherwise. */
  delivery: messageDeliverySchema.nullable().optional(),
  /** Only on lines the system wrote (taken over, transferred, …): what to show in the reader's language; absent otherwise. */
  system: systemLineSchema.nullable().optional(),
  /** Only on platform messages that carried a reaction, a quote, contact cards or a number change. */
  channelDetails: channelDetailsSchema.optional(),
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
  /** The customer's name was made up (see contactSchema.nameGenerated); absent for a real name. */
  contactNameGenerated: z.boolean().optional(),
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
  /** Written while nobody was available: kept and answered on the customer's channel when someone is back. */
  leftMessage: z.boolean().optional(),
  /** The skill group it overflowed from, when nobody there could take it in time. */
  overflowedFromGroupName: z.string().nullable().optional(),
  /** The conversation tags on it (reason, outcome, other: shared/conversation-tags.ts), oldest first; absent when none. */
  tagIds: z.array(idSchema).optional(),
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
  /**
   * The name was made up, not given (a widget visitor's "Visitor 1234", a channel id): greetings and
   * {{contact.name}} leave it out. Absent for a real name.
   */
  nameGenerated: z.boolean().optional(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  vipLevel: z.number().int().nonnegative(),
  /** Every tag of every group, each once (what the inbox labels and {{contact.tags}} read). */
  tags: z.array(z.string()),
  /** The tags by group (see shared/tag-groups.ts); absent on contacts cached before groups existed. */
  tagGroups: tagGroupsSchema.optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const kbArticleSchema = z.object({
  id: idSchema,
  lang: langSchema,
  title: z.string(),
  body: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  /** Other ways customers ask what this article answers (相似问法); searched like the title. */
  questions: z.array(z.string()),
  /** Disabled articles stay in the admin screen but are neither searched nor used by the bot. */
  enabled: z.boolean(),
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
  /** Groups quick replies in the picker and the manager ('' for none). */
  category: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

/**
 * A quick reply as its author writes it (no id: a new one). `team` replies are the admins' and
 * everyone's; `personal` ones belong to whoever writes them. The body may hold variables such as
 * {{contact.name}} (see shared/quick-replies.ts).
 */
export const templateInputSchema = z
  .object({
    id: idSchema.optional(),
    scope: z.enum(['team', 'personal']),
    lang: langSchema,
    shortcut: z
      .string()
      .trim()
      .transform((s) => s.replace(/^\/+/, ''))
      .pipe(z.string().min(1, 'a shortcut is required').max(32).regex(/^\S+$/, 'a shortcut has no spaces')),
    title: z.string().trim().min(1, 'a title is required').max(100),
    body: z.string().trim().min(1, 'the text is required').max(MAX_MESSAGE_LENGTH),
    category: z.string().trim().max(40).default(''),
  })
  .strict();
export type TemplateInput = z.input<typeof templateInputSchema>;

/** What a colleague is doing in a conversation: looking at it, typing in it, or gone (idle). */
export const activityStateSchema = z.enum(['viewing', 'typing', 'idle']);
export type ActivityState = z.infer<typeof activityStateSchema>;

/**
 * One person's activity in one conversation. `preview` is what an agent is typing, given only to
 * supervisors and admins (a live preview, never sent to the customer); null for everyone else.
 */
export const activitySchema = z.object({
  conversationId: idSchema,
  userId: idSchema,
  name: z.string(),
  role: roleSchema,
  state: activityStateSchema,
  preview: z.string().nullable(),
  at: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

/**
 * A sensitive word (敏感词) or pattern kept by admins. Customer messages that match alert the
 * supervisors; an agent's reply that matches is blocked (`block`), masked (`mask`) or sent with an
 * alert (`alert`).
 */
export const sensitiveActionSchema = z.enum(['alert', 'block', 'mask']);
export type SensitiveAction = z.infer<typeof sensitiveActionSchema>;
export const sensitiveWordSchema = z.object({
  id: idSchema,
  pattern: z.string().min(1).max(200),
  /** `word`: matched after normalising width, case and spaces; `regex`: a JavaScript pattern. */
  kind: z.enum(['word', 'regex']),
  action: sensitiveActionSchema,
  updatedAt: z.string(),
});
export type SensitiveWord = z.infer<typeof sensitiveWordSchema>;

/** What an admin sends to add (no id) or change a sensitive word. */
export const sensitiveWordInputSchema = z
  .object({
    id: idSchema.optional(),
    pattern: z.string().trim().min(1).max(200),
    kind: sensitiveWordSchema.shape.kind,
    action: sensitiveWordSchema.shape.action,
  })
  .strict();

/**
 * The account's reply masking setting: `maskPersonalData` masks card, resident ID and phone
 * numbers in agents' replies even when no sensitive word matched (shared/reply-masking.ts).
 */
export const replyMaskPolicySchema = z.object({ maskPersonalData: z.boolean() }).strict();
export type ReplyMaskPolicy = z.infer<typeof replyMaskPolicySchema>;

/** This user's viewing/typing in one conversation, as they report it. */
export const activityReportSchema = z
  .object({
    conversationId: idSchema,
    state: activityStateSchema,
    preview: z.string().max(4096).optional(),
    /**
     * Typing a reply the customer will get (true), not an internal note or whisper: only then does
     * the customer's widget show "agent is typing…" (a flag, never the text).
     */
    toCustomer: z.boolean().optional(),
  })
  .strict();

/** How long a typing flag holds without being said again: a client shows it no longer than this. */
export const TYPING_TTL_MS = 6_000;
/** A typing client says "still typing" at most this often. */
export const TYPING_REPEAT_MS = 2_500;

/** The customer started or stopped typing in a conversation (a flag, never the text). */
export const contactTypingSchema = z.object({ conversationId: idSchema, typing: z.boolean() });
export type ContactTyping = z.infer<typeof contactTypingSchema>;

/** Someone mentioned this user in an internal note. */
export const mentionNoticeSchema = z.object({ conversationId: idSchema, messageId: idSchema, byName: z.string(), excerpt: z.string() });

/** A supervisor took over a conversation this user had, and why. */
export const takenNoticeSchema = z.object({ conversationId: idSchema, byName: z.string(), reason: z.string() });

/** A customer's (or agent's) message matched sensitive words: told to supervisors and admins. */
export const sensitiveAlertSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema.nullable(),
  contactName: z.string(),
  senderType: senderTypeSchema,
  senderName: z.string().nullable(),
  /** The entries' patterns that matched. */
  words: z.array(z.string()),
  excerpt: z.string(),
  at: z.string(),
});
export type SensitiveAlert = z.infer<typeof sensitiveAlertSchema>;

/** A customer has waited for a person longer than the account's escalation time: told to supervisors and admins. */
export const escalationAlertSchema = z.object({
  conversationId: idSchema,
  contactName: z.string(),
  groupName: z.string().nullable(),
  /** When the wait began. */
  waitingSince: z.string(),
  /** The escalation time it passed, in seconds. */
  afterSeconds: z.number().int().positive(),
  /** True when nobody eligible is online for it. */
  nobodyOnline: z.boolean(),
  at: z.string(),
});
export type EscalationAlert = z.infer<typeof escalationAlertSchema>;

/** One audit log entry as admins see it. */
export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  action: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  /** The target by name (joined by the server); the id stays for a link or a copy. */
  targetLabel: z.string().nullish(),
  /** A whisper's text, for the admins and supervisors who read the log. */
  whisperText: z.string().nullish(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
