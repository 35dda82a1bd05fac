import { methodNames, type ContractHandlers, type EventSink } from '../shared/contract';
import { dispatch } from '../shared/dispatch';
import { fail, type Result } from '../shared/errors';

/** The frame an IPC call came from, as Electron reports it (null once it navigated away). */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
}

/** The part of ipcMain the shell uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, args: unknown) => Promise<Result<unknown>>): void;
}

/** Trusts only the top frame of our own page. */
export function trustOwnTopFrame(isOwnUrl: (url: string) => boolean): (event: InvokeEventLike) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isOwnUrl(frame.url);
  };
}

/**
 * Registers one invoke handler per contract method and no others. Calls from anywhere but our
 * own page answer `forbidden` without reaching the core; the rest go through `dispatch`, which
 * validates the arguments with the contract's schema.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: ContractHandlers,
  isTrustedSender: (event: InvokeEventLike) => boolean,
): void {
  for (const name of methodNames) {
    ipcMain.handle(name, async (event, args) => {
      if (!isTrustedSender(event)) {
        return fail('forbidden', 'This request did not come from the Switchboard window.');
      }
      return dispatch(handlers, name, args);
    });
  }
}

/** The part of webContents events are pushed through. */
export interface EventTargetLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Pushes contract events to our window only; events raised while no window is open are dropped. */
export function createEventSink(currentTarget: () => EventTargetLike | null): EventSink {
  return (event, payload) => {
    const target = currentTarget();
    if (target && !target.isDestroyed()) target.send(event, payload);
  };
}
