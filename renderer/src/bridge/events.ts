import {
  contractEvents,
  type EventName,
  type EventPayload,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../../../shared/contract';
import { describeZodError } from '../../../shared/errors';

/** One handler for each of the events a controller listens to. */
export type EventHandlers<E extends EventName> = { [K in E]: (payload: EventPayload<K>) => void };

/**
 * Listens to each event and hands its payload to its handler once it matches the contract; a
 * payload of another shape is dropped and reported. Returns one stop function per event.
 */
export function subscribeParsed<E extends EventName>(
  bridge: SwitchboardBridge,
  events: readonly E[],
  handlers: EventHandlers<E>,
  report: (message: string) => void,
): Unsubscribe[] {
  return events.map((event) => subscribeOne(bridge, event, handlers[event], report));
}

function subscribeOne<E extends EventName>(
  bridge: SwitchboardBridge,
  event: E,
  handle: (payload: EventPayload<E>) => void,
  report: (message: string) => void,
): Unsubscribe {
  return bridge.on(event, (payload) => {
    const parsed = contractEvents[event].safeParse(payload);
    if (!parsed.success) {
      report(`dropped ${event} with an unexpected shape: ${describeZodError(parsed.error)}`);
      return;
    }
    handle(parsed.data as EventPayload<E>);
  });
}
