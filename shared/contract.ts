import { z } from 'zod';
import { appErrorSchema } from './errors';
import { conversationSchema, idSchema, messageBodySchema, messageSchema, userSchema } from './domain';

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

export const deliveryStatusSchema = z.enum(['sending', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** A message as the workstation shows it: the stored message plus how its delivery is going. */
export const threadMessageSchema = messageSchema.extend({
  delivery: deliveryStatusSchema,
  error: appErrorSchema.nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

const empty = z.object({}).strict();

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
  'conversations.list': { args: empty, result: z.array(conversationSchema) },
  'messages.list': {
    args: z.object({ conversationId: idSchema }).strict(),
    result: z.array(threadMessageSchema),
  },
  'outbox.send': {
    args: z.object({ conversationId: idSchema, body: messageBodySchema }).strict(),
    result: threadMessageSchema,
  },
} as const;

export const contractEvents = {
  'session.changed': sessionStateSchema,
  'connection.changed': connectionStateSchema,
  'conversation.updated': conversationSchema,
  'message.updated': threadMessageSchema,
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
