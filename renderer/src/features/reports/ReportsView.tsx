import { useMemo, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useSessionStore } from '../../stores/session-store';
import { BotReport } from './BotReport';
import { CsatReport } from './CsatReport';
import { QueueReport } from './QueueReport';
import { ReportFilterFields } from './ReportFilterFields';
import { ReportPeriodPicker } from './ReportPeriodPicker';
import { SentimentReport } from './SentimentReport';
import { TagsReport } from './TagsReport';
import { TimesReport } from './TimesReport';
import { VolumeReport } from './VolumeReport';
import { localDay, NO_FILTERS, presetPeriod, reportQueryOf, type PickedPeriod, type ReportFilters } from './report-period';

/**
 * Reports (报表): the figures of a period beside the period before it, as charts and tables, each
 * table exportable as CSV. Supervisors and admins see the account's and may filter by agent;
 * agents see only their own figures. `now` is the clock the presets count from (tests pass one).
 */
export function ReportsView({ now }: { now?: number }) {
  const t = useT();
  const role = useSessionStore((s) => s.session?.user?.role ?? null);
  const status = useConnectionStore((s) => s.connection?.status ?? null);
  const online = status === 'online';
  const offline = status === 'offline' || status === 'signed_out';
  const [today] = useState(() => localDay(now ?? Date.now()));
  const [period, setPeriod] = useState<PickedPeriod>(() => presetPeriod('last7', today));
  const [filters, setFilters] = useState<ReportFilters>(NO_FILTERS);
  const canFilterAgent = role === 'supervisor' || role === 'admin';
  const query = useMemo(() => reportQueryOf(period, filters, canFilterAgent), [period, filters, canFilterAgent]);
  const section = { query, online };

  return (
    <main className="view reports" aria-labelledby="reports-heading" data-testid="reports-view">
      <div className="view-header">
        <h2 id="reports-heading" className="view-title">
          {t('reports.heading')}
        </h2>
      </div>
      <div className="report-controls" role="group" aria-label={t('reports.controls')}>
        <ReportPeriodPicker period={period} today={today} onChange={setPeriod} />
        <ReportFilterFields filters={filters} canFilterAgent={canFilterAgent} onChange={setFilters} />
      </div>
      {!canFilterAgent && (
        <p className="report-note report-own" data-testid="reports-own-note">
          {t('reports.ownFigures')}
        </p>
      )}
      {offline && (
        <p className="view-notice" role="status" data-testid="reports-offline">
          {t('reports.offline')}
        </p>
      )}
      {!query && (
        <p className="form-error" role="alert" data-testid="reports-bad-period">
          {t('reports.badPeriod')}
        </p>
      )}
      <div className="report-sections">
        <VolumeReport {...section} />
        <TimesReport {...section} />
        <QueueReport {...section} />
        <CsatReport {...section} />
        <BotReport {...section} />
        <SentimentReport {...section} />
        <TagsReport {...section} />
      </div>
    </main>
  );
}
