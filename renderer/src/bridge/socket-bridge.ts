import { bytesAsJson } from '../../../shared/attachments';
import {
  methodNames,
  type EventName,
  type EventPayload,
  type MethodName,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../../../shared/contract';
import { backoffDelay } from '../../../shared/backoff';
import { fail, type Result } from '../../../shared/errors';
import { HOST_KEY_PARAM, HOST_SOCKET_PATH, hostFrameSchema, type HostRequest } from '../../../shared/host-protocol';

/** The part of a WebSocket the bridge uses, so tests can pass a small fake. */
export interface SocketLike {
  /** 1 when open, as in the WebSocket API. */
  readonly readyState: number;
  send(data: string): void;
  close(): void;
}

/** What a socket reports back to the bridge. */
export interface SocketEvents {
  open(): void;
  /** Called once when the socket closes or fails to open. */
  close(): void;
  message(data: unknown): void;
}

export type SocketFactory = (url: string, events: SocketEvents) => SocketLike;

/** Opens a real browser WebSocket. */
export const browserSocketFactory: SocketFactory = (url, events) => {
  const ws = new WebSocket(url);
  ws.onopen = () => events.open();
  ws.onmessage = (event) => events.message(event.data);
  // An error is always followed by close; reconnecting is decided there.
  ws.onclose = () => events.close();
  return ws;
};

/** Timer functions, injectable so reconnect backoff can be tested without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SocketBridgeOptions {
  url: string;
  createSocket: SocketFactory;
  /** First reconnect delay; doubles after each failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  timers?: Timers;
  /** Reports frames that could not be understood; they are dropped, never guessed at. */
  onProtocolError?: (message: string) => void;
}

/** A contract bridge over the browser host's WebSocket, plus the lifecycle the host needs. */
export type SocketBridge = SwitchboardBridge & {
  /** Called each time the socket opens again after a drop: pushed events may have been missed. */
  onReconnect(listener: () => void): Unsubscribe;
  /** Closes the socket for good and fails every pending call. */
  close(): void;
};

const OPEN = 1;

interface Pending {
  resolve: (result: Result<unknown>) => void;
  frame: string;
  sent: boolean;
}

/** The browser host's socket address for a page served from `location`, presenting the host's launch key. */
export function hostSocketUrl(location: { protocol: string; host: string }, key: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = key ? `?${HOST_KEY_PARAM}=${encodeURIComponent(key)}` : '';
  return `${scheme}://${location.host}${HOST_SOCKET_PATH}${query}`;
}

const HOST_KEY_STORAGE = 'switchboard.hostKey';

type KeyWindow = {
  location: { href: string };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
};

/**
 * The browser host's launch key: taken from the address the host printed (`?k=`), kept for this
 * tab only so a reload still has it, and taken out of the address bar so it is not shared by copying.
 */
export function takeHostKey(win: KeyWindow): string | null {
  const url = new URL(win.location.href);
  const given = url.searchParams.get(HOST_KEY_PARAM);
  if (given === null) return win.sessionStorage.getItem(HOST_KEY_STORAGE);
  win.sessionStorage.setItem(HOST_KEY_STORAGE, given);
  url.searchParams.delete(HOST_KEY_PARAM);
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return given;
}

/**
 * Implements the contract over one WebSocket: every method is derived from `methodNames`, calls
 * resolve to the host's Result envelope, and a dropped socket fails pending calls with `offline`
 * and reconnects with backoff. Calls made while a socket is connecting wait for it to open.
 */
export function createSocketBridge(options: SocketBridgeOptions): SocketBridge {
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const reportProtocolError =
    options.onProtocolError ?? ((message: string) => console.error(`[switchboard bridge] ${message}`));

  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const reconnectListeners = new Set<() => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let retryHandle: unknown = null;
  let failedAttempts = 0;
  let everOpened = false;
  let closed = false;

  function failAll(message: string): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.resolve(fail('offline', message));
  }

  function connect(): void {
    retryHandle = null;
    if (closed) return;
    let ws: SocketLike | null = null;
    const events: SocketEvents = {
      open() {
        if (!ws || socket !== ws) return;
        const reconnected = everOpened;
        everOpened = true;
        failedAttempts = 0;
        for (const call of pending.values()) {
          if (!call.sent) {
            call.sent = true;
            ws.send(call.frame);
          }
        }
        if (reconnected) for (const listener of [...reconnectListeners]) listener();
      },
      message(data) {
        if (ws && socket === ws) handleFrame(data);
      },
      close() {
        if (!ws || socket !== ws) return;
        socket = null;
        failAll('The connection to the Switchboard host was lost.');
        scheduleReconnect();
      },
    };
    try {
      ws = options.createSocket(options.url, events);
    } catch (err) {
      reportProtocolError(`could not open ${options.url}: ${err instanceof Error ? err.message : String(err)}`);
      scheduleReconnect();
      return;
    }
    socket = ws;
  }

  function scheduleReconnect(): void {
    if (closed || retryHandle !== null) return;
    const delay = backoffDelay({ baseMs: initialDelayMs, capMs: maxDelayMs }, failedAttempts);
    failedAttempts += 1;
    retryHandle = timers.setTimeout(connect, delay);
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') {
      reportProtocolError('ignored a non-text frame');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      reportProtocolError('ignored a frame that is not JSON');
      return;
    }
    const parsed = hostFrameSchema.safeParse(json);
    if (!parsed.success) {
      reportProtocolError('ignored a frame of unknown shape');
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'result') {
      const call = pending.get(frame.id);
      if (!call) {
        reportProtocolError(`ignored a result for unknown call ${frame.id}`);
        return;
      }
      pending.delete(frame.id);
      call.resolve(frame.result as Result<unknown>);
      return;
    }
    const set = listeners.get(frame.event as EventName);
    if (!set) return;
    for (const listener of [...set]) (listener as (payload: unknown) => void)(frame.payload);
  }

  function invoke(method: MethodName, args: unknown): Promise<Result<unknown>> {
    if (closed) return Promise.resolve(fail('offline', 'The Switchboard host connection is closed.'));
    const ws = socket;
    if (!ws) {
      return Promise.resolve(fail('offline', 'Not connected to the Switchboard host; reconnecting.'));
    }
    const id = nextId++;
    const request: HostRequest = { type: 'invoke', id, method, args: args ?? {} };
    return new Promise((resolve) => {
      // A file's bytes (an upload) travel as base64, not as JSON's object of numbered bytes.
      const call: Pending = { resolve, frame: JSON.stringify(request, bytesAsJson), sent: false };
      pending.set(id, call);
      if (ws.readyState === OPEN) {
        call.sent = true;
        ws.send(call.frame);
      }
    });
  }

  const methods = Object.fromEntries(
    methodNames.map((name) => [name, (args: unknown) => invoke(name, args)] as const),
  ) as unknown as { [K in MethodName]: SwitchboardBridge[K] };

  const bridge: SocketBridge = {
    ...methods,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => {
        reconnectListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (retryHandle !== null) timers.clearTimeout(retryHandle);
      retryHandle = null;
      const ws = socket;
      socket = null;
      failAll('The Switchboard host connection is closed.');
      ws?.close();
    },
  };

  connect();
  return bridge;
}
