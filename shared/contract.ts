import { z } from 'zod';
import { appErrorSchema } from './errors';
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

/** A message as the workstation shows it: the stored message plus how its delivery is going. */
export const threadMessageSchema = messageSchema.extend({
  delivery: deliveryStatusSchema,
  error: appErrorSchema.nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

/**
 * A conversation as the inbox shows it. `access` is `lost` for a conversation that is no longer
 * this agent's but is kept because it holds their unsent text (a draft with a reason).
 */
export const inboxConversationSchema = conversationSchema.extend({
  access: z.enum(['full', 'lost']),
});
export type InboxConversation = z.infer<typeof inboxConversationSchema>;

/** The composer's text for one conversation, saved as the agent types. */
export const draftSchema = z.object({
  conversationId: idSchema,
  body: z.string(),
  updatedAt: z.string(),
  /** Why text came back to the composer (a reply that could not be sent), or null. */
  reason: appErrorSchema.nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

const empty = z.object({}).strict();
const clientIdArgs = z.object({ clientId: z.string().uuid() }).strict();

export const contractMethods = {
  'session.get': { args: empty, result: sessionStateSchema },
  'session.login': {
    args: z
      .object({
        serverUrl: z.string().trim().url().max(2048),
        email: z.string().trim().max(254),
        password: z.string().max(1024),
      })
      .strict(),
    result: sessionStateSchema,
  },
  'session.logout': { args: empty, result: sessionStateSchema },
  'connection.get': { args: empty, result: connectionStateSchema },
  'conversations.list': { args: empty, result: z.array(inboxConversationSchema) },
  'conversations.resolve': {
    args: z.object({ conversationId: idSchema }).strict(),
    result: inboxConversationSchema,
  },
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
  /** Knowledge articles from the local cache: available offline. */
  'kb.list': { args: empty, result: z.array(kbArticleSchema) },
  /** The team's and the agent's own quick replies from the local cache. */
  'templates.list': { args: empty, result: z.array(templateSchema) },
  'drafts.get': { args: z.object({ conversationId: idSchema }).strict(), result: draftSchema.nullable() },
  /** Saves the composer's text; an empty body deletes the draft. */
  'drafts.save': {
    args: z.object({ conversationId: idSchema, body: z.string().max(100_000) }).strict(),
    result: draftSchema.nullable(),
  },
} as const;

export const contractEvents = {
  'session.changed': sessionStateSchema,
  'connection.changed': connectionStateSchema,
  'conversation.updated': inboxConversationSchema,
  /** Many conversations changed at once (first sync, a reset): read conversations.list again. */
  'inbox.reloaded': z.object({}),
  /** The conversation left this agent's inbox (taken by someone else, or the cache was reset). */
  'conversation.removed': z.object({ conversationId: idSchema }),
  'message.updated': threadMessageSchema,
  /** An outbox entry left the thread without being sent (discarded, or returned to the draft). */
  'message.removed': z.object({ conversationId: idSchema, clientId: z.string() }),
  'contact.updated': contactSchema,
  'presence.changed': agentStateSchema,
  /** Knowledge articles or quick replies changed: read kb.list / templates.list again. */
  'catalog.updated': z.object({}),
  'draft.updated': z.object({ conversationId: idSchema, draft: draftSchema.nullable() }),
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
