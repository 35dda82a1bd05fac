import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type AuthTokens } from '../../shared/protocol';
import type { Conversation, Message } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { retryAfter } from './soak-pacing';

/** Marks the last message of a customer's script: once it is answered, the agent resolves the chat. */
export const GOODBYE = '再见';

export type AgentFigures = { replies: number; accepted: number; resolved: number; failedRequests: number; reconnects: number };

/**
 * A demo agent at work over the real agent socket: accepts every offer, answers each customer
 * message once, resolves the chat after the customer says goodbye. It can leave (closes the
 * desktop: its socket goes away) and come back; after a server restart it signs in again.
 */
export class SoakAgent {
  private socket: Socket | null = null;
  private wanted = false;
  private working = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly answered = new Set<string>();
  userId = '';
  readonly figures: AgentFigures = { replies: 0, accepted: 0, resolved: 0, failedRequests: 0, reconnects: 0 };

  constructor(
    private readonly url: () => string,
    private readonly email: string,
    private readonly password: string,
  ) {}

  /** Signs in, connects and goes online; keeps trying until the server answers. */
  async comeOnline(): Promise<void> {
    this.wanted = true;
    await this.connect();
  }

  /** The desktop vanishes (a crash, a lost network): the socket goes away and the server's grace period starts. */
  leave(): void {
    this.wanted = false;
    this.socket?.close();
    this.socket = null;
  }

  /** Ends the shift: sets themselves offline, then closes the desktop. */
  async signOff(): Promise<void> {
    await this.request('presence:set', { presence: 'offline' });
    this.leave();
  }

  stop(): void {
    this.leave();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async connect(): Promise<void> {
    for (let failures = 0; this.wanted; failures += 1) {
      try {
        const response = await fetch(`${this.url()}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: this.email, password: this.password }),
        });
        if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
        const tokens = (await response.json()) as AuthTokens;
        this.userId = tokens.user.id;
        const socket = io(`${this.url()}${AGENT_NAMESPACE}`, { auth: { token: tokens.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', (err) => reject(err));
        });
        socket.on('disconnect', () => {
          if (this.socket !== socket || !this.wanted) return;
          this.socket = null;
          this.figures.reconnects += 1;
          void this.connect();
        });
        this.socket = socket;
        await this.request('presence:set', { presence: 'online' });
        if (!this.timer) this.timer = setInterval(() => void this.work(), 1_000);
        return;
      } catch {
        await retryAfter(failures);
      }
    }
  }

  private async request<T>(name: string, payload: unknown): Promise<T | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    try {
      const result = (await socket.timeout(10_000).emitWithAck(name, payload)) as Result<T>;
      if (result.ok) return result.data;
    } catch {
      // Timed out or the socket went away: counted, and tried again on the next round.
    }
    this.figures.failedRequests += 1;
    return null;
  }

  /** One round: take offers, answer what is unanswered, resolve finished chats. */
  private async work(): Promise<void> {
    if (this.working || !this.socket?.connected) return;
    this.working = true;
    try {
      const list = await this.request<{ conversations: Conversation[] }>('conversations:list', {});
      for (const c of list?.conversations ?? []) {
        if (c.status !== 'open') continue;
        if (c.offeredToId === this.userId && c.assigneeId === null) {
          if (await this.request('conversation:accept', { conversationId: c.id })) this.figures.accepted += 1;
          continue;
        }
        if (c.assigneeId === this.userId) await this.answer(c.id);
      }
    } finally {
      this.working = false;
    }
  }

  private async answer(conversationId: string): Promise<void> {
    const thread = await this.request<{ messages: Message[] }>('messages:list', { conversationId });
    if (!thread) return;
    let sawGoodbye = false;
    for (const m of thread.messages) {
      if (m.senderType !== 'contact' || this.answered.has(m.id)) continue;
      const replied = thread.messages.some((r) => r.senderType === 'agent' && r.body.endsWith(`#${m.id}`));
      if (!replied) {
        const sent = await this.request('message:send', { conversationId, clientId: randomUUID(), body: `收到，我们来处理 #${m.id}` });
        if (!sent) return;
        this.figures.replies += 1;
      }
      this.answered.add(m.id);
      if (m.body.includes(GOODBYE)) sawGoodbye = true;
    }
    if (sawGoodbye && (await this.request('conversation:resolve', { conversationId }))) this.figures.resolved += 1;
  }
}
