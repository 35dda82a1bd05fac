import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { HOST_SOCKET_PATH } from '../../../shared/host-protocol';
import { createSocketBridge, hostSocketUrl, takeHostKey, type SocketEvents, type SocketLike, type Timers } from './socket-bridge';

/** A socket the test drives by hand: it records frames and lets the test open, close and reply. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  closedByClient = false;
  constructor(
    readonly url: string,
    private readonly events: SocketEvents,
  ) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closedByClient = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.events.open();
  }
  drop() {
    this.readyState = 3;
    this.events.close();
  }
  receive(frame: unknown) {
    this.events.message(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}

/** Timers that run only when the test says so. */
class ManualTimers implements Timers {
  queue: { fn: () => void; ms: number; handle: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number) {
    const handle = this.next++;
    this.queue.push({ fn, ms, handle });
    return handle;
  }
  clearTimeout(handle: unknown) {
    this.queue = this.queue.filter((t) => t.handle !== handle);
  }
  runNext(): number {
    const timer = this.queue.shift();
    if (!timer) throw new Error('no timer scheduled');
    timer.fn();
    return timer.ms;
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const protocolErrors: string[] = [];
  const bridge = createSocketBridge({
    url: 'ws://host.test/__switchboard',
    createSocket: (url, events) => {
      const socket = new FakeSocket(url, events);
      sockets.push(socket);
      return socket;
    },
    timers,
    initialDelayMs: 100,
    maxDelayMs: 800,
    onProtocolError: (m) => protocolErrors.push(m),
  });
  const current = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { bridge, sockets, timers, protocolErrors, current };
}

const session = { signedIn: false, user: null, serverUrl: null, lastEmail: null };

describe('WebSocket bridge', () => {
  it('has one function per contract method, and nothing is hand-listed', () => {
    const { bridge } = setup();
    for (const name of methodNames) expect(typeof bridge[name]).toBe('function');
  });

  it('sends an invoke frame and resolves with the matching result envelope', async () => {
    const { bridge, current } = setup();
    current().open();
    const pending = bridge['session.get']({});
    expect(current().sent).toEqual([{ type: 'invoke', id: 1, method: 'session.get', args: {} }]);
    current().receive({ type: 'result', id: 1, result: { ok: true, data: session } });
    await expect(pending).resolves.toEqual({ ok: true, data: session });
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const { bridge, current } = setup();
    current().open();
    const first = bridge['conversations.list']({});
    const second = bridge['messages.list']({ conversationId: 'c1' });
    current().receive({ type: 'result', id: 2, result: { ok: true, data: ['second'] } });
    current().receive({ type: 'result', id: 1, result: { ok: false, error: { code: 'forbidden', message: 'no' } } });
    await expect(second).resolves.toEqual({ ok: true, data: ['second'] });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
  });

  it('holds calls made while the socket is connecting and sends them once it opens', async () => {
    const { bridge, current } = setup();
    const pending = bridge['connection.get']({});
    expect(current().sent).toEqual([]);
    current().open();
    expect(current().sent).toEqual([{ type: 'invoke', id: 1, method: 'connection.get', args: {} }]);
    current().receive({ type: 'result', id: 1, result: { ok: true, data: 'x' } });
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  it('dispatches pushed events to their listeners until unsubscribed', () => {
    const { bridge, current } = setup();
    current().open();
    const seen: unknown[] = [];
    const stop = bridge.on('connection.changed', (payload) => seen.push(payload));
    bridge.on('session.changed', () => seen.push('wrong listener'));
    current().receive({ type: 'event', event: 'connection.changed', payload: { status: 'online' } });
    stop();
    current().receive({ type: 'event', event: 'connection.changed', payload: { status: 'offline' } });
    expect(seen).toEqual([{ status: 'online' }]);
  });

  it('fails pending calls with offline when the socket drops, then reconnects with growing delays', async () => {
    const { bridge, sockets, timers, current } = setup();
    current().open();
    const pending = bridge['session.get']({});
    current().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });

    // While waiting to reconnect, calls fail at once instead of hanging.
    await expect(bridge['session.get']({})).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });

    expect(timers.runNext()).toBe(100);
    expect(sockets).toHaveLength(2);
    current().drop(); // the host is still down
    expect(timers.runNext()).toBe(200);
    current().drop();
    expect(timers.runNext()).toBe(400);
    current().drop();
    expect(timers.runNext()).toBe(800);
    current().drop();
    expect(timers.runNext()).toBe(800);
    expect(sockets).toHaveLength(6);
  });

  it('tells listeners when it reconnected, so missed events can be caught up, and resets the backoff', async () => {
    const { bridge, timers, current } = setup();
    let reconnects = 0;
    bridge.onReconnect(() => reconnects++);
    current().open();
    expect(reconnects).toBe(0);
    current().drop();
    timers.runNext();
    current().drop();
    timers.runNext();
    current().open();
    expect(reconnects).toBe(1);

    const pending = bridge['session.get']({});
    current().receive({ type: 'result', id: 1, result: { ok: true, data: session } });
    await expect(pending).resolves.toMatchObject({ ok: true });

    current().drop();
    expect(timers.runNext()).toBe(100);
  });

  it('ignores frames it cannot understand and reports them', () => {
    const { bridge, current, protocolErrors } = setup();
    current().open();
    const seen: unknown[] = [];
    bridge.on('session.changed', (p) => seen.push(p));
    current().receive('not json');
    current().receive({ type: 'surprise' });
    current().receive({ type: 'result', id: 77, result: { ok: true, data: 1 } });
    expect(seen).toEqual([]);
    expect(protocolErrors).toHaveLength(3);
  });

  it('stops for good when closed', async () => {
    const { bridge, timers, current } = setup();
    current().open();
    const pending = bridge['session.get']({});
    bridge.close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(current().closedByClient).toBe(true);
    expect(timers.queue).toHaveLength(0);
  });
});

describe('host socket address', () => {
  it('uses ws for http pages and wss for https pages, on the page host', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173' }, null)).toBe(`ws://127.0.0.1:5173${HOST_SOCKET_PATH}`);
    expect(hostSocketUrl({ protocol: 'https:', host: 'desk.example.com' }, null)).toBe(`wss://desk.example.com${HOST_SOCKET_PATH}`);
  });

  it('presents the launch key the host printed, and keeps it for a reload without showing it', () => {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const win = (href: string) => ({
      location: { href },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    });
    const key = takeHostKey(win('http://127.0.0.1:7341/?k=a%2Bb&lang=en#inbox'));
    expect(key).toBe('a+b');
    expect(replaced).toEqual(['/?lang=en#inbox']);
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:7341' }, key)).toBe(`ws://127.0.0.1:7341${HOST_SOCKET_PATH}?k=a%2Bb`);
    // The reloaded page has no key in its address any more: the tab's copy serves.
    expect(takeHostKey(win('http://127.0.0.1:7341/?lang=en'))).toBe('a+b');
  });

});
