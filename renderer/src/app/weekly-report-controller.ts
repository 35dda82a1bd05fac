import type { SwitchboardBridge } from '../../../shared/contract';
import type { WeeklyReportSettingsSave, WeeklyReportStatus, WeeklyReportTestResult } from '../../../shared/weekly-report';
import { createCall } from '../bridge/call';

/** What the weekly report admin section asks of the client core: each live from the server. */
export interface WeeklyReportController {
  /** Admins: the settings, their time zone and whether a mail can go out. */
  status(): Promise<WeeklyReportStatus>;
  /** Admins: changes the settings; throws an AppError the form shows. */
  save(settings: WeeklyReportSettingsSave): Promise<WeeklyReportStatus>;
  /** Admins: mails the last full week's summary to the caller now. */
  sendTest(): Promise<WeeklyReportTestResult>;
}

export function createWeeklyReportController(bridge: SwitchboardBridge): WeeklyReportController {
  const call = createCall(bridge);
  return {
    status: () => call('weeklyReport.settings', {}),
    save: (settings) => call('weeklyReport.saveSettings', settings),
    sendTest: () => call('weeklyReport.sendTest', {}),
  };
}
