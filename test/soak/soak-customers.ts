import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { VISITOR_NAMESPACE, type QueueStatus, type VisitorMessage } from '../../shared/protocol';
import type { Result } from '../../shared/errors';
import { unavailableNotice } from '../../server/domain/routing/unavailable-notice';
import { GOODBYE } from './soak-agent';
import { nextLook, retryAfter } from './soak-pacing';

/** What one customer did and saw, for the report. */
export type CustomerRecord = {
  index: number;
  channel: 'widget' | 'api';
  /** The ids the server gave the customer's messages (once stored), by the customer's own id. */
  stored: Map<string, string>;
  /** When each of the customer's messages was stored (ms since the epoch), by the customer's own id. */
  storedAt: Map<string, number>;
  /** When the customer first saw a person's answer to their question. */
  answeredAt: number | null;
  /** The customer's own ids (widget client ids, API message ids), in the order written. */
  sent: string[];
  /** Agent replies received: message id → times received. */
  replies: Map<string, number>;
  /** Whether the customer was told that nobody can answer now (and that their message is kept). */
  toldNobodyAvailable: boolean;
  /** Whether the customer got an answer to their question from a person. */
  answered: boolean;
  done: boolean;
  /** Sends that failed and were tried again (server down, restart). */
  retries: number;
};

export const script = (index: number) => ['转人工', `订单 c${index} 还没到，帮我查一下`, `好的，谢谢 ${GOODBYE} c${index}`];

const newRecord = (index: number, channel: 'widget' | 'api'): CustomerRecord => ({
  index, channel, stored: new Map(), storedAt: new Map(), answeredAt: null, sent: [], replies: new Map(), toldNobodyAvailable: false, answered: false, done: false, retries: 0,
});

/** An agent's reply names the customer message it answers (see SoakAgent). */
const answers = (replyBody: string, messageId: string | undefined) => messageId !== undefined && replyBody.endsWith(`#${messageId}`);

/**
 * Whether a queue status tells the customer honestly that nobody can take the chat now: the
 * server says so in `availability` (and then offers to leave a message).
 */
export function statusSaysNobodyAvailable(status: QueueStatus): boolean {
  const availability = (status as { availability?: string | null }).availability;
  return availability === 'nobody_online' || availability === 'off_hours';
}

/** The reply a platform customer gets when nobody can answer (in either language). */
const UNAVAILABLE = new Set([unavailableNotice('zh'), unavailableNotice('en')]);


/**
 * A customer on the web widget over the visitor socket, as the widget behaves: keeps its token,
 * reconnects by itself after any disconnect (a server restart included), sends what it wrote in
 * order with client ids until each is acknowledged, and catches up on history after reconnect.
 */
export class WidgetCustomer {
  readonly record: CustomerRecord;
  private socket: Socket | null = null;
  private token: string | undefined;
  private closed = false;
  private readonly lines: string[];
  private readonly clientIds: string[];
  private next = 0;

  constructor(private readonly url: () => string, index: number) {
    this.record = newRecord(index, 'widget');
    this.lines = script(index);
    this.clientIds = this.lines.map(() => randomUUID());
  }

