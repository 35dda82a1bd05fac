import { z } from 'zod';
import { questionSuggestionSchema, suggestionsQuerySchema, unansweredGroupSchema, unansweredQuerySchema } from './bot-learning';
import { displayNameForm } from './text/display-name';
import { QUICK_REPLY_IMPORT_MAX_ROWS, quickReplyImportResultSchema, quickReplyImportRowSchema } from './quick-reply-exchange';
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
  conversationStatusSchema,
  idSchema,
  kbArticleSchema,
  messageBodySchema,
  messageSchema,
  templateInputSchema,
  templateSchema,
  userSchema,
} from './domain';
import {
  botRuleInputSchema,
  botRuleSchema,
  botTurnSchema,
  kbArticleInputSchema,
  kbExchangeFileSchema,
  kbExchangeItemSchema,
  kbSearchHitSchema,
  kbSearchQuerySchema,
} from './knowledge';
import { managedUserSchema, routingSettingsViewSchema, settingsSaveSchema, teamViewSchema, userCreateSchema, userSaveSchema } from './team-admin';
import { systemLineSchema } from './system-lines';
import { aiStatusSchema, aiSuggestRequestSchema, aiSuggestResultSchema } from './ai';
import { MESSAGE_DELIVERY_PUSH, messageDeliveryPushSchema } from './channels';
import { attachmentUrlRequestSchema, attachmentUrlResultSchema, MESSAGE_ATTACHMENT_PUSH, messageAttachmentPushSchema, attachmentIdsSchema, captionBodySchema, notEmpty, visitorFileSchema } from './attachments';
import { slaTargetSchema } from './tickets';
import { slaTargetsSaveSchema, ticketSlaNoticeSchema } from './ticket-sla';
import { ticketStatsQuerySchema, ticketStatsSchema } from './ticket-stats';
import { topicConversationQuerySchema, topicDetailSchema, topicGetQuerySchema, topicTranscriptSchema, topicsListQuerySchema, topicsListSchema, topicsRunQuerySchema, topicsRunResultSchema } from './topics';
import { reportAnswerSchema, reportFiguresSchemas, reportQuerySchema } from './reports';
import { weeklyReportSettingsSaveSchema, weeklyReportStatusSchema, weeklyReportTestResultSchema } from './weekly-report';
import {
  departmentSchema,
  ticketBulkSchema,
  ticketCommentSchema,
  ticketCreateSchema,
  ticketEventSchema,
  ticketListQuerySchema,
  ticketSchema,
  ticketTypeSchema,
  ticketUpdateSchema,
} from './tickets';
import {
  conversationTagCatalogSchema,
  conversationTagIdsSchema,
  conversationTagSaveSchema,
  conversationTagSettingsSchema,
  managedConversationTagSchema,
} from './conversation-tags';
import { visitorTicketAddSchema, visitorTicketSchema } from './tickets-customer';
import { csatRatingSchema, csatSettingsSaveSchema, csatSettingsSchema, csatViewSchema, visitorCsatAnswerSchema } from './csat';
import { departmentSaveSchema, ticketMentionNoticeSchema, ticketSettingsSaveSchema, ticketSettingsSchema, ticketTypeSaveSchema } from './tickets-admin';
import {
  contactNoteRequestSchema,
  contactNoteSchema,
  contactRenameRequestSchema,
  contactTagsRequestSchema,
  contactUnmaskRequestSchema,
  customerProfileSchema,
  piiRevealSchema,
} from './contact-profile';

/**
 * The socket.io protocol between the server and its clients. Every payload sent by a client is
 * validated against these schemas on the server; every ack is a `Result` envelope.
 */

export const AGENT_NAMESPACE = '/agent';
export const VISITOR_NAMESPACE = '/visitor';

/**
 * A conversation this user may no longer see, under the seq of the change that took it away. The
 * push to the agent who had it also says who has it now and its status, so a copy kept for their
 * unsent text shows its new owner; colleagues who only saw it waiting, and sync pages, get the id.
 */
export const removedConversationSchema = z.object({
  conversationId: idSchema,
  seq: z.number().int().nonnegative(),
  assigneeId: idSchema.nullable().optional(),
  assigneeName: z.string().nullable().optional(),
  status: conversationStatusSchema.optional(),
});
export type RemovedConversation = z.infer<typeof removedConversationSchema>;

// ---- HTTP auth -------------------------------------------------------------------------------

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(512) });

/**
 * Sign-out: the refresh token stops working and, unless the user is still signed in elsewhere, they
 * go offline at once. `socketId` is the signing-out desktop's own socket, not counted as elsewhere.
 */
export const logoutRequestSchema = z.object({ refreshToken: z.string().min(1).max(512), socketId: z.string().max(64).optional() });

export const authTokensSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  user: userSchema,
});
export type AuthTokens = z.infer<typeof authTokensSchema>;

