import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { useSupervision } from '../../app/supervision-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useAuditStore } from '../../stores/audit-store';
import { useSessionStore } from '../../stores/session-store';
import { useViewStore } from '../../stores/view-store';
import { openChat } from '../shortcuts/shortcut-actions';
import { useInboxStore } from '../../stores/inbox-store';
import { useTeamStore } from '../../stores/team-store';
import { RetryNotice } from '../common/RetryNotice';
import { auditActionLabel, auditConversationId, auditDetails, auditTargetLabel, csvDownload, type AuditNames } from './audit-logic';
import { saveTextFile } from './save-file';
import { AdminSectionHeader } from './AdminSectionHeader';

/**
 * The audit log, newest first: a search the server runs, older pages on demand, and the log (as
 * searched) exported as a CSV file. Needs the connection; offline it says so.
 */
export function AuditLog({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const controller = useController();
  const supervision = useSupervision();
  const audit = useAuditStore();
  const agents = useTeamStore((s) => s.agents);
  const teamStatus = useTeamStore((s) => s.status);
  const conversations = useInboxStore((s) => s.byId);
  // Supervisors read the log (who downloaded which file, who whispered what); the export is the admins'.
  const canExport = useSessionStore((s) => s.session?.user?.role === 'admin');
  const [text, setText] = useState(audit.query);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const ids = { search: useId(), status: useId() };

  // The log grows all the time: its first page is read again whenever it is shown, and when the
  // connection returns. What was shown stays on screen until the answer comes.
  useEffect(() => {
    if (!offline) void supervision.searchAudit(useAuditStore.getState().query);
  }, [offline, supervision]);

  // Colleagues' names turn ids in the details into people.
  useEffect(() => {
    if (!offline && teamStatus === 'idle') void controller.loadTeam();
  }, [offline, teamStatus, controller]);

  const names = useMemo<AuditNames>(() => {
    const people = new Map(agents.map((a) => [a.id, a.name]));
    return {
      user: (id) => people.get(id) ?? null,
      conversation: (id) => conversations[id]?.contactName ?? null,
    };
  }, [agents, conversations]);

  function search(event: FormEvent) {
    event.preventDefault();
    setExported(null);
    void supervision.searchAudit(text);
  }

  function clear() {
    setText('');
    setExported(null);
    void supervision.searchAudit('');
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    setExported(null);
    try {
      const { filename, csv } = await supervision.exportAudit(audit.query);
      const file = csvDownload(filename, csv);
      saveTextFile(file);
      setExported(file.filename);
    } catch (err) {
      setExportError(toAppError(err).toJSON());
    } finally {
      setExporting(false);
    }
  }

  const loading = audit.status === 'loading';
  return (
    <section className="admin-section" aria-labelledby="audit-heading" data-testid="audit-log">
      <AdminSectionHeader headingId="audit-heading" title={t('audit.heading')} intro={t('audit.intro')}>
      {canExport && (
        <button
          type="button"
          className="button button-quiet"
          data-testid="audit-export"
          disabled={offline || exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? t('audit.exporting') : t('audit.export')}
        </button>
      )}
      </AdminSectionHeader>

      {offline && (
        <p className="view-notice" role="status" data-testid="audit-offline">
          {t('audit.offline')}
        </p>
      )}

      <form className="audit-search" role="search" onSubmit={search}>
        <label htmlFor={ids.search} className="visually-hidden">
          {t('audit.searchLabel')}
        </label>
        <input
          id={ids.search}
          type="search"
          data-testid="audit-search"
          value={text}
          maxLength={200}
          placeholder={t('audit.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={offline || loading}>
          {t('audit.search')}
        </button>
        {(text !== '' || audit.query !== '') && (
          <button type="button" className="button button-quiet" disabled={offline || loading} onClick={clear}>
            {t('audit.clear')}
          </button>
        )}
      </form>

      {exportError && (
        <p className="form-error" role="alert" title={exportError.message} data-testid="audit-export-error">
          {t('audit.exportFailed', { reason: describeError(t, exportError) })}
        </p>
      )}
      {exported && (
        <p className="admin-success" role="status">
          {t('audit.exported', { filename: exported })}
        </p>
      )}

      {audit.status === 'failed' && audit.error && !offline && (
        <RetryNotice
          message={t('audit.loadFailed', { reason: describeError(t, audit.error) })}
          title={audit.error.message}
          testId="audit-error"
          onRetry={() => void supervision.searchAudit(audit.query)}
        />
      )}
      {loading && audit.entries.length === 0 && (
        <p className="pane-empty" role="status">
          {t('audit.loading')}
        </p>
      )}
      {audit.status === 'ready' && audit.entries.length === 0 && (
        <p className="pane-empty" data-testid="audit-empty">
          {audit.query ? t('audit.emptySearch', { query: audit.query }) : t('audit.empty')}
        </p>
      )}

      {audit.entries.length > 0 && (
        <>
          <div className="admin-table-wrap">
            <table className="data-table audit-table" aria-label={t('audit.tableLabel')} aria-busy={loading || undefined} data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.when')}</th>
                  <th scope="col">{t('audit.col.who')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.target')}</th>
                  <th scope="col">{t('audit.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.entries.map((entry) => {
                  const details = auditDetails(t, entry.details, names, entry);
                  const conversationId = auditConversationId(entry);
                  return (
                    <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                      <td className="audit-when">
                        <time dateTime={entry.createdAt}>{formatFull(entry.createdAt, language)}</time>
                      </td>
                      <td>{entry.actorName ?? (entry.actorId ? names.user(entry.actorId) ?? entry.actorId : t('audit.system'))}</td>
                      <th scope="row" className="audit-action" title={entry.action}>
                        {auditActionLabel(t, entry.action)}
                      </th>
                      <td>
                        {entry.targetId !== null && auditTargetLabel(t, entry, names) !== auditTargetLabel(t, { ...entry, targetId: null }) ? (
                          <span className="audit-target" title={entry.targetId} data-target-id={entry.targetId}>
                            {auditTargetLabel(t, entry, names)}
                          </span>
                        ) : (
                          auditTargetLabel(t, entry, names)
                        )}
                        {conversationId && (
                          <button
                            type="button"
                            className="button button-link audit-open"
                            data-testid="audit-open-conversation"
                            onClick={() => {
                              useViewStore.getState().setView('inbox');
                              openChat(controller, conversationId);
                            }}
                          >
                            {t('audit.openConversation')}
                          </button>
                        )}
                      </td>
                      <td>
                        {details.length === 0 ? (
                          <span className="monitor-none">{t('monitor.none')}</span>
                        ) : (
                          <dl className="audit-details">
                            {details.map((d, i) => (
                              <div key={`${i}-${d.label}`}>
                                <dt>{d.label}</dt>
                                <dd>{d.value}</dd>
                              </div>
                            ))}
                          </dl>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="audit-footer">
            <span className="pane-meta" id={ids.status}>
              {t('audit.shown', { count: audit.entries.length })}
            </span>
            {audit.nextBefore !== null ? (
              <button
                type="button"
                className="button button-quiet"
                data-testid="audit-load-more"
                aria-describedby={ids.status}
                disabled={offline || audit.loadingMore || loading}
                onClick={() => void supervision.loadMoreAudit()}
              >
                {audit.loadingMore ? t('audit.loadingMore') : t('audit.loadMore')}
              </button>
            ) : (
              audit.status === 'ready' && <span className="pane-meta">{t('audit.end')}</span>
            )}
          </div>
          {audit.moreError && (
            <p className="form-error" role="alert" title={audit.moreError.message}>
              {t('audit.loadMoreFailed', { reason: describeError(t, audit.moreError) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
