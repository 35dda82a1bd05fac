import { z } from 'zod';
import { questionSuggestionSchema, suggestionsQuerySchema, unansweredGroupSchema, unansweredQuerySchema } from './bot-learning';
import { appErrorSchema } from './errors';
import { QUICK_REPLY_IMPORT_MAX_CHARS, quickReplyFileFormatSchema, quickReplyImportResultSchema } from './quick-reply-exchange';
import { attachmentUrlRequestSchema, attachmentUrlResultSchema, captionBodySchema, fileBytesSchema, mimeTypeSchema, uploadNameSchema, uploadResultSchema } from './attachments';
import {
  auditEntrySchema,
  activitySchema,
  activityReportSchema,
  contactTypingSchema,
  mentionNoticeSchema,
  sensitiveWordInputSchema,
  takenNoticeSchema,
  sensitiveAlertSchema,
  escalationAlertSchema,
  sensitiveWordSchema,
  replyMaskPolicySchema,
  agentStateSchema,
  presenceSchema,
  skillGroupSchema,
  teamMemberSchema,
  contactSchema,
  conversationSchema,
  idSchema,
  kbArticleSchema,
  messageBodySchema,
  messageDeliverySchema,
  messageSchema,
  templateInputSchema,
  templateSchema,
  userSchema,
} from './domain';
import { aiStatusSchema, aiSettingsChangeSchema, aiSettingsViewSchema, aiSuggestRequestSchema, aiSuggestResultSchema, aiTestResultSchema } from './ai';
import { channelCreateSchema, channelDeleteResultSchema, channelUpdateSchema, channelViewSchema } from './channels';
import { KB_IMPORT_MAX_CHARS, kbImportResultSchema } from './kb-exchange';
import { contactNameSchema, contactNoteBodySchema, contactNoteSchema, customerProfileSchema, piiFieldSchema, piiRevealSchema } from './contact-profile';
import { tagGroupNameSchema, tagListSchema } from './tag-groups';
import {
  conversationTagCatalogSchema,
  conversationTagIdsSchema,
  conversationTagSaveSchema,
  conversationTagSettingsSchema,
  managedConversationTagSchema,
} from './conversation-tags';
import { botRuleInputSchema, botRuleSchema, botTurnSchema, highlightedTextSchema, kbArticleInputSchema, kbSearchHitSchema } from './knowledge';
import { notificationPreferencesSchema, notificationSchema, notificationTargetSchema } from './notifications';
import { feedMarkReadSchema, feedSchema } from './notification-feed';
import { managedUserSchema, routingSettingsViewSchema, settingsSaveSchema, teamViewSchema, userCreateSchema, userSaveSchema } from './team-admin';
import {
  departmentSchema,
  slaTargetSchema,
  ticketBulkSchema,
  ticketCommentBodySchema,
  ticketCreateSchema,
  ticketEventSchema,
  ticketPrioritySchema,
  ticketSchema,
  ticketSortSchema,
  ticketStatusSchema,
  ticketTypeSchema,
  ticketUpdateSchema,
  ticketViewSchema,
} from './tickets';
import { csatSettingsSaveSchema, csatSettingsSchema, csatViewSchema } from './csat';
import { weeklyReportSettingsSaveSchema, weeklyReportStatusSchema, weeklyReportTestResultSchema } from './weekly-report';
import { departmentSaveSchema, ticketMentionNoticeSchema, ticketSettingsSaveSchema, ticketSettingsSchema, ticketTypeSaveSchema } from './tickets-admin';
import { slaTargetsSaveSchema, ticketSlaNoticeSchema } from './ticket-sla';
import { ticketStatsQuerySchema, ticketStatsSchema } from './ticket-stats';
import { reportCsvQuerySchema } from './reports';
import { reportCsvFileSchema, reportResultSchema } from './report-results';
import { topicConversationQuerySchema, topicDetailSchema, topicGetQuerySchema, topicTranscriptSchema, topicsListQuerySchema, topicsListSchema, topicsRunQuerySchema, topicsRunResultSchema } from './topics';

/**
 * The one contract between the UI and the client core. The Electron shell registers one IPC
 * handler per method, the preload exposes exactly these names, the browser host serves them over
 * a WebSocket, and the renderer's `window.switchboard` type is derived from here.
 */

