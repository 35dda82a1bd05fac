import { useState, type ReactNode } from 'react';
import { toAppError } from '../../../../shared/errors';
import type { ReportAnswer, ReportName, ReportQuery } from '../../../../shared/reports';
import { useReports } from '../../app/reports-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { saveTextFile } from '../admin/save-file';
import { useReport } from './use-report';

/**
 * One report's section: its heading and "Export CSV", then the figures once read (or why not:
 * reading, offline, failed). `empty` says when this period counted nothing; the note replaces the
 * charts, and the figures still show what the previous period had.
 */
export function ReportSection<K extends ReportName>({ name, title, query, online, empty, emptyNote, children }: {
  name: K;
  title: string;
  query: ReportQuery | null;
  online: boolean;
  empty(answer: ReportAnswer<K>): boolean;
  emptyNote?: string;
  children(answer: ReportAnswer<K>, empty: boolean): ReactNode;
}) {
  const t = useT();
  const reports = useReports();
  const load = useReport(name, query, online);
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const headingId = `report-${name}-heading`;

  async function exportCsv() {
    if (!query) return;
    setExporting(true);
    setNote(null);
    try {
      const { filename, csv } = await reports.csv({ ...query, report: name });
      saveTextFile({ filename, body: csv, type: 'text/csv;charset=utf-8' });
      setNote({ ok: true, text: t('reports.exported', { filename }) });
    } catch (err) {
      setNote({ ok: false, text: t('reports.exportFailed', { reason: describeError(t, toAppError(err).toJSON()) }) });
    } finally {
      setExporting(false);
    }
  }

  const isEmpty = load.state === 'ready' && empty(load.answer);
  return (
    <section className="report-section" aria-labelledby={headingId} data-testid={`report-${name}`} data-state={load.state}>
      <div className="report-section-head">
        <h3 id={headingId}>{title}</h3>
        <button
          type="button"
          className="button"
          data-testid={`report-${name}-export`}
          disabled={!online || !query || exporting}
          onClick={() => void exportCsv()}
          aria-label={t('reports.exportOf', { report: title })}
        >
          {exporting ? t('reports.exporting') : t('reports.export')}
        </button>
      </div>
      {note && (
        <p className={note.ok ? 'report-note' : 'form-error'} role={note.ok ? 'status' : 'alert'} data-testid={`report-${name}-export-note`}>
          {note.text}
        </p>
      )}
      {load.state === 'loading' && <p className="report-note">{t('reports.loading')}</p>}
      {load.state === 'failed' && (
        <p className="form-error" role="alert" title={load.error.message}>
          {t('reports.failed', { reason: describeError(t, load.error) })}
        </p>
      )}
      {load.state === 'ready' && (
        <>
          {isEmpty && (
            <p className="report-note" data-testid={`report-${name}-empty`}>
              {emptyNote ?? t('reports.empty')}
            </p>
          )}
          {children(load.answer, isEmpty)}
        </>
      )}
    </section>
  );
}
