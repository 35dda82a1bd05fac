import { z } from 'zod';
import {
  agentStateSchema,
  presenceSchema,
  skillGroupSchema,
  teamMemberSchema,
  contactSchema,
  conversationSchema,
  idSchema,
  kbArticleSchema,
  messageBodySchema,
  messageSchema,
  templateSchema,
  userSchema,
} from './domain';

/**
 * The socket.io protocol between the server and its clients. Every payload sent by a client is
 * validated against these schemas on the server; every ack is a `Result` envelope.
 */

export const AGENT_NAMESPACE = '/agent';
export const VISITOR_NAMESPACE = '/visitor';

// ---- HTTP auth -------------------------------------------------------------------------------

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(512) });

export const authTokensSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  user: userSchema,
});
export type AuthTokens = z.infer<typeof authTokensSchema>;

// ---- audit log -------------------------------------------------------------------------------------

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
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

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
      removed: z.array(z.object({ conversationId: idSchema, seq: z.number().int().nonnegative() })),
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
  /** The knowledge articles and quick replies this user works with, whole (they are small). */
  'catalog:snapshot': {
    payload: z.object({}).strict(),
    result: z.object({ articles: z.array(kbArticleSchema), templates: z.array(templateSchema) }),
  },
  /** Sets the agent's presence; going online (or gaining capacity) drains the queue at once. */
  'presence:set': {
    payload: z.object({ presence: presenceSchema }).strict(),
    result: z.object({ state: agentStateSchema }),
  },
  /** Colleagues (with presence and load) and skill groups, for transfers and the team board. */
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
  /** Marks a conversation resolved (agents: their own or unassigned; supervisors and admins: any). */
  'conversation:resolve': {
    payload: z.object({ conversationId: idSchema }).strict(),
    result: z.object({ conversation: conversationSchema }),
  },
  'message:send': {
    payload: z
      .object({
        conversationId: idSchema,
        clientId: z.string().uuid(),
        body: messageBodySchema,
      })
      .strict(),
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
  /** Admins: the account's audit log, newest first, one page at a time (`before`: the last id seen). */
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
} as const;
export type AgentRequestName = keyof typeof agentRequests;
export type AgentRequestPayload<K extends AgentRequestName> = z.input<(typeof agentRequests)[K]['payload']>;
export type AgentRequestResult<K extends AgentRequestName> = z.infer<(typeof agentRequests)[K]['result']>;

// ---- /agent namespace: server -> client pushes ------------------------------------------------

export const agentPushes = {
  'conversation:upsert': conversationSchema,
  'message:new': messageSchema,
  /** A conversation this user could see is no longer theirs to see (taken, transferred). */
  'conversation:removed': z.object({ conversationId: idSchema, seq: z.number().int().nonnegative() }),
  /**
   * A change this user may not see happened at `seq`. Every agent socket hears of every sequence
   * number once (as content, a removal or a tick), so a missing number is a real gap to catch up.
   */
  'sync:tick': z.object({ seq: z.number().int().nonnegative() }),
  /** This agent's own presence and load, on connect and whenever they change. */
  'agent:state': agentStateSchema,
} as const;
export type AgentPushName = keyof typeof agentPushes;
export type AgentPush<K extends AgentPushName> = z.infer<(typeof agentPushes)[K]>;

/**
 * Supervision pushes on the /agent namespace. Kept apart from `agentPushes` (whose handlers a
 * client must all provide) so a client opts in to them. Neither carries a sequence number.
 */
export const supervisionPushes = {
  /** Someone mentioned this user in an internal note. */
  'note:mention': z.object({ conversationId: idSchema, messageId: idSchema, byName: z.string(), excerpt: z.string() }),
  /** A supervisor took over a conversation this user had (it also arrives as `conversation:removed`). */
  'conversation:taken': z.object({ conversationId: idSchema, byName: z.string(), reason: z.string() }),
} as const;
export type SupervisionPushName = keyof typeof supervisionPushes;
export type SupervisionPush<K extends SupervisionPushName> = z.infer<(typeof supervisionPushes)[K]>;

// ---- /visitor namespace -------------------------------------------------------------------------

/** Handshake auth for the visitor socket: the widget's channel and the token it was given. */
/** What the customer is told about their place on the way to a person. */
export const queueStatusSchema = z.object({
  state: z.enum(['bot', 'queued', 'offered', 'assigned', 'pending', 'resolved']),
  /** 1 = next. Null when not waiting. */
  position: z.number().int().positive().nullable(),
  estimatedWaitSeconds: z.number().int().nonnegative().nullable(),
  agentName: z.string().nullable(),
  groupName: z.string().nullable(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const visitorAuthSchema = z.object({
  channelId: idSchema.optional(),
  visitorToken: z.string().max(512).optional(),
  name: z.string().trim().max(80).optional(),
});

export const visitorMessageSchema = z.object({
  id: idSchema,
  seq: z.number().int().nonnegative(),
  from: z.enum(['me', 'agent', 'bot', 'system']),
  senderName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  clientId: z.string().nullable(),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

export const visitorRequests = {
  'visitor:history': {
    payload: z.object({}).strict(),
    result: z.object({ messages: z.array(visitorMessageSchema) }),
  },
  'visitor:send': {
    payload: z
      .object({
        clientId: z.string().uuid(),
        body: messageBodySchema,
        /** The skill group picked in the widget's menu, for the first message of a conversation. */
        groupId: idSchema.optional(),
      })
      .strict(),
    result: z.object({ message: visitorMessageSchema }),
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
} as const;
