import { io, type Socket } from 'socket.io-client';
import { resultSchema } from '../../../shared/errors';
import {
  VISITOR_NAMESPACE,
  visitorPushes,
  visitorRequests,
  type QueueStatus,
  type visitorAuthSchema,
  type VisitorMessage,
} from '../../../shared/protocol';
import type { ConnectionState } from './status-line';

// The protocol's types, read off its schemas (the page imports no zod of its own).
type Parsed<Schema extends { parse(input: unknown): unknown }> = ReturnType<Schema['parse']>;
type Session = Parsed<(typeof visitorPushes)['visitor:session']>;
type HistoryPayload = Parsed<(typeof visitorRequests)['visitor:history']['payload']>;
export type SendPayload = Parsed<(typeof visitorRequests)['visitor:send']['payload']>;
type VisitorAuth = Parsed<typeof visitorAuthSchema>;

// Pushes arrive as unknown and are parsed against the protocol's schemas before use.
interface ServerEvents {
  'visitor:session': (payload: unknown) => void;
  'message:new': (payload: unknown) => void;
  'queue:update': (payload: unknown) => void;
}
interface ClientEvents {
  'visitor:history': (payload: HistoryPayload, ack: (result: unknown) => void) => void;
  'visitor:send': (payload: SendPayload, ack: (result: unknown) => void) => void;
}

const historyResult = resultSchema(visitorRequests['visitor:history'].result);
const sendResult = resultSchema(visitorRequests['visitor:send'].result);

/** How long a sent message waits for the server's ack before it shows as not sent. */
const SEND_TIMEOUT_MS = 15_000;

export interface ConnectionEvents {
  session(session: Session): void;
  message(message: VisitorMessage): void;
  queue(status: QueueStatus): void;
  state(state: ConnectionState): void;
}

/** Where the page was opened: the widget channel and, for a signed-in shop customer, the identity the shop signed. */
export type PageIdentity = { channelId: string | undefined; identity: VisitorAuth['identity'] };

/** Reads the channel and the shop-signed identity from the page's query string (see README). */
export function pageIdentity(params: URLSearchParams): PageIdentity {
  const signature = params.get('signature');
  const phone = params.get('phone');
  const email = params.get('email');
  return {
    channelId: params.get('channel') || undefined,
    identity: signature ? { signature, ...(phone ? { phone } : {}), ...(email ? { email } : {}) } : undefined,
  };
}

function warnInvalid(what: string, error: unknown): void {
  console.warn(`Ignored a ${what} the chat could not read`, error);
}

/** The visitor's socket to the server: connects, reconnects and turns pushes into typed events. */
export class VisitorConnection {
  private readonly socket: Socket<ServerEvents, ClientEvents>;

  constructor(page: PageIdentity, savedToken: () => string | undefined, events: ConnectionEvents) {
    this.socket = io(VISITOR_NAMESPACE, {
      // A function, so every reconnect presents the token saved most recently.
      auth: (cb) => {
        const auth: VisitorAuth = {};
        const token = savedToken();
        if (token) auth.visitorToken = token;
        if (page.channelId) auth.channelId = page.channelId;
        if (page.identity) auth.identity = page.identity;
        cb(auth);
      },
    });
    const socket = this.socket;
    socket.on('visitor:session', (payload) => {
      const parsed = visitorPushes['visitor:session'].safeParse(payload);
      if (parsed.success) events.session(parsed.data);
      else warnInvalid('session', parsed.error);
    });
    socket.on('message:new', (payload) => {
      const parsed = visitorPushes['message:new'].safeParse(payload);
      if (parsed.success) events.message(parsed.data);
      else warnInvalid('message', parsed.error);
    });
    socket.on('queue:update', (payload) => {
      const parsed = visitorPushes['queue:update'].safeParse(payload);
      if (parsed.success) events.queue(parsed.data);
      else warnInvalid('queue status', parsed.error);
    });
    socket.on('disconnect', (reason) => events.state(reason === 'io client disconnect' ? 'connecting' : 'reconnecting'));
    socket.io.on('reconnect_attempt', () => events.state('reconnecting'));
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      if (err.data?.code === 'not_found') events.state('unavailable');
      else events.state(socket.active ? 'reconnecting' : 'unavailable');
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** The conversation so far; null when the server could not answer. */
  history(done: (messages: VisitorMessage[] | null) => void): void {
    this.socket.emit('visitor:history', {}, (result) => {
      const parsed = historyResult.safeParse(result);
      done(parsed.success && parsed.data.ok ? parsed.data.data.messages : null);
    });
  }

  /** Sends one message; `done` gets the stored message, or null when it was not (yet) stored. */
  send(payload: SendPayload, done: (stored: VisitorMessage | null) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:send', payload, (err, result) => {
      const parsed = err ? null : sendResult.safeParse(result);
      done(parsed?.success && parsed.data.ok ? parsed.data.data.message : null);
    });
  }
}