export const sessionStateSchema = z.object({
  signedIn: z.boolean(),
  user: userSchema.nullable(),
  serverUrl: z.string().nullable(),
  lastEmail: z.string().nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const connectionStateSchema = z.object({
  status: z.enum(['signed_out', 'connecting', 'online', 'offline']),
  /** ISO time the status last changed: "offline since …". */
  since: z.string(),
  error: appErrorSchema.nullable(),
  /** ISO time of the next reconnect attempt while offline. */
  nextRetryAt: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/**
 * queued: written to the outbox while offline, waiting for the connection.
 * sending: emitted, waiting for the server's ack.  sent: stored by the server.
 * failed: the server refused it for a reason a retry will not fix by itself (see `error`).
 */
export const deliveryStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/**
 * A message as the workstation shows it: the stored message plus how its delivery to the server
 * is going (`delivery`), and for replies on a platform channel (WhatsApp, Telegram, …) how far
 * they got on the customer's platform (`channelDelivery`: the stored message's own `delivery`).
 */
export const threadMessageSchema = messageSchema.extend({
  delivery: deliveryStatusSchema,
  error: appErrorSchema.nullable(),
  channelDelivery: messageDeliverySchema.nullable().optional(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

/**
 * A conversation as the inbox shows it. `access` is `lost` for a conversation that is no longer
 * this agent's but is kept because it holds their unsent text (a draft with a reason).
 */
export const inboxConversationSchema = conversationSchema.extend({
  access: z.enum(['full', 'lost']),
  /** The customer's messages after the agent last read the thread or the team last replied. */
  unread: z.number().int().nonnegative().default(0),
  /** The customer's tags, used as the conversation's labels. */
  labels: z.array(z.string()).default([]),
});
export type InboxConversation = z.infer<typeof inboxConversationSchema>;

/** A conversation found by message search: its newest matching message, the words marked. */
export const messageSearchHitSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema,
  createdAt: z.string(),
  snippet: highlightedTextSchema,
});
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;

/** The composer's text for one conversation, saved as the agent types. */
export const draftSchema = z.object({
  conversationId: idSchema,
  body: z.string(),
  updatedAt: z.string(),
  /** Why text came back to the composer (a reply that could not be sent), or null. */
  reason: appErrorSchema.nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

/** The ticket types and departments, and which departments this user belongs to and leads (cached for offline). */
export const ticketMetaSchema = z.object({
  types: z.array(ticketTypeSchema),
  departments: z.array(departmentSchema),
  myDepartmentIds: z.array(idSchema),
  leadOf: z.array(idSchema),
});
export type TicketMeta = z.infer<typeof ticketMetaSchema>;

/**
 * One line of a ticket's history as the detail pane shows it: a stored event (`sent`), or a comment
 * written here that waits in the outbox (`queued`, `sending`) under its client id.
 */
export const ticketHistoryItemSchema = ticketEventSchema.extend({
  delivery: deliveryStatusSchema,
  error: appErrorSchema.nullable(),
});
export type TicketHistoryItem = z.infer<typeof ticketHistoryItemSchema>;

/** The comment box's text for one ticket, kept as the person types and when a comment could not be sent. */
export const ticketDraftSchema = z.object({
  ticketId: idSchema,
  body: z.string(),
  public: z.boolean(),
  updatedAt: z.string(),
  reason: appErrorSchema.nullable(),
});
export type TicketDraft = z.infer<typeof ticketDraftSchema>;

/** A ticket created while offline that waits in the outbox (or was refused: `error`). */
export const pendingTicketSchema = z.object({
  clientId: z.string(),
  subject: z.string(),
  createdAt: z.string(),
  delivery: deliveryStatusSchema,
  error: appErrorSchema.nullable(),
});
export type PendingTicket = z.infer<typeof pendingTicketSchema>;

/** How many tickets the list shows at first, and how many more each "show more" adds. */
export const TICKET_LIST_PAGE = 200;
/** The most the list shows at once; past that the filters narrow it. */
export const TICKET_LIST_MAX = 2000;

/** The Tickets view's list: a saved filter, field filters and a sort, answered from the local cache; the first `limit` tickets. */
export const ticketListArgsSchema = z
  .object({
    view: ticketViewSchema.default('all'),
    status: z.array(ticketStatusSchema).max(6).optional(),
    priority: ticketPrioritySchema.optional(),
    typeId: idSchema.optional(),
    departmentId: idSchema.optional(),
    sort: ticketSortSchema.default('updated'),
    limit: z.number().int().min(1).max(TICKET_LIST_MAX).default(TICKET_LIST_PAGE),
  })
  .strict();
export type TicketListArgs = z.input<typeof ticketListArgsSchema>;

/** The machine's own settings (not an agent's): see `desktop.get`. */
export const desktopSettingsSchema = z.object({ openAtLogin: z.boolean(), openAtLoginAvailable: z.boolean() });
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

const empty = z.object({}).strict();
const clientIdArgs = z.object({ clientId: z.string().uuid() }).strict();

export const contractMethods = {
  'session.get': { args: empty, result: sessionStateSchema },
  'session.login': {
    args: z
      .object({
        // Checked and completed by the core (shared/server-url.ts): "host:port" is fine, http elsewhere is not.
        serverUrl: z.string().trim().min(1).max(2048),
        email: z.string().trim().max(254),
        password: z.string().max(1024),
      })
      .strict(),
    result: sessionStateSchema,
  },
  'session.logout': { args: empty, result: sessionStateSchema },
  'connection.get': { args: empty, result: connectionStateSchema },
  'conversations.list': { args: empty, result: z.array(inboxConversationSchema) },
  /**
   * Resolves a conversation (needs the connection), putting `tagIds` (reason, outcome) on it first;
   * `outcome_required` when the account requires an outcome and none is on it.
   */
  'conversations.resolve': {
    args: z.object({ conversationId: idSchema, tagIds: conversationTagIdsSchema.optional() }).strict(),
    result: inboxConversationSchema,
  },
  /** Replaces a conversation's tags (needs the connection); `tag_archived` for an archived tag it did not have. */
  'conversations.setTags': {
    args: z.object({ conversationId: idSchema, tagIds: conversationTagIdsSchema }).strict(),
    result: inboxConversationSchema,
  },
  /** The conversation tags (archived too) and their settings, from the cache (offline too). */
  'conversationTags.catalog': { args: empty, result: conversationTagCatalogSchema },
  /** Supervisors and admins: the tags with their use, and the settings. Needs the connection. */
  'conversationTags.adminList': {
    args: empty,
    result: z.object({ tags: z.array(managedConversationTagSchema), settings: conversationTagSettingsSchema }),
  },
  /** Admins: adds (no id) or changes a conversation tag (audited). */
  'conversationTags.save': { args: conversationTagSaveSchema, result: managedConversationTagSchema },
  /** Admins: archives a tag or brings it back (audited). */
  'conversationTags.archive': { args: z.object({ id: idSchema, archived: z.boolean() }).strict(), result: managedConversationTagSchema },
  /** Admins: whether resolving needs an outcome (audited). */
  'conversationTags.saveSettings': { args: conversationTagSettingsSchema.strict(), result: conversationTagSettingsSchema },
  /** Marks the thread read up to its newest cached message; answers the conversation with `unread` 0. */
  'conversations.markRead': { args: z.object({ conversationId: idSchema }).strict(), result: inboxConversationSchema },
  /**
   * Searches the cached messages (works offline): the conversations holding the text, newest
   * first, each with its newest matching message as a snippet with the text marked.
   */
  'conversations.search': {
    args: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(2000).optional() }).strict(),
    result: z.object({ hits: z.array(messageSearchHitSchema), truncated: z.boolean() }),
  },
  /**
   * Which conversation the agent has in front of them and whether the window has the focus: while
   * it has, that conversation stays read and raises no notification.
   */
  'attention.set': {
    args: z.object({ conversationId: idSchema.nullable(), focused: z.boolean() }).strict(),
    result: z.object({}),
  },
  /** This agent's notification preferences, and the unread count for the badge. */
  'notifications.get': {
    args: empty,
    result: z.object({ preferences: notificationPreferencesSchema, badge: z.number().int().nonnegative() }),
  },
  /** Changes some of this agent's notification preferences; answers all of them. */
  'notifications.set': { args: notificationPreferencesSchema.partial().strict(), result: notificationPreferencesSchema },
  /**
   * This machine's desktop settings: whether Switchboard starts when the person logs in to the
   * computer (off unless chosen), and whether this host can do that at all (the installed app can;
   * the browser host cannot).
   */
  'desktop.get': { args: empty, result: desktopSettingsSchema },
  /** Turns starting at login on or off; refused (`bad_request`) where the host cannot. */
  'desktop.set': { args: z.object({ openAtLogin: z.boolean() }).strict(), result: desktopSettingsSchema },
  /** The notification centre: what happened to this user (newest first) and how many entries are unread. Local, offline too. */
  'notificationFeed.list': { args: empty, result: feedSchema },
  /** Marks entries of the notification centre read (some, or all); answers the centre as it is now. */
  'notificationFeed.markRead': { args: feedMarkReadSchema, result: feedSchema },
  /** The newest `limit` messages of a thread (all when omitted), oldest first, then unsent replies. */
  'messages.list': {
    args: z.object({ conversationId: idSchema, limit: z.number().int().min(1).max(10_000).optional() }).strict(),
    result: z.array(threadMessageSchema),
  },
  /** Writes the reply to the outbox (durably) and answers at once, queued or sending. */
  'outbox.send': {
    args: z.object({ conversationId: idSchema, body: messageBodySchema }).strict(),
    result: threadMessageSchema,
  },
  /**
   * A stored file's short-lived signed link (absolute, on the server this user is signed in to),
   * for a message's image, PDF, voice note or download. Online only; `conflict` while not stored.
   */
  'attachments.url': { args: attachmentUrlRequestSchema, result: attachmentUrlResultSchema.extend({ url: z.string().url() }) },
  /**
   * Uploads a file for a reply in a conversation (the raw bytes and the file's name); answers what
   * the server kept. Online only: without the connection it fails with `offline`.
   */
  'attachments.upload': {
    args: z.object({ conversationId: idSchema, name: uploadNameSchema, bytes: fileBytesSchema }).strict(),
    result: uploadResultSchema,
  },
  /**
   * Writes a reply with a file to the outbox (the bytes sealed in the cache folder) and answers at
   * once, queued or sending; offline too. Delivery uploads the file, then sends the reply once.
   * The channel's limits are checked first: refused, nothing is queued.
   */
  'outbox.sendFile': {
    args: z
      .object({ conversationId: idSchema, name: uploadNameSchema, mimeType: mimeTypeSchema, bytes: fileBytesSchema, caption: captionBodySchema })
      .strict(),
    result: threadMessageSchema,
  },
  /** Sends an uploaded file (with the caption, possibly empty) as a reply at once. Online only. */
  'attachments.send': {
    args: z.object({ conversationId: idSchema, fileId: idSchema, caption: captionBodySchema }).strict(),
    result: threadMessageSchema,
  },
  /** Sends a failed reply again, keeping its client id so it can never arrive twice. */
  'outbox.retry': { args: clientIdArgs, result: threadMessageSchema },
  /** Takes a queued or failed reply out of the outbox and back into the composer. */
  'outbox.edit': { args: clientIdArgs, result: draftSchema },
  'outbox.discard': { args: clientIdArgs, result: z.object({ discarded: z.boolean() }) },
  /** This agent's presence and load as last heard from the server (null before the first connect). */
  'presence.get': { args: empty, result: agentStateSchema.nullable() },
  'presence.set': { args: z.object({ presence: presenceSchema }).strict(), result: agentStateSchema },
  'conversations.accept': { args: z.object({ conversationId: idSchema }).strict(), result: inboxConversationSchema },
  'conversations.decline': { args: z.object({ conversationId: idSchema }).strict(), result: inboxConversationSchema },
  'conversations.transfer': {
    args: z
      .object({
        conversationId: idSchema,
        to: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('agent'), userId: idSchema }),
          z.object({ kind: z.literal('group'), groupId: idSchema }),
        ]),
        note: z.string().trim().max(1000),
      })
      .strict(),
    result: inboxConversationSchema,
  },
  /** Colleagues and skill groups, live from the server (needs the connection). */
  'team.list': {
    args: empty,
    result: z.object({ agents: z.array(teamMemberSchema), groups: z.array(skillGroupSchema) }),
  },
  /** A customer from the local cache (null until synced). */
  'contacts.get': { args: z.object({ contactId: idSchema }).strict(), result: contactSchema.nullable() },
  /**
   * A customer's whole profile from the server, or offline the last one loaded (masked, `stale`).
   * `savedAt`: when it was loaded from the server. Offline with none loaded yet: `offline`.
   */
  'contacts.profile': {
    args: z.object({ contactId: idSchema }).strict(),
    result: z.object({ profile: customerProfileSchema, stale: z.boolean(), savedAt: z.string() }),
  },
  /** Replaces one group of the customer's tags; every desktop hears `contact.updated`. Needs the connection. */
  'contacts.setTags': {
    args: z.object({ contactId: idSchema, group: tagGroupNameSchema, tags: tagListSchema }).strict(),
    result: contactSchema,
  },
  /** Renames the customer; every desktop hears `contact.updated` and shows the name in the inbox. Needs the connection. */
  'contacts.rename': { args: z.object({ contactId: idSchema, name: contactNameSchema }).strict(), result: contactSchema },
  /** Adds a note on the customer. Needs the connection; on failure the typed text stays. */
  'contacts.addNote': { args: z.object({ contactId: idSchema, body: contactNoteBodySchema }).strict(), result: contactNoteSchema },
  /**
   * Reveals a masked phone, email or address for the conversation open (audited on the server).
   * The clear value is answered only: never cached. Needs the connection.
   */
  'contacts.unmask': {
    args: z.object({ contactId: idSchema, conversationId: idSchema, field: piiFieldSchema }).strict(),
    result: piiRevealSchema,
  },
  /** Knowledge articles from the local cache: available offline. */
  'kb.list': { args: empty, result: z.array(kbArticleSchema) },
  /** The team's and the agent's own quick replies from the local cache. */
  'templates.list': { args: empty, result: z.array(templateSchema) },
  /**
   * Searches the cached knowledge base (works offline): ranked hits, best first, with the matching
   * words marked. Chinese, English and mixed queries.
   */
  'kb.search': {
    args: z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(50).optional() }).strict(),
    result: z.array(kbSearchHitSchema),
  },
  /** Adds (no id) or changes a quick reply: agents their own, admins also the team's. Needs the connection. */
  'templates.save': { args: templateInputSchema, result: templateSchema },
  'templates.delete': { args: z.object({ id: idSchema }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** Admins and supervisors: the team's replies from a JSON or CSV file; all or nothing, problems by line. */
  'templates.import': {
    args: z.object({ text: z.string().max(QUICK_REPLY_IMPORT_MAX_CHARS), format: quickReplyFileFormatSchema }).strict(),
    result: quickReplyImportResultSchema,
  },
  'drafts.get': { args: z.object({ conversationId: idSchema }).strict(), result: draftSchema.nullable() },
  /** Saves the composer's text; an empty body deletes the draft. */
  'drafts.save': {
    args: z.object({ conversationId: idSchema, body: z.string().max(100_000) }).strict(),
    result: draftSchema.nullable(),
  },
  /**
   * An internal note (never to the customer): a private note, or a supervisor's whisper to the
   * agent. Needs the connection; on failure the composer keeps the text.
   */
  'notes.add': {
    args: z.object({ conversationId: idSchema, body: messageBodySchema, mentions: z.array(idSchema).max(20).optional() }).strict(),
    result: threadMessageSchema,
  },
  /** Supervisors and admins: takes a conversation (to themselves, or to `toUserId`) in one step. */
  'conversations.takeover': {
    args: z
      .object({ conversationId: idSchema, toUserId: idSchema.optional(), reason: z.string().trim().max(500).optional() })
      .strict(),
    result: inboxConversationSchema,
  },
  /** Supervisors and admins: joins a conversation beside its agent (barge-in). */
  'conversations.join': { args: z.object({ conversationId: idSchema }).strict(), result: inboxConversationSchema },
  /** Tells colleagues this user is viewing or typing in a conversation (or left it); ignored offline. */
  'activity.set': {
    args: activityReportSchema,
    result: z.object({}),
  },
  /** Who is in a conversation now (empty offline). */
  'activity.list': { args: z.object({ conversationId: idSchema }).strict(), result: z.array(activitySchema) },
  /** Admins and supervisors: the audit log, newest first, a page at a time. */
  'audit.list': {
    args: z.object({ query: z.string().trim().max(200).optional(), before: z.number().int().positive().optional() }).strict(),
    result: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().positive().nullable() }),
  },
  /** Admins: the audit log as CSV, for the UI to save as a file. */
  'audit.export': {
    args: z.object({ query: z.string().trim().max(200).optional() }).strict(),
    result: z.object({ filename: z.string(), csv: z.string() }),
  },
  /** The sensitive word list from the local cache (the composer checks replies offline too). */
  'sensitive.list': { args: empty, result: z.array(sensitiveWordSchema) },
  /** Admins: adds (no id) or changes a sensitive word. */
  'sensitive.save': {
    args: sensitiveWordInputSchema,
    result: sensitiveWordSchema,
  },
  'sensitive.delete': { args: z.object({ id: idSchema }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** The account's reply masking setting from the local cache (the composer tells the agent what will be masked). */
  'sensitive.policy': { args: empty, result: replyMaskPolicySchema },
  /** Admins: changes the reply masking setting (audited); every desktop follows. */
  'sensitive.savePolicy': { args: replyMaskPolicySchema, result: replyMaskPolicySchema },
  // Knowledge base and bot administration: live from the server, so each needs the connection.
  /** Admins: every knowledge article, disabled ones too. */
  'kbAdmin.list': { args: empty, result: z.array(kbArticleSchema) },
  /** Admins: creates (no id) or replaces an article; every desktop's copy follows. */
  'kbAdmin.save': {
    args: z.object({ id: idSchema.optional(), article: kbArticleInputSchema }).strict(),
    result: kbArticleSchema,
  },
  /** Admins: enables or disables an article (disabled: neither searched nor used by the bot). */
  'kbAdmin.setEnabled': { args: z.object({ id: idSchema, enabled: z.boolean() }).strict(), result: kbArticleSchema },
  /** Admins: imports a JSON file's text; a file with any wrong entry is refused whole, each problem located. */
  'kbAdmin.import': { args: z.object({ json: z.string().max(KB_IMPORT_MAX_CHARS) }).strict(), result: kbImportResultSchema },
  /** Admins: every article as a JSON file that import reads back, for the UI to save. */
  'kbAdmin.export': { args: empty, result: z.object({ filename: z.string(), json: z.string() }) },
  /** Admins: the bot's keyword, greeting, off-hours and order-status replies. */
  'botRules.list': { args: empty, result: z.array(botRuleSchema) },
  /** Admins: adds (no id) or changes a bot reply. */
  'botRules.save': { args: z.object({ id: idSchema.optional(), rule: botRuleInputSchema }).strict(), result: botRuleSchema },
  'botRules.delete': { args: z.object({ id: idSchema }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** Admins: customers' questions suggested as alternative questions (one article's when given), most often seen first. */
  'kbLearning.suggestions': { args: suggestionsQuerySchema, result: z.array(questionSuggestionSchema) },
  /** Admins: adds a suggested question to its article (audited); the bot answers it at its next turn. */
  'kbLearning.accept': { args: z.object({ id: idSchema }).strict(), result: kbArticleSchema },
  /** Admins: sets a suggested question aside; it is not suggested again. */
  'kbLearning.dismiss': { args: z.object({ id: idSchema }).strict(), result: z.object({ dismissed: z.boolean() }) },
  /** Admins: the questions the bot missed or handed over in the last `days`, grouped by similar wording. */
  'kbLearning.unanswered': { args: unansweredQuerySchema, result: z.array(unansweredGroupSchema) },
  /**
   * The agent put an article into a reply: the customer's latest message is kept on the server as a
   * question for that article. Needs the connection; a help for admins, never in the agent's way.
   */
  'kb.inserted': { args: z.object({ conversationId: idSchema, articleId: idSchema }).strict(), result: z.object({ recorded: z.boolean() }) },
  /** Admins and supervisors: the bot's turns, newest first (one conversation's when given), a page at a time. */
  'botTurns.list': {
    args: z.object({ conversationId: idSchema.optional(), before: z.number().int().positive().optional() }).strict(),
    result: z.object({ turns: z.array(botTurnSchema), nextBefore: z.number().int().positive().nullable() }),
  },
  /** Admins: every user of the team (deactivated too) and the skill groups. Needs the connection. */
  'admin.team': { args: empty, result: teamViewSchema },
  /** Admins: changes a user's name, role, capacity, groups or whether they are active (audited). */
  'admin.saveUser': { args: userSaveSchema, result: managedUserSchema },
  /** Admins: adds a user with the password they first sign in with (audited). */
  'admin.createUser': { args: userCreateSchema, result: managedUserSchema },
  /** Admins: the routing timings and every skill group's capacity and business hours. Needs the connection. */
  'admin.settings': { args: empty, result: routingSettingsViewSchema },
  /** Admins: changes routing settings (audited); routing and every desktop follow at once. */
  'admin.saveSettings': { args: settingsSaveSchema, result: routingSettingsViewSchema },
  /** Admins: the account's channels with their webhook paths; secrets only by name. Needs the connection. */
  'channels.list': { args: empty, result: z.array(channelViewSchema) },
  /**
   * Admins: creates a channel, or changes one (`config` replaces the config; each named secret is
   * set, or removed with null; unnamed ones stay). Audited. A `bad_request` names the form field
   * in `details.field`.
   */
  'channels.save': {
    args: z.discriminatedUnion('op', [
      z.object({ op: z.literal('create'), channel: channelCreateSchema }).strict(),
      z.object({ op: z.literal('update'), id: idSchema, changes: channelUpdateSchema }).strict(),
    ]),
    result: channelViewSchema,
  },
  /** Admins: deletes a channel no conversation came through (`conflict` otherwise: disable it). Audited. */
  'channels.delete': { args: z.object({ id: idSchema }).strict(), result: channelDeleteResultSchema },
  /** Admins: the AI provider settings (the key only as set / not set). Needs the connection. */
  'ai.settings': { args: empty, result: aiSettingsViewSchema },
  /** Admins: changes the AI provider settings (a key replaced, or cleared with null); audited without the key. */
  'ai.saveSettings': { args: aiSettingsChangeSchema, result: aiSettingsViewSchema },
  /** Admins: tries the chat and the embedding model with the saved settings. */
  'ai.test': { args: empty, result: aiTestResultSchema },
  /** Up to three suggested replies for a conversation this user may read (never sent by themselves). */
  'ai.suggest': { args: aiSuggestRequestSchema, result: aiSuggestResultSchema },
  /** Whether the composer offers reply suggestions. Needs the connection. */
  'ai.status': { args: empty, result: aiStatusSchema },
  // Tickets: read from the local cache (offline too); comments and new tickets go through the ticket outbox.
  /** Ticket types, departments and this user's departments: from the server when online, else the last ones loaded. */
  'tickets.meta': { args: empty, result: ticketMetaSchema },
  /**
   * The first `limit` cached tickets matching a saved filter and the field filters, sorted, and how
   * many match in all (`total`); plus new tickets still waiting to be sent.
   */
  'tickets.list': {
    args: ticketListArgsSchema,
    result: z.object({ tickets: z.array(ticketSchema), total: z.number().int().nonnegative(), pending: z.array(pendingTicketSchema) }),
  },
  /** One ticket with its history (fetched whole once when online), the comments waiting to be sent, and the comment box's draft. */
  'tickets.get': {
    args: z.object({ id: idSchema }).strict(),
    result: z.object({ ticket: ticketSchema, history: z.array(ticketHistoryItemSchema), draft: ticketDraftSchema.nullable() }),
  },
  /**
   * Opens a ticket. Online it is created at once (`ticket`); offline, or when the server did not
   * answer, it waits in the outbox under a client id and is created once when back (`ticket` null).
   * A refusal throws, and the dialog keeps what was typed.
   */
  'tickets.create': {
    args: ticketCreateSchema.omit({ clientId: true }),
    result: z.object({ ticket: ticketSchema.nullable(), clientId: z.string() }),
  },
  /** Changes a ticket's fields or status (needs the connection); the cache and every view follow. */
  'tickets.update': { args: ticketUpdateSchema, result: ticketSchema },
  /**
   * An internal comment or a public reply. Written to the outbox first: sent at once when online,
   * else once when back. A refusal puts the text back into the comment box's draft and throws.
   */
  'tickets.comment': {
    args: z.object({ ticketId: idSchema, body: ticketCommentBodySchema, public: z.boolean(), mentions: z.array(idSchema).max(20).optional() }).strict(),
    result: ticketHistoryItemSchema,
  },
  /** Assigns or moves many tickets at once (needs the connection); the refused ones come back with the reason. */
  'tickets.bulk': {
    args: ticketBulkSchema,
    result: z.object({ updated: z.number().int().nonnegative(), refused: z.array(z.object({ id: z.string(), code: z.string() })) }),
  },
  /** Supervisors and admins: deletes a ticket (kept hidden on the server, audited); it leaves every cache. Needs the connection. */
  'tickets.delete': { args: z.object({ id: idSchema }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** Saves the comment box's text and switch for a ticket; an empty body deletes the draft. */
  'tickets.saveDraft': {
    args: z.object({ ticketId: idSchema, body: z.string().max(100_000), public: z.boolean() }).strict(),
    result: ticketDraftSchema.nullable(),
  },
  /** Drops a new ticket that could not be created (or still waits). */
  'tickets.discardPending': { args: z.object({ clientId: z.string().min(1).max(100) }).strict(), result: z.object({ discarded: z.boolean() }) },
  /** Ticket figures over [from, to), counted for this user as the server scopes them. Needs the connection. */
  'tickets.stats': { args: ticketStatsQuerySchema, result: ticketStatsSchema },
  /** The same figures as a CSV file (GET /api/tickets/stats.csv), for the UI to save. Needs the connection. */
  'tickets.statsCsv': { args: ticketStatsQuerySchema, result: z.object({ filename: z.string(), csv: z.string() }) },
  /** Supervisors and admins: the latest topics customers asked about over the last 7 or 30 days. Needs the connection. */
  'topics.list': { args: topicsListQuerySchema, result: topicsListSchema },
  /** Supervisors and admins: one topic with the conversations its messages came from. Needs the connection. */
  'topics.get': { args: topicGetQuerySchema, result: topicDetailSchema },
  /** Supervisors and admins: what was said in one conversation of a topic. Needs the connection. */
  'topics.conversation': { args: topicConversationQuerySchema, result: topicTranscriptSchema },
  /** Supervisors and admins: groups the period's messages again now (the run is queued; topics.list shows it pending). */
  'topics.run': { args: topicsRunQuerySchema, result: topicsRunResultSchema },
  /**
   * One report (报表) over a period, with the period before it: supervisors and admins the account's
   * (optionally filtered), agents always their own figures. Needs the connection.
   */
  'reports.get': { args: reportCsvQuerySchema, result: reportResultSchema },
  /** One report's tables as a CSV file (GET /api/reports/export.csv), for the UI to save. Needs the connection. */
  'reports.csv': { args: reportCsvQuerySchema, result: reportCsvFileSchema },
  // Ticket administration: live from the server, so each needs the connection. Departments and types are read with tickets.meta.
  /** Admins: creates (no id), renames or archives a department and sets its members and leads (audited). */
  'ticketAdmin.saveDepartment': { args: departmentSaveSchema, result: departmentSchema },
  /** Admins: creates (no id) or changes a ticket type (audited). */
  'ticketAdmin.saveType': { args: ticketTypeSaveSchema, result: ticketTypeSchema },
  /** A conversation's satisfaction survey and the customer's answer (null: none sent). Needs the connection. */
  'csat.get': { args: z.object({ conversationId: idSchema }).strict(), result: csatViewSchema.nullable() },
  /** Admins: the satisfaction survey settings (on or off, the channels that ask, the question in Chinese and English). */
  'csatAdmin.settings': { args: empty, result: csatSettingsSchema },
  /** Admins: changes the satisfaction survey settings (audited). */
  'csatAdmin.saveSettings': { args: csatSettingsSaveSchema, result: csatSettingsSchema },
  /** Admins: the weekly summary mail's settings, the time zone they are in and whether it can be sent. Needs the connection. */
  'weeklyReport.settings': { args: empty, result: weeklyReportStatusSchema },
  /** Admins: changes the weekly summary mail's settings (audited). Needs the connection. */
  'weeklyReport.saveSettings': { args: weeklyReportSettingsSaveSchema, result: weeklyReportStatusSchema },
  /** Admins: mails the last full week's summary to themselves now. Needs the connection. */
  'weeklyReport.sendTest': { args: empty, result: weeklyReportTestResultSchema },
  /** Admins: the ticket settings (reopen window, auto-close, SLA business hours, ticket email address). */
  'ticketAdmin.settings': { args: empty, result: ticketSettingsSchema },
  /** Admins: changes the ticket settings (audited). */
  'ticketAdmin.saveSettings': { args: ticketSettingsSaveSchema, result: ticketSettingsSchema },
  /** Admins: the SLA targets per ticket type (null: any type) and priority. */
  'ticketAdmin.sla': { args: empty, result: z.array(slaTargetSchema) },
  /** Admins: replaces the SLA targets (a target left out is removed; audited). Existing tickets keep their due times. */
  'ticketAdmin.saveSla': { args: slaTargetsSaveSchema, result: z.array(slaTargetSchema) },
} as const;

export const contractEvents = {
  'session.changed': sessionStateSchema,
  'connection.changed': connectionStateSchema,
  'conversation.updated': inboxConversationSchema,
  /** Many conversations changed at once (first sync, a reset): read conversations.list again. */
  'inbox.reloaded': z.object({}),
  /** The conversation left this agent's inbox (taken by someone else, or the cache was reset). */
  'conversation.removed': z.object({ conversationId: idSchema }),
  /** Something deserves a desktop notification (the Electron shell shows it itself and keeps it). */
  'notification.show': notificationSchema,
  /** The agent clicked a notification the shell showed: open that conversation or ticket. */
  'notification.opened': notificationTargetSchema,
  /** The notification centre changed (an entry came, or entries were read): the whole of it. */
  'notificationFeed.changed': feedSchema,
  /** Unread customer messages in this agent's open conversations: the dock/taskbar badge and the title. */
  'badge.changed': z.object({ count: z.number().int().nonnegative() }),
  'message.updated': threadMessageSchema,
  /** An outbox entry left the thread without being sent (discarded, or returned to the draft). */
  'message.removed': z.object({ conversationId: idSchema, clientId: z.string() }),
  'contact.updated': contactSchema,
  'presence.changed': agentStateSchema,
  /** Knowledge articles, quick replies or sensitive words changed: read kb.list / templates.list / sensitive.list again. */
  'catalog.updated': z.object({}),
  /** The conversation tags or their settings changed: read conversationTags.catalog again. */
  'conversationTags.updated': z.object({}),
  'draft.updated': z.object({ conversationId: idSchema, draft: draftSchema.nullable() }),
  /** A colleague mentioned this user in an internal note. */
  'note.mentioned': mentionNoticeSchema,
  /** A supervisor took over one of this user's conversations, and why. */
  'conversation.taken': takenNoticeSchema,
  /** Someone's viewing/typing changed in a conversation this user may read. */
  'activity.changed': activitySchema,
  /** The customer started or stopped typing in a conversation this user may read (lapses after TYPING_TTL_MS). */
  'contact.typing': contactTypingSchema,
  /** Supervisors and admins: a colleague's presence or load changed. */
  'team.member': teamMemberSchema,
  /** Supervisors and admins: a message matched sensitive words. */
  'sensitive.alert': sensitiveAlertSchema,
  /** Supervisors and admins: a customer has waited longer than the escalation time. */
  'queue.escalated': escalationAlertSchema,
  /** A ticket in the cache changed (synced, pushed, or changed here). */
  'ticket.updated': ticketSchema,
  /** A ticket left the cache (deleted). */
  'ticket.removed': z.object({ ticketId: idSchema }),
  /** A line of a ticket's history was added or its delivery moved on (matched by `clientId` for comments written here). */
  'ticket.history': ticketHistoryItemSchema,
  /** A comment waiting in the outbox left the history without being stored (returned to the draft). */
  'ticket.historyRemoved': z.object({ ticketId: idSchema, clientId: z.string() }),
  /** The comment box's draft of a ticket changed in the core (a refused comment came back to it). */
  'ticket.draft': z.object({ ticketId: idSchema, draft: ticketDraftSchema.nullable() }),
  /** Someone mentioned this user in an internal comment of a ticket. */
  'ticket.mentioned': ticketMentionNoticeSchema,
  /** An SLA target of a ticket this user is assigned to or leads the department of will be missed soon, or was missed. */
  'ticket.sla': ticketSlaNoticeSchema,
  /** Many tickets changed at once, or a waiting new ticket was created or refused: read tickets.list again. */
  'tickets.reloaded': z.object({}),
} as const;

export type MethodName = keyof typeof contractMethods;
export type EventName = keyof typeof contractEvents;
export type MethodArgs<K extends MethodName> = z.input<(typeof contractMethods)[K]['args']>;
export type MethodResult<K extends MethodName> = z.infer<(typeof contractMethods)[K]['result']>;
export type EventPayload<K extends EventName> = z.infer<(typeof contractEvents)[K]>;

export const methodNames = Object.keys(contractMethods) as MethodName[];
export const eventNames = Object.keys(contractEvents) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contractMethods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contractEvents, name);
}

export type Unsubscribe = () => void;

/**
 * What the renderer sees as `window.switchboard`: one async function per contract method, each
 * resolving to a Result envelope, plus a subscription to pushed events.
 */
export type SwitchboardBridge = {
  readonly [K in MethodName]: (args: MethodArgs<K>) => Promise<import('./errors').Result<MethodResult<K>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

/** The implementation side: one handler per method, given arguments already validated. */
export type ContractHandlers = {
  [K in MethodName]: (args: z.infer<(typeof contractMethods)[K]['args']>) => Promise<MethodResult<K>>;
};

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
