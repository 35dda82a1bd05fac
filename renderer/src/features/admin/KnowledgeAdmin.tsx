import { useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import type { KbArticle } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { KB_IMPORT_MAX_CHARS, type KbImportResult } from '../../../../shared/kb-exchange';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useKbAdminStore } from '../../stores/kb-admin-store';
import { SelectField } from '../common/SelectField';
import { RetryNotice } from '../common/RetryNotice';
import { ArticleEditor } from './ArticleEditor';
import { KnowledgeLearning } from './KnowledgeLearning';
import { draftFromQuestion } from './learning-logic';
import {
  articleCategories,
  articleDraftChanged,
  articleDraftOf,
  describeImportProblem,
  emptyArticleDraft,
  emptyKbFilter,
  filterArticles,
  importOutcome,
  jsonDownload,
  kbLangs,
  type ArticleDraft,
  type EnabledFilter,
  type KbFilter,
} from './kb-admin-logic';
import { ImportFileButton } from './ImportFileButton';
import { saveTextFile } from './save-file';

const enabledFilters: readonly EnabledFilter[] = ['all', 'enabled', 'disabled'];
/** The category select's value for "every category" (real categories are prefixed, so none can clash). */
const ALL = 'all';

type Notice = { kind: 'done'; text: string } | { kind: 'error'; text: string; title: string };

/**
 * The knowledge base for admins: every article (disabled ones too) with a search and filters by
 * language, category and state; an editor; enabling and disabling in the list; import from and
 * export to a JSON file. Read and written live on the server, so it needs the connection.
 */
