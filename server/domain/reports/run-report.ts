import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { previousDays, reportPeriodError, type ReportAnswer, type ReportFigures, type ReportName, type ReportPeriod, type ReportQuery } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { botReport } from './bot-report';
import { csatReport } from './csat-report';
import { queueReport } from './queue-report';
import { reportScope } from './report-scope';
import { accountTimeZone, dayStarts } from './report-time-zone';
import type { ReportWindow } from './report-window';
import { sentimentReport } from './sentiment-report';
import { tagsReport } from './tags-report';
import { timesReport } from './times-report';
import { volumeReport } from './volume-report';

/** Each report's figures over one window. */
export const reportRunners: { [K in ReportName]: (db: Queryable, w: ReportWindow) => Promise<ReportFigures[K]> } = {
  volume: volumeReport,
  times: timesReport,
  queue: queueReport,
  csat: csatReport,
  bot: botReport,
  sentiment: sentimentReport,
  tags: tagsReport,
};

/**
 * One report over the period asked for and the period of the same length before it, counted for
 * `user` (agents: their own figures only). A period backwards or longer than REPORT_MAX_DAYS is
 * `bad_request`.
 */
export async function runReport<K extends ReportName>(db: Queryable, user: User, name: K, query: ReportQuery, now: number): Promise<ReportAnswer<K>> {
  const wrong = reportPeriodError(query);
  if (wrong) throw new AppError('bad_request', wrong);
  const { scope, agentId } = reportScope(user, query);
  const timeZone = await accountTimeZone(db, user.accountId);
  const window = async (days: { from: string; to: string }): Promise<ReportWindow> => ({
    accountId: user.accountId, ...days, ...(await dayStarts(db, days.from, days.to, timeZone)), timeZone, now: new Date(now),
    channelKind: query.channelKind ?? null, groupId: query.groupId ?? null, agentId,
  });
  const current = await window({ from: query.from, to: query.to });
  const before = await window(previousDays(query));
  const period = (w: ReportWindow): ReportPeriod => ({ from: w.from, to: w.to, start: w.start.toISOString(), end: w.end.toISOString() });
  const run = reportRunners[name];
  return {
    timeZone, scope, agentId,
    period: period(current),
    previousPeriod: period(before),
    current: await run(db, current),
    previous: await run(db, before),
  };
}
