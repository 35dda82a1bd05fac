import { useEffect, useMemo, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { TicketStats, TicketStatsGroup } from '../../../../shared/ticket-stats';
import { useTickets } from '../../app/tickets-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import { saveTextFile } from '../admin/save-file';
import { formatPercent, formatSpan, lastThirtyDays, statsQueryOf, type StatsPeriod } from './ticket-stats-logic';
import { useTicketsStore } from './tickets-store';

const ANY = '';

type Load = { state: 'loading' } | { state: 'failed'; error: AppErrorShape } | { state: 'ready'; stats: TicketStats };

/**
 * Ticket figures over a period (the last 30 days unless changed), for one department or type when
 * chosen: counts by status, type and department, average first response and time to solve, SLA met.
 * Counted by the server for this user (the account, their departments, or their own tickets).
 */
export function TicketStatsPanel({ online, now = Date.now() }: { online: boolean; now?: number }) {
  const t = useT();
  const tickets = useTickets();
  const meta = useTicketsStore((s) => s.meta);
  const [period, setPeriod] = useState<StatsPeriod>(() => lastThirtyDays(now));
  const [departmentId, setDepartmentId] = useState(ANY);
  const [typeId, setTypeId] = useState(ANY);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const query = useMemo(() => statsQueryOf(period, { departmentId, typeId }), [period, departmentId, typeId]);

  useEffect(() => {
    if (!online || !query) return;
    let live = true;
    setLoad({ state: 'loading' });
    tickets.stats(query).then(
      (stats) => live && setLoad({ state: 'ready', stats }),
      (err: unknown) => live && setLoad({ state: 'failed', error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [tickets, online, query]);

  async function exportCsv() {
    if (!query) return;
    setExporting(true);
    setExportNote(null);
    try {
      const { filename, csv } = await tickets.exportStats(query);
      saveTextFile({ filename, body: csv, type: 'text/csv;charset=utf-8' });
      setExportNote({ ok: true, text: t('tickets.stats.exported', { filename }) });
    } catch (err) {
      setExportNote({ ok: false, text: t('tickets.stats.exportFailed', { reason: describeError(t, toAppError(err).toJSON()) }) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="ticket-stats" aria-labelledby="ticket-stats-heading" data-testid="ticket-stats">
      <h3 id="ticket-stats-heading">{t('tickets.stats.heading')}</h3>
      <div className="ticket-field-filters" role="group" aria-label={t('tickets.filters.label')}>
        <div className="field">
          <label htmlFor="ticket-stats-from">{t('tickets.stats.from')}</label>
          <input id="ticket-stats-from" type="date" value={period.fromDay} onChange={(e) => setPeriod({ ...period, fromDay: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ticket-stats-to">{t('tickets.stats.to')}</label>
          <input id="ticket-stats-to" type="date" value={period.toDay} onChange={(e) => setPeriod({ ...period, toDay: e.target.value })} />
        </div>
        <SelectField
          id="ticket-stats-department"
          label={t('tickets.filter.department')}
          value={departmentId}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...(meta?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          onChange={setDepartmentId}
        />
        <SelectField
          id="ticket-stats-type"
          label={t('tickets.filter.type')}
          value={typeId}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...(meta?.types ?? []).map((ty) => ({ value: ty.id, label: ty.name }))]}
          onChange={setTypeId}
        />
        <button type="button" className="button" data-testid="ticket-stats-export" disabled={!online || !query || exporting} onClick={() => void exportCsv()}>
          {exporting ? t('tickets.stats.exporting') : t('tickets.stats.export')}
        </button>
      </div>
      {exportNote && (
        <p className={exportNote.ok ? 'dialog-muted' : 'form-error'} role={exportNote.ok ? 'status' : 'alert'} data-testid="ticket-stats-export-note">
          {exportNote.text}
        </p>
      )}
      {!online ? (
        <p className="dialog-muted">{t('tickets.stats.offline')}</p>
      ) : !query ? (
        <p className="form-error" role="alert">{t('tickets.stats.badPeriod')}</p>
      ) : load.state === 'failed' ? (
        <p className="form-error" role="alert" title={load.error.message}>
          {t('tickets.stats.loadFailed', { reason: describeError(t, load.error) })}
        </p>
      ) : load.state === 'loading' ? (
        <p className="dialog-muted">{t('tickets.stats.loading')}</p>
      ) : (
        <StatsTables t={t} stats={load.stats} />
      )}
    </section>
  );
}

function StatsTables({ t, stats }: { t: Translate; stats: TicketStats }) {
  const { totals } = stats;
  return (
    <div data-testid="ticket-stats-figures" data-scope={stats.scope}>
      <p className="dialog-muted">{t(`tickets.stats.scope.${stats.scope}`)}</p>
      <dl className="ticket-stats-totals">
        <dt>{t('tickets.stats.tickets')}</dt>
        <dd data-testid="ticket-stats-total">{totals.tickets}</dd>
        <dt>{t('tickets.stats.avgFirstResponse')}</dt>
        <dd data-testid="ticket-stats-first-response">{formatSpan(t, totals.avgFirstResponseSeconds)}</dd>
        <dt>{t('tickets.stats.avgSolve')}</dt>
        <dd data-testid="ticket-stats-solve">{formatSpan(t, totals.avgSolveSeconds)}</dd>
        <dt>{t('tickets.stats.slaMet')}</dt>
        <dd data-testid="ticket-stats-sla">{formatPercent(totals.slaMetPercent)}</dd>
      </dl>
      <table aria-label={t('tickets.stats.byStatus')}>
        <thead>
          <tr>
            <th scope="col">{t('tickets.filter.status')}</th>
            <th scope="col">{t('tickets.stats.tickets')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.byStatus.map((row) => (
            <tr key={row.status}>
              <th scope="row">{t(`tickets.status.${row.status}`)}</th>
              <td>{row.tickets}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupTable t={t} label={t('tickets.stats.byType')} head={t('tickets.filter.type')} rows={stats.byType} />
      <GroupTable t={t} label={t('tickets.stats.byDepartment')} head={t('tickets.filter.department')} rows={stats.byDepartment} />
    </div>
  );
}

function GroupTable({ t, label, head, rows }: { t: Translate; label: string; head: string; rows: readonly TicketStatsGroup[] }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('tickets.stats.tickets')}</th>
          <th scope="col">{t('tickets.stats.open')}</th>
          <th scope="col">{t('tickets.stats.solved')}</th>
          <th scope="col">{t('tickets.stats.avgFirstResponse')}</th>
          <th scope="col">{t('tickets.stats.avgSolve')}</th>
          <th scope="col">{t('tickets.stats.slaMet')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id ?? 'none'}>
            <th scope="row">{row.name ?? t('tickets.stats.none')}</th>
            <td>{row.tickets}</td>
            <td>{row.open}</td>
            <td>{row.solved}</td>
            <td>{formatSpan(t, row.avgFirstResponseSeconds)}</td>
            <td>{formatSpan(t, row.avgSolveSeconds)}</td>
            <td>{formatPercent(row.slaMetPercent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
