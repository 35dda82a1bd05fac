import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { unwrap, type Result } from '../../shared/errors';
import { FileSecrets, FileSettings } from '../../main/browser-host/file-settings';
import { createCore } from '../../main/core';
import type { WorkspaceOptions } from '../../main/core/workspace';
import { fastReconnect } from './fast-reconnect';
import { waitUntil } from './wait';

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

/**
 * The real client core as a shell runs it (settings, secrets and cache in `dataDir`), with every
 * pushed event recorded. Starting it again on the same folder is an app restart.
 */
export function startCore(
  dataDir = mkdtempSync(join(tmpdir(), 'sb-core-')),
  tuning: WorkspaceOptions = {},
  onEvent?: (event: EventName, payload: unknown) => void,
) {
  const events: RecordedEvent[] = [];
  const core = createCore(
    {
      settings: new FileSettings(join(dataDir, 'settings.json')),
      secrets: new FileSecrets(join(dataDir, 'secrets.json')),
      emit: (event, payload) => {
        events.push({ event, payload });
        onEvent?.(event, payload);
      },
      dataDir,
      reconnectDelay: fastReconnect,
    },
    undefined,
    tuning,
  );
  const invoke = <K extends MethodName>(method: K, args: MethodArgs<K>) =>
    dispatch(core.handlers, method, args) as Promise<Result<MethodResult<K>>>;
  const eventsOf = <E extends EventName>(event: E) =>
    events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  return {
    core,
    dataDir,
    events,
    invoke,
    call: async <K extends MethodName>(method: K, args: MethodArgs<K>) => unwrap(await invoke(method, args)),
    eventsOf,
    /**
     * Resolves once every push the server sent this desktop before now has been received and
     * handled: a request on the same socket comes back after them, then their work is awaited.
     */
    caughtUp: async () => {
      unwrap(await dispatch(core.handlers, 'team.list', {}));
      await core.pushesHandled();
    },
    status: () => eventsOf('connection.changed').at(-1)?.status,
    waitForStatus: (status: string, timeoutMs = 20_000) =>
      waitUntil(() => eventsOf('connection.changed').at(-1)?.status === status, `connection ${status}`, timeoutMs),
    /** Waits for a status reached after `mark` (an index into the connection events), even if it already moved on. */
    waitForStatusSince: (mark: number, status: string, timeoutMs = 20_000) =>
      waitUntil(() => eventsOf('connection.changed').slice(mark).some((s) => s.status === status), `connection ${status}`, timeoutMs),
  };
}

export type TestCore = ReturnType<typeof startCore>;

/** A new desktop signed in to `serverUrl` as `email` and online; added to `cores`, which the file disposes of. */
export async function signedInCore(cores: TestCore[], serverUrl: string, email: string, password: string): Promise<TestCore> {
  const core = startCore();
  cores.push(core);
  await core.call('session.login', { serverUrl, email, password });
  await core.waitForStatus('online');
  return core;
}
