import type { SwitchboardBridge } from '../../../shared/contract';
import type { CsatSettings, CsatSettingsSave, CsatView } from '../../../shared/csat';
import { createCall } from '../bridge/call';

/** What the satisfaction survey screens ask of the client core: each read live from the server. */
export interface CsatController {
  /** A conversation's survey and answer; null when no survey was sent. */
  answer(conversationId: string): Promise<CsatView | null>;
  /** Admins: the survey settings. */
  settings(): Promise<CsatSettings>;
  /** Admins: changes the survey settings; throws an AppError the form shows. */
  save(settings: CsatSettingsSave): Promise<CsatSettings>;
}

export function createCsatController(bridge: SwitchboardBridge): CsatController {
  const call = createCall(bridge);
  return {
    answer: (conversationId) => call('csat.get', { conversationId }),
    settings: () => call('csatAdmin.settings', {}),
    save: (settings) => call('csatAdmin.saveSettings', settings),
  };
}
