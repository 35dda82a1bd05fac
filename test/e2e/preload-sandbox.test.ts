import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { eventNames, methodNames } from '../../shared/contract';

const preloadFile = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url));

/**
 * Runs the built preload the way a sandboxed renderer does: CommonJS, and `require` answers
 * 'electron' only. A bundling change that leaves a require('zod') behind fails here.
 */
function runBuiltPreload() {
  if (!existsSync(preloadFile)) throw new Error(`${preloadFile} is missing; run npm run build first.`);
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, data: null };
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
  };
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(preloadFile, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, invoked, listeners };
}

describe('the built preload in a sandbox', () => {
  it('loads with only electron available and exposes exactly the contract', async () => {
    const { exposed, invoked } = runBuiltPreload();
    expect([...exposed.keys()]).toEqual(['switchboard']);
    const api = exposed.get('switchboard')!;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    await (api['conversations.list'] as (a: unknown) => Promise<unknown>)({});
    expect(invoked).toEqual([['conversations.list', {}]]);
  });

  it('hands listeners the payload only and refuses unknown events', () => {
    const { exposed, listeners } = runBuiltPreload();
    const on = exposed.get('switchboard')!['on'] as (e: string, l: (...a: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const off = on(eventNames[0]!, (...args) => received.push(args));
    listeners.get(eventNames[0]!)![0]!({ sender: 'ipcRenderer' }, { hello: 1 });
    off();
    expect(received).toEqual([[{ hello: 1 }]]);
    expect(listeners.get(eventNames[0]!)).toEqual([]);
    expect(() => on('not.an.event', () => {})).toThrow(/Unknown Switchboard event/);
  });
});
