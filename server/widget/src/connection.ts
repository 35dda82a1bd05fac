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
import type { VisitorTicket } from '../../../shared/tickets-customer';
import { Reconnector, type PageTimers } from './reconnect';
import type { ConnectionState } from './status-line';

// The protocol's types, read off its schemas (the page imports no zod of its own).
type Parsed<Schema extends { parse(input: unknown): unknown }> = ReturnType<Schema['parse']>;
type Session = Parsed<(typeof visitorPushes)['visitor:session']>;
type HistoryPayload = Parsed<(typeof visitorRequests)['visitor:history']['payload']>;
type History = Parsed<(typeof visitorRequests)['visitor:history']['result']>;
export type SendPayload = Parsed<(typeof visitorRequests)['visitor:send']['payload']>;
type VisitorAuth = Parsed<typeof visitorAuthSchema>;
export type CsatPayload = Parsed<(typeof visitorRequests)['visitor:csat']['payload']>;

// Pushes arrive as unknown and are parsed against the protocol's schemas before use.
interface ServerEvents {
  'visitor:session': (payload: unknown) => void;
  'message:new': (payload: unknown) => void;
  'queue:update': (payload: unknown) => void;
  'agent:typing': (payload: unknown) => void;
  'message:read': (payload: unknown) => void;
}
interface ClientEvents {
  'visitor:history': (payload: HistoryPayload, ack: (result: unknown) => void) => void;
  'visitor:send': (payload: SendPayload, ack: (result: unknown) => void) => void;
  'visitor:typing': (payload: { typing: boolean }, ack: (result: unknown) => void) => void;
  'visitor:read': (payload: { upToSeq: number }, ack: (result: unknown) => void) => void;
  'visitor:tickets': (payload: Record<string, never>, ack: (result: unknown) => void) => void;
  'visitor:ticket:add': (payload: { number: number; body: string }, ack: (result: unknown) => void) => void;
  'visitor:csat': (payload: CsatPayload, ack: (result: unknown) => void) => void;
  'visitor:file-url': (payload: { fileId: string }, ack: (result: unknown) => void) => void;
}

const historyResult = resultSchema(visitorRequests['visitor:history'].result);
const sendResult = resultSchema(visitorRequests['visitor:send'].result);
const ticketsResult = resultSchema(visitorRequests['visitor:tickets'].result);
const ticketAddResult = resultSchema(visitorRequests['visitor:ticket:add'].result);
const csatResult = resultSchema(visitorRequests['visitor:csat'].result);
const fileUrlResult = resultSchema(visitorRequests['visitor:file-url'].result);

/** How long a sent message waits for the server's ack before it shows as not sent. */
const SEND_TIMEOUT_MS = 15_000;

export interface ConnectionEvents {
  session(session: Session): void;
  message(message: VisitorMessage): void;
  queue(status: QueueStatus): void;
  state(state: ConnectionState): void;
  /** An agent started or stopped typing a reply. */
  agentTyping(typing: boolean): void;
  /** An agent read the customer's messages up to this sequence number. */
  read(upToSeq: number): void;
}

/** What the connection needs from the page besides the socket: timers, and the browser's online and visibility signals. */
export type ConnectionEnvironment = {
  timers: PageTimers;
  /** Calls `wake` when the network comes back or the page is shown again (after a laptop slept). */
  onWake(wake: () => void): void;
};

/** Where the page was opened: the widget channel and, for a signed-in shop customer, the identity the shop signed. */
export type PageIdentity = { channelId: string | undefined; identity: VisitorAuth['identity'] };

/** Reads the channel and the shop-signed identity from the page's query string (see README). */
export function pageIdentity(params: URLSearchParams): PageIdentity {
  const signature = params.get('signature');
  const phone = params.get('phone');
  const email = params.get('email');
  const expires = /^\d{1,15}$/.test(params.get('expires') ?? '') ? Number(params.get('expires')) : undefined;
  return {
    channelId: params.get('channel') || undefined,
    identity: signature
      ? { signature, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(expires !== undefined ? { expires } : {}) }
      : undefined,
  };
}

function warnInvalid(what: string, error: unknown): void {
  console.warn(`Ignored a ${what} the chat could not read`, error);
}

/**
 * The visitor's socket to the server: connects, reconnects by itself (after a server restart, a
 * network loss or a sleeping laptop, see Reconnector) and turns pushes into typed events.
 */
export class VisitorConnection {
  private readonly socket: Socket<ServerEvents, ClientEvents>;
  private readonly reconnector: Reconnector;

