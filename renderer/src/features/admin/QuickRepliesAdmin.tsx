import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { QUICK_REPLY_IMPORT_MAX_CHARS, quickReplyFormatOf, type QuickReplyFileFormat, type QuickReplyImportResult } from '../../../../shared/quick-reply-exchange';
import { useKnowledge } from '../../app/knowledge-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { blankDraft, draftOf, groupTemplates, type TemplateDraft } from '../templates/template-form';
import { bareShortcut } from '../templates/template-match';
import { TemplateForm } from '../templates/TemplateManager';
import { useTemplatesStore } from '../templates/templates-store';
import { TemplateRowActions } from '../templates/TemplateRowActions';
import { useTemplateRemoval } from '../templates/use-template-removal';
import { describeQuickReplyProblem, quickRepliesDownload } from './quick-replies-exchange-logic';
import { ImportFileButton } from './ImportFileButton';
import { saveTextFile } from './save-file';

/**
 * The team's quick replies, kept by admins and supervisors: each with its shortcut, language and
 * category; added, changed and deleted here (the server refuses a shortcut the team already uses
 * in that language, and audits every change). Personal replies stay in the reply box's manager.
 * The team's replies go out to and come in from a JSON or CSV file; an import is all or nothing.
 */
export function QuickRepliesAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const knowledge = useKnowledge();
  const templates = useTemplatesStore((s) => s.templates);
  const status = useTemplatesStore((s) => s.status);
  const team = useMemo(() => groupTemplates(templates).team, [templates]);
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const { confirming, error, setError, busy, remove } = useTemplateRemoval();
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<QuickReplyImportResult | null>(null);
  const [importError, setImportError] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (status === 'idle') void knowledge.loadTemplates();
  }, [knowledge, status]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file may be picked again after it was fixed.
    event.target.value = '';
    if (!file) return;
    setImportResult(null);
    setImportError(null);
    setNotice(null);
    if (file.size > QUICK_REPLY_IMPORT_MAX_CHARS) {
      setNotice(t('quickAdmin.import.fileTooLarge', { name: file.name }));
      return;
    }
    setImporting(true);
    try {
      setImportResult(await knowledge.importTemplates({ text: await file.text(), format: quickReplyFormatOf(file.name) }));
    } catch (err) {
      setImportError(toAppError(err).toJSON());
    } finally {
      setImporting(false);
    }
  }

  function exportFile(format: QuickReplyFileFormat) {
    const file = quickRepliesDownload(team, format);
    saveTextFile(file);
    setImportResult(null);
    setNotice(t('quickAdmin.exported', { filename: file.filename, count: team.length }));
  }

  const imported = importResult !== null && importResult.errors.length === 0;
  return (
    <section className="admin-section" aria-labelledby="quick-admin-heading" data-testid="quick-admin">
      <div className="admin-section-header">
        <div>
          <h3 id="quick-admin-heading" className="admin-section-title">
            {t('quick.teamTitle')}
          </h3>
          <p className="admin-section-intro">{t('quickAdmin.intro')}</p>
        </div>
        {!draft && (
          <div className="sensitive-buttons">
            <button
              type="button"
              className="button button-primary"
              data-testid="quick-admin-add"
              disabled={offline}
              onClick={() => setDraft({ ...blankDraft('admin', language), scope: 'team' })}
            >
              {t('quick.add')}
            </button>
            <ImportFileButton
              testId="quick-admin-import"
              label={t('quickAdmin.import')}
              busyLabel={t('quickAdmin.importing')}
              fileLabel={t('quickAdmin.importFileLabel')}
              accept=".json,.csv,application/json,text/csv"
              busy={importing}
              disabled={offline}
              onFile={onFile}
            />
            <button type="button" className="button button-quiet" data-testid="quick-admin-export-json" disabled={team.length === 0} onClick={() => exportFile('json')}>
              {t('quickAdmin.exportJson')}
            </button>
            <button type="button" className="button button-quiet" data-testid="quick-admin-export-csv" disabled={team.length === 0} onClick={() => exportFile('csv')}>
              {t('quickAdmin.exportCsv')}
            </button>
          </div>
        )}
      </div>
      {notice && (
        <p className="view-notice" role="status" data-testid="quick-admin-notice">
          {notice}
        </p>
      )}
      {importError && (
        <p className="form-error" role="alert" title={importError.message}>
          {t('quickAdmin.import.failed', { reason: describeError(t, importError) })}
        </p>
      )}
      {importResult && (
        <div className={imported ? 'admin-success' : 'form-error'} role={imported ? 'status' : 'alert'} data-testid="quick-import-result">
          <p>
            {imported
              ? t('quickAdmin.import.done', { created: importResult.created, updated: importResult.updated })
              : t('quickAdmin.import.nothing')}
          </p>
          {importResult.errors.length > 0 && (
            <ul className="kb-import-problems">
              {importResult.errors.map((problem, i) => (
                <li key={i} data-testid="quick-import-problem" title={'detail' in problem ? problem.detail : undefined}>
                  {describeQuickReplyProblem(t, problem)}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button button-quiet button-small" onClick={() => setImportResult(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      {offline && (
        <p className="view-notice" role="status">
          {t('quick.offline')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" title={error.message}>
          {t('quick.failed', { reason: describeError(t, error) })}
        </p>
      )}
      {draft ? (
        <TemplateForm
          draft={draft}
          canTeam
          offline={offline}
          categories={[...new Set(templates.map((x) => x.category).filter(Boolean))]}
          onCancel={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            setError(null);
          }}
        />
      ) : team.length === 0 ? (
        <p className="pane-empty">{t('quick.noneTeam')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="data-table" aria-label={t('quick.teamTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('quick.shortcut')}</th>
                <th scope="col">{t('quick.lang')}</th>
                <th scope="col">{t('quick.titleField')}</th>
                <th scope="col">{t('quick.category')}</th>
                <th scope="col">{t('quickAdmin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {team.map((template) => (
                <tr key={template.id} data-testid="quick-admin-row">
                  <td>
                    <code>/{bareShortcut(template.shortcut)}</code>
                  </td>
                  <td>{t(template.lang === 'zh' ? 'kb.langZh' : 'kb.langEn')}</td>
                  <th scope="row">{template.title}</th>
                  <td>{template.category}</td>
                  <td>
                    <TemplateRowActions
                      template={template}
                      disabled={offline || busy}
                      confirming={confirming}
                      onEdit={(chosen) => setDraft(draftOf(chosen))}
                      onRemove={(chosen) => void remove(chosen)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
