import {
  eventNames,
  isEventName,
  methodNames,
  type EventName,
  type MethodName,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../shared/contract';

/** Sends one contract call to the main process (ipcRenderer.invoke in the preload). */
export type Invoke = (method: MethodName, args: unknown) => Promise<unknown>;

/** Listens to one pushed event, handing the listener the payload only. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

/**
 * The object exposed as `window.switchboard`: exactly one function per contract method and `on`
 * for the contract's events. Nothing else, so the page never reaches raw IPC.
 */
export function buildBridge(invoke: Invoke, subscribe: Subscribe): SwitchboardBridge {
  const methods = Object.fromEntries(
    methodNames.map((name) => [name, (args: unknown) => invoke(name, args ?? {})] as const),
  );
  const on = (event: unknown, listener: unknown): Unsubscribe => {
    if (!isEventName(event)) {
      throw new TypeError(`Unknown Switchboard event "${String(event)}"; known events: ${eventNames.join(', ')}.`);
    }
    if (typeof listener !== 'function') throw new TypeError('A Switchboard event listener must be a function.');
    return subscribe(event, (payload) => (listener as (payload: unknown) => void)(payload));
  };
  // The per-method result types are guaranteed by the main process answering through `dispatch`;
  // they cannot be proven over a map built from a name list, hence the single cast.
  return Object.freeze({ ...methods, on }) as unknown as SwitchboardBridge;
}
