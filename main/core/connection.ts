import { io, type Socket } from 'socket.io-client';
import type { ConnectionState } from '../../shared/contract';
import { AppError, resultSchema, toAppError, type AppErrorShape } from '../../shared/errors';
import {
  AGENT_NAMESPACE,
  agentPushes,
  agentRequests,
  type AgentPush,
  type AgentPushName,
  type AgentRequestName,
  type AgentRequestPayload,
  type AgentRequestResult,
} from '../../shared/protocol';
import { reconnectDelay } from './backoff';
import { systemClock, type CoreClock, type ScheduledTimer } from './clock';

export interface ConnectionHooks {
  /** The access token to present on the next handshake. */
  getToken(): string | null;
  /** Called when the server says the token expired; resolves once a fresh token is available. */
  refreshToken(): Promise<void>;
  /** Called when the server refuses the session for good (revoked user, bad token). */
  onUnauthorized(error: AppErrorShape): void;
  onState(state: ConnectionState): void;
  onConnected(): void;
  onDisconnected?(): void;
  /**
   * One handler per server push, called with the validated payload; a handler that works on
   * returns the promise of that work, so `pushesHandled()` can wait for it.
   */
  pushes: { [K in AgentPushName]: (payload: AgentPush<K>) => void | Promise<unknown> };
}

export interface ConnectionOptions {
  requestTimeoutMs?: number;
  /** The system clock when omitted. */
  clock?: CoreClock;
  /** Wait before reconnecting after the n-th consecutive failure (0-based); the jittered reconnect curve when omitted. */
  reconnectDelay?: (attempt: number) => number;
}

/**
 * The agent's socket to the server. Reconnects with its own backoff (socket.io's manager is
 * told not to) so the UI can say when the next attempt is, and so an expired token is refreshed
 * before the next handshake instead of failing forever.
 */
export class Connection {
  private socket: Socket | null = null;
  private attempt = 0;
  private retryTimer: ScheduledTimer | null = null;
  private readonly handling = new Set<Promise<unknown>>();
  private stopped = true;
  private state: ConnectionState;
  private readonly requestTimeoutMs: number;
  private readonly clock: CoreClock;
  private readonly reconnectDelay: (attempt: number) => number;

  constructor(
    private readonly hooks: ConnectionHooks,
    options: ConnectionOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.clock = options.clock ?? systemClock;
    this.reconnectDelay = options.reconnectDelay ?? ((attempt) => reconnectDelay(attempt));
    this.state = { status: 'signed_out', since: this.nowIso(), error: null, nextRetryAt: null };
  }

  getState(): ConnectionState {
    return this.state;
  }

  isOnline(): boolean {
    return this.state.status === 'online' && this.socket?.connected === true;
  }

  /** This connection's socket id as the server knows it, while connected. */
  socketId(): string | null {
    return this.socket?.connected ? (this.socket.id ?? null) : null;
  }

