import type { Call } from '../../bridge/call';
import type { Timers } from '../draft-saver';
import type { WorkstationStores } from '../stores';

/** Where a part of the workstation says what went wrong without a view to show it. */
export type Reporter = (message: string) => void;

/** What each part of the workstation controller is built from: the bridge, its own stores, its timers. */
export interface PartContext<K extends keyof WorkstationStores> {
  call: Call;
  stores: Pick<WorkstationStores, K>;
  report: Reporter;
  timers?: Timers;
}
