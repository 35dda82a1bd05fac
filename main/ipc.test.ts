import { describe, expect, it } from 'vitest';
import { methodNames, type ContractHandlers } from '../shared/contract';
import type { Result } from '../shared/errors';
import { createEventSink, registerIpc, trustOwnTopFrame, type InvokeEventLike, type IpcMainLike } from './ipc';
import { isOwnUrl } from './own-page';

const rendererUrl = 'app://switchboard/index.html';
const ownTopFrame: InvokeEventLike = { senderFrame: { url: `${rendererUrl}#/inbox`, parent: null } };

type Listener = (event: InvokeEventLike, args: unknown) => Promise<Result<unknown>>;

/** A faked ipcMain: records handlers so a test can invoke them like the renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
  const invoke = (channel: string, event: InvokeEventLike, args: unknown) => {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, args);
  };
  return { ipcMain, handlers, invoke };
}

function fakeCore() {
  const calls: { method: string; args: unknown }[] = [];
  const handlers = Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (args: unknown) => {
        calls.push({ method: name, args });
        return { answeredBy: name };
      },
    ]),
  ) as unknown as ContractHandlers;
  return { handlers, calls };
}

function setup() {
  const ipc = fakeIpcMain();
  const core = fakeCore();
  registerIpc(ipc.ipcMain, core.handlers, trustOwnTopFrame((url) => isOwnUrl(url, rendererUrl)));
  return { ...ipc, core };
}

describe('IPC registration', () => {
  it('registers one handler per contract method and nothing else', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('runs the core handler for a valid call from our own page', async () => {
    const { invoke, core } = setup();
    const result = await invoke('messages.list', ownTopFrame, { conversationId: 'c-1' });
    expect(result).toEqual({ ok: true, data: { answeredBy: 'messages.list' } });
    expect(core.calls).toEqual([{ method: 'messages.list', args: { conversationId: 'c-1' } }]);
  });

  it.each([
    ['a foreign page', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a local file', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['another app:// host', { senderFrame: { url: 'app://evil/index.html', parent: null } }],
    ['a sub-frame of our page', { senderFrame: { url: rendererUrl, parent: {} } }],
    ['a frame that is gone', { senderFrame: null }],
  ] as [string, InvokeEventLike][])('answers forbidden to %s without calling the core', async (_label, event) => {
    const { invoke, core } = setup();
    const result = await invoke('session.logout', event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls).toEqual([]);
  });

  it('answers bad_request to arguments the contract schema rejects', async () => {
    const { invoke, core } = setup();
    const result = await invoke('outbox.send', ownTopFrame, { conversationId: 'c-1', body: 42, extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(core.calls).toEqual([]);
  });
});

describe('event sink', () => {
  it('sends events to the current window and drops them when there is none', () => {
    const sent: [string, unknown][] = [];
    let target: { send(c: string, p: unknown): void; isDestroyed(): boolean } | null = null;
    const emit = createEventSink(() => target);
    const state = { status: 'online', since: '2025-01-01T00:00:00.000Z', error: null, nextRetryAt: null } as const;
    emit('connection.changed', state);
    target = { send: (channel, payload) => sent.push([channel, payload]), isDestroyed: () => false };
    emit('connection.changed', state);
    target = { send: () => sent.push(['destroyed', null]), isDestroyed: () => true };
    emit('connection.changed', state);
    expect(sent).toEqual([['connection.changed', state]]);
  });
});