export { auditEntrySchema, type AuditEntryView } from './domain';


// ---- /agent namespace: client -> server (with ack) --------------------------------------------

export const agentRequests = {
  'conversations:list': {
    payload: z.object({}).strict(),
    result: z.object({ conversations: z.array(conversationSchema) }),
  },
  'messages:list': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ messages: z.array(messageSchema) }),
  },
  /**
   * How far replies on platform channels got now (ids the desktop holds), for those this user may
   * read; ids without a delivery are left out. Delivery changes carry no sequence number, so after
   * a reconnect this brings what `message:delivery` said while the desktop was away.
   */
  'messages:deliveries': {
    payload: z.object({ messageIds: z.array(idSchema).min(1).max(500) }).strict(),
    result: z.object({ deliveries: z.array(messageDeliveryPushSchema) }),
  },
  /**
   * A short-lived signed link to a customer's stored file (`Message.attachment.fileId`), for someone
   * who may read its conversation; `conflict` while the file is not stored (pending, refused, failed).
   */
  'attachments:url': {
    payload: attachmentUrlRequestSchema,
    result: attachmentUrlResultSchema,
  },
  /**
   * Everything this user may see that changed after `after` (the per-account sequence number),
   * one page at a time. `removed` lists conversations that changed but are no longer visible to
   * the user. `reset` means the cursor is older than the server keeps changes for (or newer than
   * the server has): drop the cached conversations and messages and sync again from 0.
   */
  'sync:changes': {
    payload: z
      .object({
        after: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    result: z.object({
      conversations: z.array(conversationSchema),
      /** The customers of the conversations in this page. */
      contacts: z.array(contactSchema),
      messages: z.array(messageSchema),
      removed: z.array(removedConversationSchema),
      /** The cursor to ask from next time: every change up to here is in this page or not for you. */
      cursor: z.number().int().nonnegative(),
      hasMore: z.boolean(),
      reset: z.boolean(),
    }),
  },
  /** Contacts by id, limited to customers of conversations the user may read. */
  'contacts:get': {
    payload: z.object({ ids: z.array(idSchema).min(1).max(500) }).strict(),
    result: z.object({ contacts: z.array(contactSchema) }),
  },
  /**
   * A customer's profile (same visibility as `contacts:get`): identities, conversations on every
   * channel (`readable: false` where the user may not open them), orders from the account's orders
   * connector, lifetime spend, tags by group and notes; phones, emails and addresses masked for
   * roles that may not see them.
   */
  'contacts:profile': {
    payload: z.object({ contactId: idSchema }).strict(),
    result: z.object({ profile: customerProfileSchema }),
  },
  /** Replaces one group of a customer's tags; audited; every desktop that may see them hears `contact:updated`. */
  'contacts:tags:set': {
    payload: contactTagsRequestSchema.extend({ contactId: idSchema }),
    result: z.object({ contact: contactSchema }),
  },
  /**
   * Renames a customer (anyone who may see one of their conversations, supervisors and admins any);
   * audited (`contact.rename`, before and after); every desktop that may see them hears `contact:updated`.
   */
  'contacts:rename': {
    payload: contactRenameRequestSchema.extend({ contactId: idSchema }),
    result: z.object({ contact: contactSchema }),
  },
  /** Adds a note to a customer (author and time recorded). */
  'contacts:note:add': {
    payload: contactNoteRequestSchema.extend({ contactId: idSchema }),
    result: z.object({ note: contactNoteSchema }),
  },
  /**
   * Reveals a masked field of a customer of a conversation the user can read; audited
   * (`contact.unmask`). Refused (`forbidden`) for another conversation or a role without the right.
   */
  'contacts:unmask': {
    payload: contactUnmaskRequestSchema.extend({ contactId: idSchema }),
    result: z.object({ reveal: piiRevealSchema }),
  },
  /** The knowledge articles and quick replies this user works with, whole (they are small). */
  'catalog:snapshot': {
    payload: z.object({}).strict(),
    result: z.object({ articles: z.array(kbArticleSchema), templates: z.array(templateSchema) }),
  },
  /** Knowledge search while online: ranked articles with the matching words marked (offline, the cache is searched). */
  'kb:search': {
    payload: kbSearchQuerySchema,
    result: z.object({ hits: z.array(kbSearchHitSchema) }),
  },
  // ---- knowledge base and bot, for admins (the same operations as the REST API) ----
  /** Admins: every article of the account, disabled ones too. */
  'kb:admin:list': {
    payload: z.object({}).strict(),
    result: z.object({ articles: z.array(kbArticleSchema) }),
  },
  /** Admins: creates (no id) or replaces an article; audited; every desktop hears `catalog:changed`. */
  'kb:admin:save': {
    payload: z.object({ id: idSchema.optional(), article: kbArticleInputSchema }).strict(),
    result: z.object({ article: kbArticleSchema }),
  },
  /** Admins: enables or disables an article (disabled ones are neither searched nor used by the bot); audited. */
  'kb:admin:enable': {
    payload: z.object({ id: idSchema, enabled: z.boolean() }).strict(),
    result: z.object({ article: kbArticleSchema }),
  },
  /**
   * Admins: import entries (each creates or replaces the article with its id) in one transaction;
   * audited. An id used by another account is refused with `conflict` and `details.id`.
   */
  'kb:admin:import': {
    payload: z.object({ items: kbExchangeFileSchema.min(1) }).strict(),
    result: z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative() }),
  },
  /** Admins: every article in the import format, with a file name; audited. */
  'kb:admin:export': {
    payload: z.object({}).strict(),
    result: z.object({ filename: z.string(), items: z.array(kbExchangeItemSchema) }),
  },
  /** Admins: questions customers asked that led to an article, suggested as its alternative questions (one article's when given). */
  'kb:learning:suggestions': {
    payload: suggestionsQuerySchema,
    result: z.object({ suggestions: z.array(questionSuggestionSchema) }),
  },
  /** Admins: adds a suggested question to its article; audited; the bot answers it at its next turn; every desktop hears `catalog:changed`. */
  'kb:learning:accept': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ article: kbArticleSchema }),
  },
  /** Admins: sets a suggested question aside (it is not suggested again); audited. */
  'kb:learning:dismiss': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ dismissed: z.boolean() }),
  },
  /** Admins: the questions the bot missed or handed to a person over the last `days`, grouped by similar wording. */
  'kb:learning:unanswered': {
    payload: unansweredQuerySchema,
    result: z.object({ groups: z.array(unansweredGroupSchema) }),
  },
  /**
   * An agent put an article into their reply in a conversation they may work on: the customer's
   * latest message is kept as a question for that article (for admins to accept). `recorded` is
   * false when there was nothing new to keep.
   */
  'kb:inserted': {
    payload: z.object({ conversationId: idSchema, articleId: idSchema }).strict(),
    result: z.object({ recorded: z.boolean() }),
  },
  /** Admins: the keyword and scenario replies of the bot. */
  'bot:rules:list': {
    payload: z.object({}).strict(),
    result: z.object({ rules: z.array(botRuleSchema) }),
  },
  /** Admins: adds (no id) or changes a bot reply; audited; in force at the bot's next turn. */
  'bot:rules:save': {
    payload: z.object({ id: idSchema.optional(), rule: botRuleInputSchema }).strict(),
    result: z.object({ rule: botRuleSchema }),
  },
  'bot:rules:delete': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Admins and supervisors: the bot's turns, newest first (one conversation's when given), a page at a time. */
  'bot:turns:list': {
    payload: z
      .object({
        conversationId: idSchema.optional(),
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    result: z.object({ turns: z.array(botTurnSchema), nextBefore: z.number().int().positive().nullable() }),
  },
  /**
   * Adds (no id) or changes a quick reply: `personal` ones are the sender's own, `team` ones only
   * admins may write. Whoever may use it hears `catalog:changed`.
   */
  'templates:save': {
    payload: templateInputSchema,
    result: z.object({ template: templateSchema }),
  },
  /**
   * Admins and supervisors: the team's replies from an import file, row by row; each row is checked
   * and a reply with the same shortcut in the same language is updated. Any bad row: nothing is
   * written and every problem comes back by line. Audited like a save.
   */
  'templates:import': {
    payload: z.object({ rows: z.array(quickReplyImportRowSchema).min(1).max(QUICK_REPLY_IMPORT_MAX_ROWS) }).strict(),
    result: quickReplyImportResultSchema,
  },
  /** Removes a quick reply under the same rule as saving one. */
  'templates:delete': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Sets the agent's presence; going online (or gaining capacity) drains the queue at once. */
  'presence:set': {
    payload: z.object({ presence: presenceSchema }).strict(),
    result: z.object({ state: agentStateSchema }),
  },
  /** Colleagues (with presence and load; department staff too, with role `staff`) and skill groups, for transfers, the team board and tickets. */
  'team:list': {
    payload: z.object({}).strict(),
    result: z.object({ agents: z.array(teamMemberSchema), groups: z.array(skillGroupSchema) }),
  },
  /** Takes a conversation offered to this agent. */
  'conversation:accept': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Passes an offered conversation on to the next agent. */
  'conversation:decline': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Hands a conversation to a colleague (offered to them) or a group (queued there), with a note for agents only. */
  'conversation:transfer': {
    payload: z
      .object({
        conversationId: idSchema,
        toUserId: idSchema.optional(),
        toGroupId: idSchema.optional(),
        note: z.string().trim().max(1000).default(''),
      })
      .strict()
      .refine((p) => (p.toUserId === undefined) !== (p.toGroupId === undefined), 'name exactly one of toUserId and toGroupId'),
    result: z.object({ conversation: conversationSchema }),
  },
  /**
   * Marks a conversation resolved (agents: their own or unassigned; supervisors and admins: any).
   * `tagIds` (reason, outcome) become its conversation tags first; when the account requires an
   * outcome, resolving without one is refused with `outcome_required`.
   */
  'conversation:resolve': {
    payload: z.object({ conversationId: idSchema, tagIds: conversationTagIdsSchema.optional() }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Sets a conversation's tags (whoever may act on it); an archived tag cannot be newly put on (`tag_archived`). */
  'conversation:tags': {
    payload: z.object({ conversationId: idSchema, tagIds: conversationTagIdsSchema }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Every workstation: the conversation tags (archived too, to name old ones) and whether resolving needs an outcome. */
  'conversation-tags:list': {
    payload: z.object({}).strict(),
    result: conversationTagCatalogSchema,
  },
  /** Supervisors and admins: the tags with how many conversations carry each, and the settings. */
  'conversation-tags:admin:list': {
    payload: z.object({}).strict(),
    result: z.object({ tags: z.array(managedConversationTagSchema), settings: conversationTagSettingsSchema }),
  },
  /** Admins: creates (no id) or changes a tag; audited; everyone hears `conversation-tags:changed`. */
  'conversation-tags:admin:save': {
    payload: conversationTagSaveSchema,
    result: z.object({ tag: managedConversationTagSchema }),
  },
  /** Admins: archives a tag or brings it back; audited; everyone hears `conversation-tags:changed`. */
  'conversation-tags:admin:archive': {
    payload: z.object({ id: idSchema, archived: z.boolean() }).strict(),
    result: z.object({ tag: managedConversationTagSchema }),
  },
  /** Admins: changes the tag settings (audited); everyone hears `conversation-tags:changed`. */
  'conversation-tags:admin:settings': {
    payload: conversationTagSettingsSchema.strict(),
    result: z.object({ settings: conversationTagSettingsSchema }),
  },
  /** An agent's reply: text, a file uploaded before (`attachmentIds`) with the text as its caption, or both. */
  'message:send': {
    payload: z
      .object({ conversationId: idSchema, clientId: z.string().uuid(), body: captionBodySchema, attachmentIds: attachmentIdsSchema })
      .strict()
      .refine(...notEmpty),
    result: z.object({ message: messageSchema, conversation: conversationSchema }),
  },
  /**
   * An internal note (agents only, never to the customer): a private note on a conversation the
   * user may read, or a supervisor's whisper to the agent on any open one. Mentioned colleagues
   * (agents and supervisors) hear `note:mention`.
   */
  'note:add': {
    payload: z
      .object({
        conversationId: idSchema,
        body: messageBodySchema,
        mentions: z.array(idSchema).max(20).optional(),
      })
      .strict(),
    result: z.object({ message: messageSchema, conversation: conversationSchema }),
  },
  /**
   * Supervisors and admins: reassigns a conversation to themselves (or to `toUserId`) at once.
   * The previous assignee loses it (`conversation:removed`) and hears `conversation:taken`.
   */
  'conversation:takeover': {
    payload: z
      .object({
        conversationId: idSchema,
        toUserId: idSchema.optional(),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Supervisors and admins: joins a conversation beside its agent; their replies reach the customer. */
  'conversation:join': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  /** Admins and supervisors: the account's audit log, newest first, one page at a time (`before`: the last id seen). */
  'audit:list': {
    payload: z
      .object({
        query: z.string().trim().max(200).optional(),
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    result: z.object({
      entries: z.array(auditEntrySchema),
      /** Pass as `before` for the next page; null when this was the last. */
      nextBefore: z.number().int().positive().nullable(),
    }),
  },
  /** Admins: the audit log (filtered like `audit:list`) as CSV; the export itself is audited. */
  'audit:export': {
    payload: z.object({ query: z.string().trim().max(200).optional() }).strict(),
    result: z.object({ filename: z.string(), csv: z.string() }),
  },
  /**
   * What this user is doing in a conversation they may read: viewing it, typing (with the text
   * so far as `preview`, relayed to supervisors and admins only) or gone. Others hear `activity:update`.
   */
  'activity:set': {
    payload: activityReportSchema,
    result: z.object({}),
  },
  /** Who is viewing or typing in a conversation now (previews for supervisors and admins only). */
  'activity:list': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ activity: z.array(activitySchema) }),
  },
  /** The account's sensitive words and masking setting (every user: the composer checks replies before they leave). */
  'sensitive:list': {
    payload: z.object({}).strict(),
    result: z.object({ words: z.array(sensitiveWordSchema), policy: replyMaskPolicySchema }),
  },
  /** Admins: changes the masking setting; audited (`settings.update`); everyone hears `sensitive:changed`. */
  'sensitive:policy': {
    payload: replyMaskPolicySchema,
    result: z.object({ policy: replyMaskPolicySchema }),
  },
  /** Admins: adds (no id) or changes an entry; audited; everyone hears `sensitive:changed`. */
  'sensitive:save': {
    payload: sensitiveWordInputSchema,
    result: z.object({ word: sensitiveWordSchema }),
  },
  /** Admins: removes an entry; audited. */
  'sensitive:delete': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Admins: every user of the account (deactivated too) and the skill groups. */
  'admin:team:get': {
    payload: z.object({}).strict(),
    result: teamViewSchema,
  },
  /**
   * Admins: changes a user's name, role, capacity, groups or whether they are active; audited
   * (`user.role_change`, `user.update`, `user.deactivate`, `user.reactivate`). The last active admin
   * cannot stop being one (`conflict`). A new role or a deactivation ends the user's connections.
   */
  'admin:user:save': {
    payload: userSaveSchema,
    result: z.object({ user: managedUserSchema }),
  },
  /** Admins: adds a user with the password they first sign in with; audited (`user.create`). */
  'admin:user:create': {
    payload: userCreateSchema,
    result: z.object({ user: managedUserSchema }),
  },
  /**
   * This user read a conversation up to message `seq` (its newest on their screen): the customer's
   * widget shows their messages up to there as read. Marks only move forward.
   */
  'conversation:read': {
    payload: z.object({ conversationId: idSchema, seq: z.number().int().nonnegative() }).strict(),
    result: z.object({}),
  },
  /** Admins: the account's routing timings and every skill group's capacity and business hours. */
  'admin:settings:get': {
    payload: z.object({}).strict(),
    result: routingSettingsViewSchema,
  },
  /** Admins: changes routing settings; audited (`settings.update`, before and after); routing and every desktop follow. */
  'admin:settings:save': {
    payload: settingsSaveSchema,
    result: routingSettingsViewSchema,
  },
  /** Admins: the account's SLA targets per ticket type and priority (type null: the default for a priority). */
  'tickets:admin:sla:list': {
    payload: z.object({}).strict(),
    result: z.object({ targets: z.array(slaTargetSchema) }),
  },
  /**
   * Admins: replaces the account's SLA targets (a target left out is removed); audited
   * (`ticket_sla.update`, before and after). Existing tickets keep their due times.
   */
  'tickets:admin:sla:save': {
    payload: slaTargetsSaveSchema,
    result: z.object({ targets: z.array(slaTargetSchema) }),
  },
  /**
   * Ticket figures over the tickets created in [from, to): supervisors and admins the account's,
   * department leads their departments', everyone else their own (assigned to them). Asking for a
   * department one does not belong to is `forbidden`. As CSV at GET /api/tickets/stats.csv.
   */
  'tickets:stats': {
    payload: ticketStatsQuerySchema,
    result: ticketStatsSchema,
  },
  // ---- reports (报表): see shared/reports.ts for the definitions; as CSV at GET /api/reports/export.csv?report=… ----
  /** Conversations started per channel kind, local hour and day; supervisors and admins the account's, agents their own. */
  'reports:volume': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.volume) },
  /** First response, handling and resolution times (median, p90). */
  'reports:times': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.times) },
  /** Queue wait (median, p90), answered, abandoned and left messages. */
  'reports:queue': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.queue) },
  /** Satisfaction: average, % satisfied (4–5) and answers, in all and per agent, group and channel. */
  'reports:csat': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.csat) },
  /** Conversations the bot resolved without a person and those it handed over. */
  'reports:bot': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.bot) },
  /** The customers' sentiment (as the bot scored their messages) per day. */
  'reports:sentiment': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.sentiment) },
  /** Conversation tags (reason, outcome) put on conversations, most used first. */
  'reports:tags': { payload: reportQuerySchema, result: reportAnswerSchema(reportFiguresSchemas.tags) },
  /** Admins: the weekly summary mail's settings, the time zone they are in and whether it can be sent (shared/weekly-report.ts). */
  'reports:weeklySettings:get': { payload: z.object({}).strict(), result: weeklyReportStatusSchema },
  /** Admins: changes the weekly summary mail's settings (audited). */
  'reports:weeklySettings:set': { payload: weeklyReportSettingsSaveSchema, result: weeklyReportStatusSchema },
  /** Admins: mails the last full week's summary to themselves now; `conflict` without an email channel, `mail_failed` when the mail server refuses. */
  'reports:weeklySend': { payload: z.object({}).strict(), result: weeklyReportTestResultSchema },
  /**
   * Supervisors and admins: what customers asked about over the last `days` days, as the latest
   * finished clustering run grouped it (topics largest first), and a newer run under way if any.
   * Anyone else is refused `forbidden`.
   */
  'topics:list': {
    payload: topicsListQuerySchema,
    result: topicsListSchema,
  },
  /**
   * Supervisors and admins: one topic with its run and the conversations its messages came from
   * (newest first, with those messages). `not_found` for a topic of another account or of a run
   * deleted since.
   */
  'topics:get': {
    payload: topicGetQuerySchema,
    result: topicDetailSchema,
  },
  /**
   * Supervisors and admins: what was said in one conversation of a topic (the last 200 lines, no
   * internal notes), to read it beside the topic even when the desktop does not hold it.
   * `not_found` when the conversation is not one of the topic's.
   */
  'topics:conversation': {
    payload: topicConversationQuerySchema,
    result: topicTranscriptSchema,
  },
  /** Supervisors and admins: queue a clustering run of the last `days` days now (or get the one already waiting). */
  'topics:run': {
    payload: topicsRunQuerySchema,
    result: topicsRunResultSchema,
  },
  /**
   * Up to three replies the AI provider suggests for a conversation the caller may read, grounded
   * in it and the knowledge base; shown in the composer, never sent by themselves. `conflict` when
   * the account has reply suggestions off; `ai_unavailable` when the provider failed.
   */
  'ai:suggest': {
    payload: aiSuggestRequestSchema,
    result: aiSuggestResultSchema,
  },
  /** Whether the composer offers reply suggestions (the team has a provider with them on). */
  'ai:status': {
    payload: z.object({}).strict(),
    result: aiStatusSchema,
  },
  // ---- tickets (工单) ----
  /** Ticket types, departments, and which departments the caller belongs to and leads. */
  'tickets:meta': {
    payload: z.object({}).strict(),
    result: z.object({
      types: z.array(ticketTypeSchema),
      departments: z.array(departmentSchema),
      myDepartmentIds: z.array(idSchema),
      leadOf: z.array(idSchema),
    }),
  },
  /** Tickets the caller may see, filtered and sorted, a page at a time. */
  'tickets:list': {
    payload: ticketListQuerySchema,
    result: z.object({ tickets: z.array(ticketSchema), nextCursor: z.string().nullable() }),
  },
  /** One ticket and its history (`forbidden` when the caller may not see it). */
  'tickets:get': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ ticket: ticketSchema, events: z.array(ticketEventSchema) }),
  },
  /** Opens a ticket (from a conversation the caller may work on, with its contact, order and an excerpt). */
  'tickets:create': {
    payload: ticketCreateSchema,
    result: z.object({ ticket: ticketSchema }),
  },
  /** Changes fields, status (along the allowed moves) or assignment; each change is in the history. */
  'tickets:update': {
    payload: ticketUpdateSchema,
    result: z.object({ ticket: ticketSchema }),
  },
  /** An internal comment (mentioned users hear `ticket:mention`) or a public reply sent to the customer on their channel. */
  'tickets:comment': {
    payload: ticketCommentSchema,
    result: z.object({ event: ticketEventSchema, ticket: ticketSchema }),
  },
  /** Assigns or moves many tickets at once; the ones the caller may not change are listed with the reason. */
  'tickets:bulk': {
    payload: ticketBulkSchema,
    result: z.object({ updated: z.number().int().nonnegative(), refused: z.array(z.object({ id: z.string(), code: z.string() })) }),
  },
  /** Supervisors and admins: removes a ticket (kept, hidden); audited. */
  'tickets:delete': {
    payload: z.object({ id: idSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Tickets and history lines the caller may see that changed after `after` (the account sequence), for the offline cache. */
  'tickets:changes': {
    payload: z.object({ after: z.number().int().nonnegative(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: z.object({ tickets: z.array(ticketSchema), events: z.array(ticketEventSchema), cursor: z.number().int().nonnegative() }),
  },
  /** Admins: creates (no id), renames or archives a department and sets its members and leads; audited. */
  'tickets:admin:departments:save': {
    payload: departmentSaveSchema,
    result: z.object({ department: departmentSchema }),
  },
  /** Admins: creates (no id) or changes a ticket type; audited. */
  'tickets:admin:types:save': {
    payload: ticketTypeSaveSchema,
    result: z.object({ type: ticketTypeSchema }),
  },
  /** Admins: the ticket settings; with `save`, changes them first (audited). */
  'tickets:admin:settings': {
    payload: z.object({ save: ticketSettingsSaveSchema.optional() }).strict(),
    result: z.object({ settings: ticketSettingsSchema }),
  },
  /** A conversation's satisfaction survey and answer (null: none sent), for whoever may read the conversation. */
  'csat:get': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ csat: csatViewSchema.nullable() }),
  },
  /** Admins: the satisfaction survey settings; with `save`, changes them first (audited). */
  'csat:admin:settings': {
    payload: z.object({ save: csatSettingsSaveSchema.optional() }).strict(),
    result: z.object({ settings: csatSettingsSchema }),
  },
} as const;
export type AgentRequestName = keyof typeof agentRequests;
export type AgentRequestPayload<K extends AgentRequestName> = z.input<(typeof agentRequests)[K]['payload']>;
export type AgentRequestResult<K extends AgentRequestName> = z.infer<(typeof agentRequests)[K]['result']>;

// ---- /agent namespace: server -> client pushes ------------------------------------------------

export const agentPushes = {
  'conversation:upsert': conversationSchema,
  'message:new': messageSchema,
  /** A conversation this user could see is no longer theirs to see (taken, transferred). */
  'conversation:removed': removedConversationSchema,
  /**
   * A change this user may not see happened at `seq`. Every agent socket hears of every sequence
   * number once (as content, a removal or a tick), so a missing number is a real gap to catch up.
   */
  'sync:tick': z.object({ seq: z.number().int().nonnegative() }),
  /** This agent's own presence and load, on connect and whenever they change. */
  'agent:state': agentStateSchema,
  // Pushes outside the sync stream (no sequence number):
  /** A reply's delivery on its platform channel moved on (sent, delivered, read, failed with the reason). */
  [MESSAGE_DELIVERY_PUSH]: messageDeliveryPushSchema,
  /** A customer's file was stored (or refused, or given up on): the thumbnail or file card can show it. */
  [MESSAGE_ATTACHMENT_PUSH]: messageAttachmentPushSchema,
  /** Someone mentioned this user in an internal note. */
  'note:mention': mentionNoticeSchema,
  /** A supervisor took over a conversation this user had (it also arrives as `conversation:removed`). */
  'conversation:taken': takenNoticeSchema,
  /** Someone's viewing/typing changed in a conversation this user may read. */
  'activity:update': activitySchema,
  /** Supervisors and admins: a colleague's presence or load changed (the live agent board). */
  'team:member': teamMemberSchema,
  /** Supervisors and admins: a message matched sensitive words. */
  'sensitive:alert': sensitiveAlertSchema,
  /** The customer is typing in a conversation this user may read (a flag, never the text); it lapses on its own. */
  'contact:typing': contactTypingSchema,
  /** Supervisors and admins: a customer has waited for a person longer than the escalation time (once per wait). */
  'queue:escalated': escalationAlertSchema,
  /** A ticket this user is assigned to or leads the department of will miss (warning) or missed (breach) an SLA target. */
  'ticket:sla': ticketSlaNoticeSchema,
  /** The sensitive word list changed: read `sensitive:list` again. */
  'sensitive:changed': z.object({}),
  /** The conversation tags or their settings changed: read `conversation-tags:list` again. */
  'conversation-tags:changed': z.object({}),
  /** Knowledge articles or quick replies were added, changed, disabled or removed: read `catalog:snapshot` again. */
  'catalog:changed': z.object({}),
  /** A customer this user may see changed (tags): masked as for `contacts:get`. */
  'contact:updated': contactSchema,
  /** A ticket this user may see changed (with the history line that changed it, if any). */
  'ticket:changed': z.object({ ticket: ticketSchema, event: ticketEventSchema.nullable() }),
  /** Someone mentioned this user in an internal comment of a ticket. */
  'ticket:mention': ticketMentionNoticeSchema,
} as const;
export type AgentPushName = keyof typeof agentPushes;
export type AgentPush<K extends AgentPushName> = z.infer<(typeof agentPushes)[K]>;


// ---- /visitor namespace -------------------------------------------------------------------------

/** Handshake auth for the visitor socket: the widget's channel and the token it was given. */
/** Why no person can be expected: nobody eligible is online (nor where it would overflow), or the group's hours are over. */
export const queueAvailabilitySchema = z.enum(['nobody_online', 'off_hours']);
export type QueueAvailability = z.infer<typeof queueAvailabilitySchema>;

/** What the customer is told about their place on the way to a person. */
export const queueStatusSchema = z.object({
  state: z.enum(['bot', 'queued', 'offered', 'assigned', 'pending', 'resolved']),
  /** 1 = next. Null when not waiting. */
  position: z.number().int().positive().nullable(),
  estimatedWaitSeconds: z.number().int().nonnegative().nullable(),
  agentName: z.string().nullable(),
  groupName: z.string().nullable(),
  /**
   * Set when no person can be expected now: there is no estimate then, and what the customer
   * writes is kept as a left message, answered here when someone is back.
   */
  availability: queueAvailabilitySchema.nullable().optional(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const visitorAuthSchema = z.object({
  channelId: idSchema.optional(),
  visitorToken: z.string().max(512).optional(),
  name: z.string().overwrite(displayNameForm).max(80).optional(),
  /**
   * A phone number and/or email the shop's site vouches for (the customer is signed in there):
   * `signature` is the hex HMAC-SHA256 of "<phone>\n<email>\n<expires>" (missing ones empty) with
   * the widget channel's identity secret; `expires` is in unix seconds, at most 24 h ahead.
   * Verified and not expired, it links the visitor to the contact with that phone or email on any
   * channel; otherwise it is ignored.
   */
  identity: z
    .object({
      phone: z.string().trim().max(40).optional(),
      email: z.string().trim().max(254).optional(),
      expires: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
      signature: z.string().trim().max(128),
    })
    .optional(),
});

export const visitorMessageSchema = z.object({
  id: idSchema,
  seq: z.number().int().nonnegative(),
  from: z.enum(['me', 'agent', 'bot', 'system']),
  senderName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  clientId: z.string().nullable(),
  /** Only on notices the system wrote: shown in the widget's language (shared/i18n/system-line-text.ts). */
  system: systemLineSchema.nullable().optional(),
  /** Only on the bot's messages that offer picks ("which one did you mean?"): shown as buttons; a click sends `reply`. */
  choices: z.array(z.object({ title: z.string().min(1), reply: z.string().min(1) })).max(10).optional(),
  /** On a satisfaction survey line read back with the history: the stars the customer gave (null: not answered yet). */
  surveyRating: csatRatingSchema.nullable().optional(),
  /** Only on messages that carry a file the server keeps: shown through a link from `visitor:file-url`. */
  file: visitorFileSchema.optional(),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

export const visitorRequests = {
  'visitor:history': {
    payload: z.object({}).strict(),
    result: z.object({
      messages: z.array(visitorMessageSchema),
      /** The customer's messages up to this sequence number were read by an agent (0: none yet). */
      readUpToSeq: z.number().int().nonnegative().optional(),
    }),
  },
  /** The customer is typing (true, said again every few seconds) or stopped (false). A flag, never the text. */
  'visitor:typing': {
    payload: z.object({ typing: z.boolean() }).strict(),
    result: z.object({}),
  },
  /** The page showed the conversation up to this sequence number to the customer (the page was visible). */
  'visitor:read': {
    payload: z.object({ upToSeq: z.number().int().nonnegative() }).strict(),
    result: z.object({}),
  },
  /** The customer's tickets that are not closed (number, subject, status), most recently changed first. */
  'visitor:tickets': {
    payload: z.object({}).strict(),
    result: z.object({ tickets: z.array(visitorTicketSchema) }),
  },
  /** The customer adds information to one of their tickets: it joins the ticket's history; one waiting on them is open again. */
  'visitor:ticket:add': {
    payload: visitorTicketAddSchema,
    result: z.object({ ticket: visitorTicketSchema }),
  },
  /** The customer's answer to the satisfaction survey shown under a survey line (stars and a comment); the latest counts. */
  'visitor:csat': {
    payload: visitorCsatAnswerSchema,
    result: z.object({ status: z.enum(['stored', 'changed', 'unchanged']) }),
  },
  /** The customer's message: text, a file they uploaded (`attachmentIds`) with the text as its caption, or both. */
  'visitor:send': {
    payload: z
      .object({
        clientId: z.string().uuid(),
        body: captionBodySchema,
        attachmentIds: attachmentIdsSchema,
        /** The skill group picked in the widget's menu, for the first message of a conversation. */
        groupId: idSchema.optional(),
      })
      .strict()
      .refine(...notEmpty),
    result: z.object({ message: visitorMessageSchema }),
  },
  /** A short-lived link to a file of the customer's conversation (theirs or an agent's), to show or download it. */
  'visitor:file-url': {
    payload: attachmentUrlRequestSchema,
    result: z.object({ url: z.string().startsWith('/api/visitor-files/'), expiresAt: z.string() }),
  },
} as const;
export type VisitorRequestName = keyof typeof visitorRequests;

export const visitorPushes = {
  /** Sent once after connect: who the visitor is, and the token to keep in localStorage. */
  'visitor:session': z.object({
    visitorToken: z.string(),
    contactId: idSchema,
    name: z.string(),
    /** The menu of skill groups the customer may pick from (empty: no menu). */
    groups: z.array(skillGroupSchema),
  }),
  /** Where the customer stands: queue position and estimated wait, updated live as the queue moves. */
  'queue:update': queueStatusSchema,
  'message:new': visitorMessageSchema,
  /** An agent is typing a reply (true, said again every few seconds) or stopped (false). */
  'agent:typing': z.object({ typing: z.boolean() }),
  /** An agent read the customer's messages up to this sequence number. */
  'message:read': z.object({ upToSeq: z.number().int().nonnegative() }),
} as const;
