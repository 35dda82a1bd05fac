import { weeklyReportSettings } from '../../domain/reports/weekly-report-settings';
import type { AgentRequestContext } from './agent-request-context';

const adminsOnly = { roles: ['admin'] as const, refusal: 'Only admins can manage the weekly report.' };

/** The weekly summary mail for admins: its settings and a test mail to themselves. */
export function registerWeeklyReportRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, weeklyReport } = services;
  serve('reports:weeklySettings:get', async () => weeklyReportSettings(db, user), adminsOnly);
  serve('reports:weeklySettings:set', async (save) => weeklyReportSettings(db, user, save), adminsOnly);
  serve('reports:weeklySend', async () => {
    if (!weeklyReport) throw new Error('the weekly report job is not running on this server');
    return weeklyReport.sendTest(user);
  }, adminsOnly);
}
