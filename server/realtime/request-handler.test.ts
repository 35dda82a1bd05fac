import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { agentRequests, visitorRequests } from '../../shared/protocol';
import { RequestBudget } from './request-budget';
import { requestServer } from './request-handler';

type Listener = (...args: unknown[]) => void;

function fakeSocket() {
  const listeners = new Map<string, Listener>();
  const anyListeners: ((event: string, ...args: unknown[]) => void)[] = [];
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
    },
    onAny(listener: (event: string, ...args: unknown[]) => void) {
      anyListeners.push(listener);
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of anyListeners) listener(event, ...args);
      listeners.get(event)?.(...args);
    },
  };
}

function request(socket: ReturnType<typeof fakeSocket>, name: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => socket.emit(name, payload, resolve));
}

const noLog = () => undefined;

describe('socket requests', () => {
  it('answers text holding a NUL byte with invalid_input naming the field, without running the handler', async () => {
    const socket = fakeSocket();
    let calls = 0;
    requestServer(socket, visitorRequests, { logError: noLog })('visitor:send', async () => {
      calls++;
      throw new Error('must not run');
    });
    expect(await request(socket, 'visitor:send', { clientId: crypto.randomUUID(), body: 'hi\u0000' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'body' } },
    });
    expect(calls).toBe(0);
  });

  it('refuses what is over the socket budget with rate_limited before running it', async () => {
    const socket = fakeSocket();
    const budget = new RequestBudget(
      { running: 1, waiting: 0, window: { max: 100, windowMs: 1000 }, heavy: new Set(), heavyWaiting: 0 },
      () => 0,
    );
    // Each run waits until the test lets it finish; `started` resolves with that permission.
    let started: (finish: () => void) => void = () => undefined;
    const nextRun = () => new Promise<() => void>((resolve) => (started = resolve));
    let calls = 0;
    requestServer(socket, agentRequests, { logError: noLog, budget })('conversations:list', () => {
      calls++;
      return new Promise((resolve) => started(() => resolve({ conversations: [] })));
    });
    let run = nextRun();
    const first = request(socket, 'conversations:list', {});
    expect(await request(socket, 'conversations:list', {})).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    (await run)();
    expect(await first).toMatchObject({ ok: true });
    expect(calls).toBe(1);
    // The turn was given back: the next request runs.
    run = nextRun();
    const next = request(socket, 'conversations:list', {});
    (await run)();
    expect(await next).toMatchObject({ ok: true });
  });

  it('answers an invalid payload with bad_request without running the handler', async () => {
    const socket = fakeSocket();
    let calls = 0;
    requestServer(socket, agentRequests, { logError: noLog })('message:send', async () => {
      calls++;
      throw new Error('must not run');
    });
    const answers = await Promise.all([
      request(socket, 'message:send', { conversationId: 'c', clientId: 'not-a-uuid', body: 'hi' }),
      request(socket, 'message:send', { conversationId: 'c', clientId: crypto.randomUUID(), body: '   ' }),
      request(socket, 'message:send', { conversationId: 'c', clientId: crypto.randomUUID(), body: 'x'.repeat(4097) }),
      request(socket, 'message:send', { conversationId: 'c', clientId: crypto.randomUUID(), body: 'hi', extra: 1 }),
      request(socket, 'message:send', null),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toBe(0);
  });

  it('passes the parsed payload (trimmed body) and wraps the result', async () => {
    const socket = fakeSocket();
    requestServer(socket, visitorRequests, { logError: noLog })('visitor:send', async (payload) => {
      return { message: { id: 'm', seq: 1, from: 'me' as const, senderName: null, body: payload.body, createdAt: 'now', clientId: payload.clientId } };
    });
    const clientId = crypto.randomUUID();
    expect(await request(socket, 'visitor:send', { clientId, body: '  hello  ' })).toMatchObject({
      ok: true,
      data: { message: { body: 'hello', clientId } },
    });
  });

  it('turns thrown AppErrors into their code and hides internal errors', async () => {
    const socket = fakeSocket();
    const logged: unknown[] = [];
    requestServer(socket, agentRequests, { logError: (err) => logged.push(err) })('conversations:list', async () => {
      throw new Error('db password is hunter2');
    });
    expect(await request(socket, 'conversations:list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'something went wrong on the server' },
    });
    expect(logged).toHaveLength(1);
  });

  it('passes the details of an AppError through to the ack', async () => {
    const socket = fakeSocket();
    requestServer(socket, agentRequests, { logError: noLog })('conversations:list', async () => {
      throw new AppError('reassigned', 'This conversation is now assigned to Emma.', { assigneeName: 'Emma' });
    });
    expect(await request(socket, 'conversations:list', {})).toEqual({
      ok: false,
      error: { code: 'reassigned', message: 'This conversation is now assigned to Emma.', details: { assigneeName: 'Emma' } },
    });
  });

  it('ignores a request without an ack callback', () => {
    const socket = fakeSocket();
    let calls = 0;
    requestServer(socket, agentRequests, { logError: noLog })('conversations:list', async () => {
      calls++;
      return { conversations: [] };
    });
    expect(() => socket.emit('conversations:list', {})).not.toThrow();
    expect(() => socket.emit('conversations:list')).not.toThrow();
    expect(calls).toBe(0);
  });

  it('refuses a caller whose role the request does not allow, without running the handler', async () => {
    let calls = 0;
    const handler = async () => {
      calls++;
      return { conversations: [] };
    };
    const access = { roles: ['admin'] as const, refusal: 'Only admins can do this.' };
    const agentSocket = fakeSocket();
    requestServer(agentSocket, agentRequests, { logError: noLog, role: 'agent' })('conversations:list', handler, access);
    expect(await request(agentSocket, 'conversations:list', {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only admins can do this.' } });
    const visitorSocket = fakeSocket();
    requestServer(visitorSocket, agentRequests, { logError: noLog })('conversations:list', handler, access);
    expect(await request(visitorSocket, 'conversations:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toBe(0);
    const adminSocket = fakeSocket();
    requestServer(adminSocket, agentRequests, { logError: noLog, role: 'admin' })('conversations:list', handler, access);
    expect(await request(adminSocket, 'conversations:list', {})).toEqual({ ok: true, data: { conversations: [] } });
    expect(calls).toBe(1);
  });

  it('checks the payload before the role', async () => {
    const socket = fakeSocket();
    requestServer(socket, agentRequests, { logError: noLog, role: 'agent' })('audit:list', async () => ({ entries: [], nextBefore: null }), {
      roles: ['admin'],
      refusal: 'Only admins can read the audit log.',
    });
    expect(await request(socket, 'audit:list', { limit: 'many' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers a request the socket does not serve with bad_request instead of silence', async () => {
    const socket = fakeSocket();
    requestServer(socket, visitorRequests, { logError: noLog })('visitor:history', async () => ({ messages: [] }));
    for (const name of ['visitor:send', 'conversations:list', 'constructor', '__proto__', 'no such thing']) {
      expect(await request(socket, name, {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await request(socket, 'visitor:history', {})).toEqual({ ok: true, data: { messages: [] } });
  });
});
