import type { SwitchboardBridge } from '../../../shared/contract';
import { browserSocketFactory, createSocketBridge, hostSocketUrl, takeHostKey, type SocketBridge } from './socket-bridge';

/**
 * Picks the bridge for this page: the Electron preload's `window.switchboard` when present,
 * otherwise a WebSocket to the browser host that served the page.
 */
export function chooseBridge(win: Window): SwitchboardBridge | SocketBridge {
  if (win.switchboard) return win.switchboard;
  return createSocketBridge({
    url: hostSocketUrl(win.location, takeHostKey(win)),
    createSocket: browserSocketFactory,
  });
}

/** True when the bridge can report that it reconnected (the browser host's WebSocket). */
export function canReportReconnect(bridge: SwitchboardBridge): bridge is SocketBridge {
  return typeof (bridge as Partial<SocketBridge>).onReconnect === 'function';
}