  async run(until: () => boolean): Promise<void> {
    void this.connect();
    while (!this.closed && !until()) {
      await this.step();
      if (this.record.done) break;
      await nextLook();
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  /** Writes the next line when the one before it is answered (the first two go together). */
  private async step(): Promise<void> {
    if (this.next < 2 || (this.next === 2 && this.repliedTo(1))) {
      await this.send(this.next);
      return;
    }
    if (this.repliedTo(1) && !this.record.answered) {
      this.record.answered = true;
      this.record.answeredAt = Date.now();
    }
    if (this.next === 3 && this.repliedTo(2)) this.record.done = true;
  }

  private repliedTo(line: number): boolean {
    const id = this.record.stored.get(this.clientIds[line]!);
    return [...this.received.values()].some((m) => m.from === 'agent' && answers(m.body, id));
  }

  private readonly received = new Map<string, VisitorMessage>();

  private onMessage(m: VisitorMessage, fromHistory: boolean): void {
    if (m.from === 'agent' && !fromHistory) this.record.replies.set(m.id, (this.record.replies.get(m.id) ?? 0) + 1);
    if (m.from === 'agent' && fromHistory && !this.record.replies.has(m.id)) this.record.replies.set(m.id, 1);
    this.received.set(m.id, m);
  }

  private async send(line: number): Promise<void> {
    const clientId = this.clientIds[line]!;
    if (!this.record.sent.includes(clientId)) this.record.sent.push(clientId);
    const socket = this.socket;
    if (!socket?.connected) return;
    try {
      const result = (await socket.timeout(10_000).emitWithAck('visitor:send', { clientId, body: this.lines[line] })) as Result<{ message: VisitorMessage }>;
      if (!result.ok) throw new Error(result.error.code);
      this.record.stored.set(clientId, result.data.message.id);
      this.record.storedAt.set(clientId, Date.now());
      this.next = line + 1;
    } catch {
      this.record.retries += 1;
    }
  }

  private async connect(): Promise<void> {
    for (let failures = 0; !this.closed; failures += 1) {
      const socket = io(`${this.url()}${VISITOR_NAMESPACE}`, {
        auth: this.token ? { visitorToken: this.token } : {}, transports: ['websocket'], reconnection: false, forceNew: true,
      });
      socket.on('message:new', (m: VisitorMessage) => this.onMessage(m, false));
      socket.on('queue:update', (s: QueueStatus) => {
        if (statusSaysNobodyAvailable(s)) this.record.toldNobodyAvailable = true;
      });
      const ok = await new Promise<boolean>((resolve) => {
        socket.once('visitor:session', (s: { visitorToken: string }) => {
          this.token = s.visitorToken;
          resolve(true);
        });
        socket.once('connect_error', () => resolve(false));
      });
      if (!ok) {
        socket.close();
        await retryAfter(failures);
        continue;
      }
      this.socket = socket;
      socket.once('disconnect', () => {
        if (this.socket === socket) this.socket = null;
        if (!this.closed) void this.connect();
      });
      // Caught up: whatever was said while away.
      try {
        const history = (await socket.timeout(10_000).emitWithAck('visitor:history', {})) as Result<{ messages: VisitorMessage[] }>;
        if (history.ok) for (const m of history.data.messages) if (!this.received.has(m.id)) this.onMessage(m, true);
      } catch {
        // The next reconnect catches up.
      }
      return;
    }
  }
}

/** Replies the shop's app received for API-channel customers, by the app's customer id. */
export type ApiInbox = Map<string, { id: string; text: string; senderType: string }[]>;

/**
 * A customer of the shop's own app on the API channel: each message POSTed with the app's id
 * until the server takes it (again after a failure, as the app would); replies arrive at the app's
 * webhook (ApiInbox).
 */
export class ApiCustomer {
  readonly record: CustomerRecord;
  private readonly lines: string[];
  private readonly ids: string[];
  private next = 0;
  private closed = false;
  /** Sends that failed in a row (the server restarting). */
  private failures = 0;

  constructor(
    private readonly url: () => string,
    private readonly channel: { id: string; token: string },
    private readonly inbox: ApiInbox,
    index: number,
  ) {
    this.record = newRecord(index, 'api');
    this.lines = script(index);
    this.ids = this.lines.map(() => `soak-${index}-${randomUUID()}`);
  }

  get contactKey(): string {
    return `soak-customer-${this.record.index}`;
  }

  close(): void {
    this.closed = true;
  }

  async run(until: () => boolean): Promise<void> {
    while (!this.closed && !until()) {
      const received = this.inbox.get(this.contactKey) ?? [];
      if (received.some((m) => m.senderType === 'system' && UNAVAILABLE.has(m.text))) this.record.toldNobodyAvailable = true;
      if (this.next < 2 || (this.next === 2 && this.repliedTo(1, received))) await this.send(this.next);
      else {
        if (this.repliedTo(1, received) && !this.record.answered) {
          this.record.answered = true;
          this.record.answeredAt = Date.now();
        }
        if (this.next === 3 && this.repliedTo(2, received)) {
          this.record.done = true;
          break;
        }
        await nextLook();
      }
    }
  }

  private repliedTo(line: number, received: { text: string; senderType: string }[]): boolean {
    const id = this.record.stored.get(this.ids[line]!);
    return received.some((m) => m.senderType === 'agent' && answers(m.text, id));
  }

  private async send(line: number): Promise<void> {
    const id = this.ids[line]!;
    if (!this.record.sent.includes(id)) this.record.sent.push(id);
    try {
      const response = await fetch(`${this.url()}/api/channels/${this.channel.id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.channel.token}` },
        body: JSON.stringify({ id, contact: { id: this.contactKey, name: `Soak customer ${this.record.index}` }, text: this.lines[line] }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status !== 200 && response.status !== 201) throw new Error(`HTTP ${response.status}`);
      const stored = (await response.json()) as { messageId: string };
      this.record.stored.set(id, stored.messageId);
      this.record.storedAt.set(id, Date.now());
      this.failures = 0;
      this.next = line + 1;
    } catch {
      await retryAfter(this.failures);
      this.failures += 1;
      this.record.retries += 1;
    }
  }
}