export function KnowledgeAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const admin = useKnowledgeAdmin();
  const { articles, status, error } = useKbAdminStore();
  const [filter, setFilter] = useState<KbFilter>(emptyKbFilter);
  const [draft, setDraft] = useState<ArticleDraft | null>(null);
  /** What waits while the editor holds unsaved text: opening an article (or a new one: null), or closing. */
  const [pending, setPending] = useState<{ open: KbArticle | null } | { question: string } | 'close' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<KbImportResult | null>(null);
  const [importError, setImportError] = useState<AppErrorShape | null>(null);
  const [exporting, setExporting] = useState(false);
  const ids = { search: useId(), lang: useId(), category: useId(), enabled: useId(), count: useId() };

  // The list is read whenever the section is shown and when the connection returns.
  useEffect(() => {
    if (!offline) void admin.loadArticles();
  }, [offline, admin]);

  const categories = useMemo(() => articleCategories(articles, language), [articles, language]);
  const shown = useMemo(() => filterArticles(articles, filter, language), [articles, filter, language]);
  const saved = draft?.id ? articles.find((a) => a.id === draft.id) : undefined;
  const defaultLang = language === 'zh-CN' ? 'zh' : 'en';

  function open(next: KbArticle | null) {
    setPending(null);
    setNotice(null);
    setDraft(next ? articleDraftOf(next) : emptyArticleDraft(defaultLang));
  }

  /** Drops the unsaved text and does what was waiting for it. */
  function discard() {
    if (pending === 'close') {
      setPending(null);
      setDraft(null);
    } else if (pending && 'question' in pending) {
      setPending(null);
      setNotice(null);
      setDraft(draftFromQuestion(pending.question, defaultLang));
    } else if (pending) open(pending.open);
  }

  function ask(next: KbArticle | null) {
    if (draft && articleDraftChanged(draft, saved)) setPending({ open: next });
    else open(next);
  }

  /** "New article from this": the editor opens with the customers' question (unsaved text there is asked about first). */
  function fromQuestion(question: string) {
    if (draft && articleDraftChanged(draft, saved)) {
      setPending({ question });
      return;
    }
    setNotice(null);
    setDraft(draftFromQuestion(question, defaultLang));
  }

  async function toggle(article: KbArticle) {
    setToggling(article.id);
    setNotice(null);
    try {
      const changed = await admin.setArticleEnabled(article.id, !article.enabled);
      setNotice({ kind: 'done', text: t(changed.enabled ? 'kbAdmin.enabledDone' : 'kbAdmin.disabledDone', { title: changed.title }) });
      // The editor shows the new state of the article it holds.
      setDraft((d) => (d && d.id === changed.id ? { ...d, enabled: changed.enabled } : d));
    } catch (err) {
      const e = toAppError(err).toJSON();
      setNotice({ kind: 'error', text: t('kbAdmin.toggleFailed', { title: article.title, reason: describeError(t, e) }), title: e.message });
    } finally {
      setToggling(null);
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file may be picked again after it was fixed.
    event.target.value = '';
    if (!file) return;
    setImportResult(null);
    setImportError(null);
    setNotice(null);
    if (file.size > KB_IMPORT_MAX_CHARS) {
      setNotice({ kind: 'error', text: t('kbAdmin.import.fileTooLarge', { name: file.name }), title: file.name });
      return;
    }
    setImporting(true);
    try {
      setImportResult(await admin.importArticles(await file.text()));
    } catch (err) {
      setImportError(toAppError(err).toJSON());
    } finally {
      setImporting(false);
    }
  }

  async function exportFile() {
    setExporting(true);
    setNotice(null);
    try {
      const { filename, json } = await admin.exportArticles();
      const file = jsonDownload(filename, json);
      saveTextFile(file);
      setNotice({ kind: 'done', text: t('kbAdmin.exported', { filename: file.filename }) });
    } catch (err) {
      const e = toAppError(err).toJSON();
      setNotice({ kind: 'error', text: t('kbAdmin.exportFailed', { reason: describeError(t, e) }), title: e.message });
    } finally {
      setExporting(false);
    }
  }

  const outcome = importResult ? importOutcome(importResult) : null;
  return (
    <section className="admin-section kb-admin" aria-labelledby="kb-admin-heading" data-testid="kb-admin">
      <div className="admin-section-header">
        <div>
          <h3 id="kb-admin-heading" className="admin-section-title">
            {t('kbAdmin.heading')}
          </h3>
          <p className="admin-section-intro">{t('kbAdmin.intro')}</p>
        </div>
        <div className="sensitive-buttons">
          <button type="button" className="button button-primary" data-testid="kb-admin-new" disabled={offline} onClick={() => ask(null)}>
            {t('kbAdmin.new')}
          </button>
          <ImportFileButton
            testId="kb-admin-import"
            label={t('kbAdmin.import')}
            busyLabel={t('kbAdmin.importing')}
            fileLabel={t('kbAdmin.importFileLabel')}
            accept=".json,application/json"
            busy={importing}
            disabled={offline}
            onFile={onFile}
          />
          <button type="button" className="button button-quiet" data-testid="kb-admin-export" disabled={offline || exporting} onClick={() => void exportFile()}>
            {exporting ? t('kbAdmin.exporting') : t('kbAdmin.export')}
          </button>
        </div>
      </div>

      {offline && (
        <p className="view-notice" role="status" data-testid="kb-admin-offline">
          {t('kbAdmin.offline')}
        </p>
      )}

      {notice?.kind === 'done' && (
        <p className="admin-success" role="status" data-testid="kb-admin-done">
          {notice.text}
        </p>
      )}
      {notice?.kind === 'error' && (
        <p className="form-error" role="alert" title={notice.title} data-testid="kb-admin-error">
          {notice.text}
        </p>
      )}

      {importError && (
        <p className="form-error" role="alert" title={importError.message} data-testid="kb-import-error">
          {t('kbAdmin.import.failed', { reason: describeError(t, importError) })}
        </p>
      )}
      {importResult && outcome && (
        <div
          className={outcome === 'done' ? 'admin-success' : 'form-error'}
          role={outcome === 'done' ? 'status' : 'alert'}
          data-testid="kb-import-result"
          data-outcome={outcome}
        >
          <p>
            {outcome === 'done' && t('kbAdmin.import.done', { imported: importResult.imported, updated: importResult.updated })}
            {outcome === 'refused' && t('kbAdmin.import.nothing')}
            {outcome === 'partial' && t('kbAdmin.import.partial', { imported: importResult.imported, updated: importResult.updated })}
          </p>
          {importResult.errors.length > 0 && (
            <ul className="kb-import-problems">
              {importResult.errors.map((problem, i) => (
                <li key={i} data-testid="kb-import-problem">
                  {describeImportProblem(t, problem, (refused) => describeError(t, refused.error))}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button button-quiet button-small" onClick={() => setImportResult(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}

      <div className="kb-admin-filters" role="search">
        <div className="field kb-admin-search">
          <label htmlFor={ids.search} className="visually-hidden">
            {t('kbAdmin.searchLabel')}
          </label>
          <input
            id={ids.search}
            type="search"
            data-testid="kb-admin-search"
            value={filter.query}
            maxLength={200}
            placeholder={t('kbAdmin.searchPlaceholder')}
            onChange={(e) => setFilter((f) => ({ ...f, query: e.target.value }))}
          />
        </div>
        <SelectField
          id={ids.lang}
          label={t('kbAdmin.filter.lang')}
          testId="kb-admin-filter-lang"
          value={filter.lang}
          options={[{ value: 'all' as const, label: t('kbAdmin.filter.allLangs') }, ...kbLangs.map((lang) => ({ value: lang, label: t(`kbAdmin.lang.${lang}`) }))]}
          onChange={(lang) => setFilter((f) => ({ ...f, lang }))}
        />
        <SelectField
          id={ids.category}
          label={t('kbAdmin.filter.category')}
          testId="kb-admin-filter-category"
          value={filter.category === null ? ALL : `c:${filter.category}`}
          options={[{ value: ALL, label: t('kbAdmin.filter.allCategories') }, ...categories.map((c) => ({ value: `c:${c}`, label: c === '' ? t('kbAdmin.noCategory') : c }))]}
          onChange={(value) => setFilter((f) => ({ ...f, category: value === ALL ? null : value.slice(2) }))}
        />
        <SelectField
          id={ids.enabled}
          label={t('kbAdmin.filter.state')}
          testId="kb-admin-filter-enabled"
          value={filter.enabled}
          options={enabledFilters.map((v) => ({ value: v, label: t(`kbAdmin.filter.${v}`) }))}
          onChange={(enabled) => setFilter((f) => ({ ...f, enabled }))}
        />
        <span className="pane-meta" id={ids.count} aria-live="polite">
          {t('kbAdmin.shown', { shown: shown.length, total: articles.length })}
        </span>
      </div>

      {status === 'failed' && error && !offline && (
        <RetryNotice
          message={t('kbAdmin.loadFailed', { reason: describeError(t, error) })}
          title={error.message}
          testId="kb-admin-load-error"
          onRetry={() => void admin.loadArticles()}
        />
      )}
      {status === 'loading' && articles.length === 0 && (
        <p className="pane-empty" role="status">
          {t('kbAdmin.loading')}
        </p>
      )}

      <div className={draft ? 'kb-admin-body kb-admin-body-editing' : 'kb-admin-body'}>
        <div className="admin-table-wrap">
          {status === 'ready' && articles.length === 0 && <p className="pane-empty">{t('kbAdmin.empty')}</p>}
          {articles.length > 0 && shown.length === 0 && <p className="pane-empty">{t('kbAdmin.noMatch')}</p>}
          {shown.length > 0 && (
            <table className="data-table kb-admin-table" aria-label={t('kbAdmin.tableLabel')} aria-describedby={ids.count} data-testid="kb-admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('kbAdmin.col.title')}</th>
                  <th scope="col">{t('kbAdmin.col.lang')}</th>
                  <th scope="col">{t('kbAdmin.col.category')}</th>
                  <th scope="col">{t('kbAdmin.col.questions')}</th>
                  <th scope="col">{t('kbAdmin.col.updated')}</th>
                  <th scope="col">{t('kbAdmin.col.enabled')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((article) => (
                  <tr
                    key={article.id}
                    data-testid="kb-admin-row"
                    data-article-id={article.id}
                    data-enabled={article.enabled ? 'true' : 'false'}
                    data-editing={draft?.id === article.id ? 'true' : undefined}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        className="kb-title-button"
                        data-testid="kb-admin-edit"
                        aria-label={t('kbAdmin.editLabel', { title: article.title })}
                        disabled={offline}
                        onClick={() => ask(article)}
                      >
                        {article.title}
                      </button>
                      {article.tags.length > 0 && <span className="kb-admin-tags">{article.tags.join(' · ')}</span>}
                    </th>
                    <td>{t(`kbAdmin.lang.${article.lang}`)}</td>
                    <td>{article.category === '' ? <span className="monitor-none">{t('kbAdmin.noCategory')}</span> : article.category}</td>
                    <td>{article.questions.length}</td>
                    <td>
                      <time dateTime={article.updatedAt}>{formatFull(article.updatedAt, language)}</time>
                    </td>
                    <td>
                      <button
                        type="button"
                        role="switch"
                        className="kb-switch"
                        aria-checked={article.enabled}
                        aria-label={t('kbAdmin.enabledLabel', { title: article.title })}
                        data-testid="kb-admin-toggle"
                        disabled={offline || toggling !== null}
                        onClick={() => void toggle(article)}
                      >
                        {toggling === article.id ? t('kbAdmin.toggling') : article.enabled ? t('kbAdmin.on') : t('kbAdmin.off')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>

        {draft && (
          <div className="kb-admin-editor" data-testid="kb-admin-editor">
            {pending && (
              <div className="pane-notice" role="alert" data-testid="kb-admin-unsaved">
                <p>{t('kbAdmin.unsaved')}</p>
                <div className="sensitive-buttons">
                  <button type="button" className="button button-danger button-small" data-testid="kb-admin-discard" onClick={discard}>
                    {t('kbAdmin.discard')}
                  </button>
                  <button type="button" className="button button-quiet button-small" autoFocus onClick={() => setPending(null)}>
                    {t('kbAdmin.keepEditing')}
                  </button>
                </div>
              </div>
            )}
            <ArticleEditor
              key={draft.id ?? 'new'}
              draft={draft}
              onChange={setDraft}
              saved={saved}
              categories={categories}
              offline={offline}
              onSaved={(article) => {
                setNotice({ kind: 'done', text: t(draft.id ? 'kbAdmin.saved' : 'kbAdmin.created', { title: article.title }) });
                setDraft(articleDraftOf(article));
              }}
              onClose={() => (articleDraftChanged(draft, saved) ? setPending('close') : setDraft(null))}
            />
          </div>
        )}
      </div>

      <KnowledgeLearning offline={offline} onNewArticle={fromQuestion} />
    </section>
  );
}
