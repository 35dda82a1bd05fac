import { describe, expect, it } from 'vitest';
import { eventNames, methodNames, type EventName, type MethodName } from '../shared/contract';
import { buildBridge, type Subscribe } from './bridge';

function fakeIpc() {
  const invoked: { method: MethodName; args: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  const bridge = buildBridge(async (method, args) => {
    invoked.push({ method, args });
    return { ok: true, data: `answer to ${method}` };
  }, subscribe);
  const push = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, invoked, listeners, push };
}

describe('preload bridge', () => {
  it('exposes exactly one function per contract method plus on()', () => {
    const { bridge } = fakeIpc();
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'on'].sort());
    for (const name of methodNames) expect(typeof bridge[name]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards each method to invoke under its own name with its arguments', async () => {
    const { bridge, invoked } = fakeIpc();
    const result = await bridge['messages.list']({ conversationId: 'c1' });
    expect(result).toEqual({ ok: true, data: 'answer to messages.list' });
    expect(invoked).toEqual([{ method: 'messages.list', args: { conversationId: 'c1' } }]);
  });

  it('refuses an event name the contract does not declare', () => {
    const { bridge, listeners } = fakeIpc();
    const on = bridge.on as (event: string, listener: (payload: unknown) => void) => () => void;
    expect(() => on('session.get', () => {})).toThrow(/Unknown Switchboard event "session.get"/);
    expect(() => on('ELECTRON_BROWSER_REQUIRE', () => {})).toThrow(TypeError);
    expect(listeners.size).toBe(0);
  });

  it('delivers only the payload of a known event and stops after unsubscribe', () => {
    const { bridge, push } = fakeIpc();
    const received: unknown[] = [];
    const unsubscribe = bridge.on('connection.changed', (payload) => received.push(payload));
    push('connection.changed', { status: 'online' });
    unsubscribe();
    push('connection.changed', { status: 'offline' });
    expect(received).toEqual([{ status: 'online' }]);
    expect(eventNames).toContain('connection.changed');
  });
});
