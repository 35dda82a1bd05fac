import { backoffDelay, type BackoffCurve } from '../../../shared/backoff';
import { AppError } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import type { WeeklyReportTestResult } from '../../../shared/weekly-report';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { PolledJob } from '../../lib/polled-job';
import type { Timers } from '../../lib/timers';
import type { ChannelRecord } from '../channels/channel-repository';
import type { Viewer } from '../conversations/permissions';
import { listAccountIds } from '../routing/routing-moves-repository';
import { requireAdmin } from '../team/require-admin';
import { accountTimeZone } from './report-time-zone';
import { weeklyFigures } from './weekly-figures';
import { claimWeek, failMailing, finishMailing, hasMailings, leaseDueMailing, recordRecipient, type LeasedMailing } from './weekly-mailings';
import { mailFailure, openSummaryMailer } from './weekly-report-mailer';
import { reportChannel } from './weekly-report-channel';
import { summaryRecipients } from './weekly-report-recipients';
import { readWeeklyReportSettings } from './weekly-report-settings';
import { addDays, lastFullWeek, latestDueWeek, type ReportWeek } from './weekly-schedule';
import { composeWeeklySummary, type WeeklySummary } from './weekly-summary';

/** How often due summaries are looked for (ms). */
export const DEFAULT_WEEKLY_REPORT_POLL_MS = 5 * 60_000;
/** A due time missed by more than this (the server was down) is skipped: the mail would be stale. */
export const WEEKLY_REPORT_MAX_LATE_MS = 24 * 3_600_000;
/** How long a node holds a mailing while it sends; past it another node may take it over. */
const LEASE_MS = 10 * 60_000;
/** Waits after failed sends: 5 min, 10, 20, … up to 2 h; given up after MAX_ATTEMPTS. */
export const WEEKLY_REPORT_RETRY: BackoffCurve = { baseMs: 5 * 60_000, capMs: 2 * 3_600_000 };
const MAX_ATTEMPTS = 10;

export type WeeklyReportJobOptions = {
  db: Db;
  clock: Clock;
  logError: ErrorLogger;
  timers?: Timers;
  pollMs?: number;
};

/**
 * The weekly service summary: at each account's weekday and hour (local), the previous full week's
 * figures are mailed to its active supervisors and admins through its first email channel with
 * SMTP. Each week is claimed as a row before anything is sent, so several nodes and restarts mail
 * it once; failed sends are tried again with backoff, to the recipients who did not get it only.
 * A new server (or a test's) does not make up a due time from before it started, except for
 * accounts it mailed before (a restart), and never more than WEEKLY_REPORT_MAX_LATE_MS late.
 */
export class WeeklyReportJob extends PolledJob {
  private readonly startedAt: number;

  constructor(private readonly options: WeeklyReportJobOptions) {
    super({ timers: options.timers, pollMs: options.pollMs ?? DEFAULT_WEEKLY_REPORT_POLL_MS, logError: options.logError, name: 'weekly report' });
    this.startedAt = options.clock();
  }

  /**
   * Admins: mails the last full week's summary to the admin alone, now ("send a test to me"). No
   * email channel with SMTP: `conflict`; the mail server refused or is unreachable: `mail_failed`.
   */
  async sendTest(admin: Viewer): Promise<WeeklyReportTestResult> {
    requireAdmin(admin, 'send the weekly report');
    const { db, clock } = this.options;
    const channel = await reportChannel(db, admin.accountId);
    if (!channel) throw new AppError('conflict', 'The account has no active email channel with an SMTP server to send the report through.');
    const [me] = await db.query<{ email: string; name: string }>('SELECT email, name FROM users WHERE id = $1', [admin.id]);
    if (!me) throw new AppError('not_found', 'No such user.');
    const now = clock();
    const week = lastFullWeek(now, await accountTimeZone(db, admin.accountId));
    const summary = await this.summary(admin.accountId, week, (await readWeeklyReportSettings(db, admin.accountId)).language, now);
    const mailer = openSummaryMailer(channel);
    try {
      await mailer.send(me, summary);
    } catch (err) {
      throw new AppError('mail_failed', mailFailure(err));
    } finally {
      mailer.close();
    }
    return { to: me.email, ...week };
  }

