import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { unwrap, type Result } from '../../shared/errors';
import { createCore } from '../../main/core';
import type { StoredSettings } from '../../main/core/types';

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

/** The real client core as a shell would run it, with every pushed event recorded. */
export function startCore() {
  let settings: StoredSettings = { serverUrl: null, lastEmail: null };
  const events: RecordedEvent[] = [];
  const core = createCore({
    settings: { get: () => settings, set: (p) => (settings = { ...settings, ...p }) },
    emit: (event, payload) => events.push({ event, payload }),
    dataDir: mkdtempSync(join(tmpdir(), 'sb-core-')),
  });
  const invoke = <K extends MethodName>(method: K, args: MethodArgs<K>) =>
    dispatch(core.handlers, method, args) as Promise<Result<MethodResult<K>>>;
  return {
    core,
    events,
    invoke,
    call: async <K extends MethodName>(method: K, args: MethodArgs<K>) => unwrap(await invoke(method, args)),
    eventsOf: <E extends EventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
  };
}
