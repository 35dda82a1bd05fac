import type { SwitchboardBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** The contract, exposed by the Electron preload; absent when the page runs in a browser. */
    switchboard?: SwitchboardBridge;
  }
}

export {};