  constructor(page: PageIdentity, savedToken: () => string | undefined, events: ConnectionEvents, env: ConnectionEnvironment) {
    this.socket = io(VISITOR_NAMESPACE, {
      // The page plans its own retries (Reconnector): socket.io's would stop at a server's goodbye.
      reconnection: false,
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
    /** Every push is parsed against the protocol's schema before the page sees it. */
    const listen = <K extends keyof ServerEvents & keyof typeof visitorPushes>(
      name: K,
      what: string,
      handle: (payload: Parsed<(typeof visitorPushes)[K]>) => void,
    ) => {
      // One push's schema and listener, typed by name (TypeScript cannot narrow the map's union here).
      type Outcome = { success: true; data: Parsed<(typeof visitorPushes)[K]> } | { success: false; error: unknown };
      const schema = visitorPushes[name] as { safeParse(input: unknown): Outcome };
      (socket.on as (event: string, listener: (payload: unknown) => void) => void)(name, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) handle(parsed.data);
        else warnInvalid(what, parsed.error);
      });
    };
    listen('visitor:session', 'session', (session) => events.session(session));
    listen('message:new', 'message', (message) => events.message(message));
    listen('queue:update', 'queue status', (status) => events.queue(status));
    listen('agent:typing', 'typing flag', ({ typing }) => events.agentTyping(typing));
    listen('message:read', 'read mark', ({ upToSeq }) => events.read(upToSeq));
    this.reconnector = new Reconnector({ connect: () => socket.connect(), connected: () => socket.connected, timers: env.timers });
    socket.on('connect', () => this.reconnector.succeeded());
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') {
        events.state('connecting');
        return;
      }
      events.state('reconnecting');
      this.reconnector.failed();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      if (err.data?.code === 'not_found') {
        this.reconnector.stop();
        events.state('unavailable');
        return;
      }
      events.state(err.data?.code === 'rate_limited' ? 'busy' : 'reconnecting');
      this.reconnector.failed();
    });
    env.onWake(() => this.reconnector.wake());
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** The conversation so far and how far an agent read it; null when the server could not answer. */
  history(done: (history: History | null) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:history', {}, (err, result) => {
      const parsed = err ? null : historyResult.safeParse(result);
      done(parsed?.success && parsed.data.ok ? parsed.data.data : null);
    });
  }

  /** Tells the agents the customer is typing (said again while typing) or stopped; best effort. */
  typing(typing: boolean): void {
    if (this.socket.connected) this.socket.emit('visitor:typing', { typing }, () => undefined);
  }

  /** Tells the agents the customer has seen the conversation up to this sequence number; best effort. */
  read(upToSeq: number): void {
    if (this.socket.connected) this.socket.emit('visitor:read', { upToSeq }, () => undefined);
  }

  /** The customer's open tickets; null when the server could not answer. */
  tickets(done: (tickets: VisitorTicket[] | null) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:tickets', {}, (err, result) => {
      const parsed = err ? null : ticketsResult.safeParse(result);
      done(parsed?.success && parsed.data.ok ? parsed.data.data.tickets : null);
    });
  }

  /** Adds information to one of the customer's tickets; `done` gets the ticket as it is now, or null when it was not added. */
  addToTicket(number: number, body: string, done: (ticket: VisitorTicket | null) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:ticket:add', { number, body }, (err, result) => {
      const parsed = err ? null : ticketAddResult.safeParse(result);
      done(parsed?.success && parsed.data.ok ? parsed.data.data.ticket : null);
    });
  }

  /** Answers a satisfaction survey; `done` gets true when the answer was stored (or was already), else the error code when there is one. */
  answerSurvey(payload: CsatPayload, done: (ok: boolean, errorCode?: string) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:csat', payload, (err, result) => {
      const parsed = err ? null : csatResult.safeParse(result);
      if (parsed?.success && parsed.data.ok) done(true);
      else done(false, parsed?.success && !parsed.data.ok ? parsed.data.error.code : undefined);
    });
  }

  /** A short-lived link to a file of the customer's conversation (absolute), or null when the server gives none. */
  fileUrl(fileId: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:file-url', { fileId }, (err, result) => {
        const parsed = err ? null : fileUrlResult.safeParse(result);
        resolve(parsed?.success && parsed.data.ok ? new URL(parsed.data.data.url, location.origin).toString() : null);
      });
    });
  }

  /**
   * Sends one message; `done` gets the stored message, or null and the server's error code (none
   * when it did not answer) when it was not (yet) stored.
   */
  send(payload: SendPayload, done: (stored: VisitorMessage | null, errorCode?: string) => void): void {
    this.socket.timeout(SEND_TIMEOUT_MS).emit('visitor:send', payload, (err, result) => {
      const parsed = err ? null : sendResult.safeParse(result);
      if (parsed?.success && parsed.data.ok) done(parsed.data.data.message);
      else done(null, parsed?.success && !parsed.data.ok ? parsed.data.error.code : undefined);
    });
  }
}