  /**
   * Opens the socket to `serverUrl` and keeps it open until `stop()`. `offlineSince` is when this
   * account was last connected, for an app starting from its cache: until the first connect
   * succeeds, the UI says "offline since" that moment, not since the app started.
   */
  start(serverUrl: string, offlineSince?: string): void {
    this.stop('connecting');
    this.stopped = false;
    if (offlineSince) {
      this.state = { status: 'offline', since: offlineSince, error: { code: 'offline', message: 'Not connected yet' }, nextRetryAt: null };
    }
    const socket = io(new URL(AGENT_NAMESPACE, serverUrl).toString(), {
      transports: ['websocket'],
      // One manager per session: never share (and inherit options from) another socket's manager.
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      timeout: 10_000,
      auth: (cb) => cb({ token: this.hooks.getToken() ?? '' }),
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.attempt = 0;
      this.setState('online', null, null);
      this.hooks.onConnected();
    });
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      void this.handleConnectError(err);
    });
    socket.on('disconnect', (reason) => {
      this.hooks.onDisconnected?.();
      if (this.stopped) return;
      this.scheduleRetry({ code: 'offline', message: `Disconnected: ${reason}` });
    });
    for (const name of Object.keys(agentPushes) as AgentPushName[]) {
      socket.on(name, (payload: unknown) => {
        const parsed = agentPushes[name].safeParse(payload);
        // A push that does not match the protocol is dropped; the next sync repairs the cache.
        if (!parsed.success) return;
        const work = (this.hooks.pushes[name] as (p: unknown) => void | Promise<unknown>)(parsed.data);
        if (work instanceof Promise) {
          this.handling.add(work);
          // Only bookkeeping: a failure stays the handler's own to report, as if it were not tracked.
          void work.then(
            () => this.handling.delete(work),
            (err: unknown) => {
              this.handling.delete(work);
              throw err;
            },
          );
        }
      });
    }
    this.setState('connecting', offlineSince ? this.state.error : null, null);
    void this.open();
  }

  /** Connects, first getting an access token when there is none (a start from the cache). */
  private async open(): Promise<void> {
    if (this.stopped || !this.socket) return;
    if (!this.hooks.getToken()) {
      try {
        await this.hooks.refreshToken();
      } catch (err) {
        const error = toAppError(err);
        if (error.code === 'unauthorized' || error.code === 'token_expired') this.hooks.onUnauthorized(error.toJSON());
        else this.scheduleRetry(error.code === 'server_unreachable' ? error.toJSON() : { code: 'server_unreachable', message: error.message });
        return;
      }
    }
    if (!this.stopped) this.socket?.connect();
  }

  /** Resolves once the work of every push received so far is done (including pushes that arrive meanwhile). */
  async pushesHandled(): Promise<void> {
    while (this.handling.size > 0) await Promise.allSettled([...this.handling]);
  }

  /** Closes the socket and stops reconnecting. */
  stop(status: ConnectionState['status'] = 'signed_out'): void {
    this.stopped = true;
    this.retryTimer?.cancel();
    this.retryTimer = null;
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
      this.socket = null;
    }
    this.attempt = 0;
    this.setState(status, null, null);
  }

  /** Sends one request and resolves with its validated result, or throws an AppError. */
  async request<K extends AgentRequestName>(
    name: K,
    payload: AgentRequestPayload<K>,
  ): Promise<AgentRequestResult<K>> {
    const socket = this.socket;
    if (!socket || !socket.connected) throw new AppError('offline', 'Not connected to the server');
    let raw: unknown;
    try {
      raw = await socket.timeout(this.requestTimeoutMs).emitWithAck(name, payload);
    } catch {
      throw new AppError('timeout', `The server did not answer ${name} in time`);
    }
    const parsed = resultSchema(agentRequests[name].result).safeParse(raw);
    if (!parsed.success) throw new AppError('internal', `Unexpected answer to ${name}`);
    if (!parsed.data.ok) throw new AppError(parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    return parsed.data.data as AgentRequestResult<K>;
  }

  private async handleConnectError(err: Error & { data?: unknown }): Promise<void> {
    if (this.stopped) return;
    const error = toAppError(err.data ?? { code: codeFromMessage(err.message), message: err.message });
    if (error.code === 'token_expired') {
      try {
        await this.hooks.refreshToken();
        if (!this.stopped) this.socket?.connect();
        return;
      } catch (refreshError) {
        const e = toAppError(refreshError);
        if (e.code === 'server_unreachable') return this.scheduleRetry(e.toJSON());
        this.hooks.onUnauthorized(e.toJSON());
        return;
      }
    }
    if (error.code === 'unauthorized' || error.code === 'forbidden') {
      this.hooks.onUnauthorized(error.toJSON());
      return;
    }
    this.scheduleRetry({ code: 'server_unreachable', message: error.message });
  }

  private scheduleRetry(error: AppErrorShape): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.reconnectDelay(this.attempt++);
    const at = new Date(this.clock.now() + delay);
    this.setState('offline', error, at.toISOString());
    this.retryTimer = this.clock.after(
      delay,
      () => {
        this.retryTimer = null;
        if (this.stopped || !this.socket) return;
        this.setState('connecting', error, null);
        return this.open();
      },
      { keepAlive: true },
    );
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private setState(status: ConnectionState['status'], error: AppErrorShape | null, nextRetryAt: string | null) {
    // "Offline since" keeps the time the connection was first lost, not the last retry.
    const keepSince =
      (status === 'offline' || status === 'connecting') &&
      (this.state.status === 'offline' || this.state.status === 'connecting') &&
      this.state.error !== null;
    const since = keepSince ? this.state.since : this.nowIso();
    this.state = { status, since, error, nextRetryAt };
    this.hooks.onState(this.state);
  }
}

function codeFromMessage(message: string): string {
  return ['unauthorized', 'token_expired', 'forbidden'].includes(message) ? message : 'server_unreachable';
}
