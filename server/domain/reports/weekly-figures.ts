import type { User } from '../../../shared/domain';
import type { ReportAnswer } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { runReport } from './run-report';
import type { ReportWeek } from './weekly-schedule';

/** The reports the weekly summary quotes, each for the week and the week before. */
export type WeeklyFigures = {
  volume: ReportAnswer<'volume'>;
  times: ReportAnswer<'times'>;
  queue: ReportAnswer<'queue'>;
  csat: ReportAnswer<'csat'>;
  bot: ReportAnswer<'bot'>;
  tags: ReportAnswer<'tags'>;
};

/** The figures of one week at account scope (as a supervisor reads them in Reports), with the previous week. */
export async function weeklyFigures(db: Queryable, accountId: string, week: ReportWeek, now: number): Promise<WeeklyFigures> {
  // Account scope, unfiltered: the reports count for a supervisor of the account.
  const reader: User = { id: 'weekly-report', accountId, email: '', name: '', role: 'supervisor' };
  const query = { from: week.weekStart, to: week.weekEnd };
  return {
    volume: await runReport(db, reader, 'volume', query, now),
    times: await runReport(db, reader, 'times', query, now),
    queue: await runReport(db, reader, 'queue', query, now),
    csat: await runReport(db, reader, 'csat', query, now),
    bot: await runReport(db, reader, 'bot', query, now),
    tags: await runReport(db, reader, 'tags', query, now),
  };
}