  protected async runOnce(): Promise<number> {
    for (const accountId of await listAccountIds(this.options.db)) {
      if (this.worker.stopped) break;
      try {
        await this.sweepAccount(accountId);
      } catch (err) {
        this.options.logError(err, 'weekly report');
      }
    }
    return 0;
  }

  private async sweepAccount(accountId: string): Promise<void> {
    const { db, clock } = this.options;
    const settings = await readWeeklyReportSettings(db, accountId);
    if (!settings.enabled) return;
    const channel = await reportChannel(db, accountId);
    if (!channel) return;
    const now = clock();
    const due = latestDueWeek(now, await accountTimeZone(db, accountId), settings);
    const recent = now - due.dueAt <= WEEKLY_REPORT_MAX_LATE_MS;
    if (recent && (due.dueAt >= this.startedAt || (await hasMailings(db, accountId)))) await claimWeek(db, accountId, due, due.dueAt);
    for (let mailing = await leaseDueMailing(db, accountId, now, LEASE_MS); mailing; mailing = await leaseDueMailing(db, accountId, clock(), LEASE_MS)) {
      if (this.worker.stopped) return;
      try {
        await this.deliver(mailing, channel, settings.language);
      } catch (err) {
        // The figures or the mail could not be made: tried again later like a refused mail.
        await this.retryLater(mailing, err instanceof Error ? err.message : String(err));
        this.options.logError(err, 'weekly report');
      }
    }
  }

  /** Sends a leased mailing to everyone who has not had it yet; records each mail as it goes. */
  private async deliver(mailing: LeasedMailing, channel: ChannelRecord, language: Language): Promise<void> {
    const { db, clock } = this.options;
    const week: ReportWeek = { weekStart: mailing.weekStart, weekEnd: addDays(mailing.weekStart, 7) };
    const recipients = (await summaryRecipients(db, mailing.accountId)).filter((r) => !mailing.sentTo.includes(r.id));
    const failures: string[] = [];
    if (recipients.length > 0) {
      const summary = await this.summary(mailing.accountId, week, language, clock());
      const mailer = openSummaryMailer(channel);
      try {
        for (const recipient of recipients) {
          try {
            await mailer.send(recipient, summary);
            await recordRecipient(db, mailing, recipient.id);
          } catch (err) {
            failures.push(`${recipient.email}: ${mailFailure(err)}`);
          }
        }
      } finally {
        mailer.close();
      }
    }
    if (failures.length === 0) {
      await finishMailing(db, mailing, clock());
      return;
    }
    await this.retryLater(mailing, failures.join('; '));
    this.options.logError(new Error(`weekly report for ${mailing.weekStart} not sent to ${failures.length} of ${recipients.length}: ${failures[0]}`), 'weekly report');
  }

  /** Gives the mailing back for a later sweep after the backoff, or gives up after MAX_ATTEMPTS. */
  private async retryLater(mailing: LeasedMailing, error: string): Promise<void> {
    const retryAt = mailing.attempts + 1 >= MAX_ATTEMPTS ? null : this.options.clock() + backoffDelay(WEEKLY_REPORT_RETRY, mailing.attempts);
    await failMailing(this.options.db, mailing, error, retryAt);
  }

  private async summary(accountId: string, week: ReportWeek, language: Language, now: number): Promise<WeeklySummary> {
    const { db } = this.options;
    const [account] = await db.query<{ name: string }>('SELECT name FROM accounts WHERE id = $1', [accountId]);
    return composeWeeklySummary({ accountName: account?.name ?? '', language, week, figures: await weeklyFigures(db, accountId, week, now) });
  }
}

