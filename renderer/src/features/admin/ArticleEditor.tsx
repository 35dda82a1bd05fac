import { useId, useState, type FormEvent } from 'react';
import type { KbArticle } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { KB_LIMITS } from '../../../../shared/knowledge';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import { MarkdownBody } from '../knowledge/MarkdownBody';
import {
  articleSaveArgs,
  kbLangs,
  validateArticle,
  type ArticleDraft,
  type ArticleField,
  type ArticleProblem,
} from './kb-admin-logic';

interface ArticleEditorProps {
  draft: ArticleDraft;
  onChange(next: ArticleDraft): void;
  /** The article as saved (undefined for a new one). */
  saved: KbArticle | undefined;
  categories: readonly string[];
  offline: boolean;
  onSaved(article: KbArticle): void;
  onClose(): void;
}

/**
 * Writes or changes one article: title, language, category, tags, the other ways customers ask
 * (相似问法) as a list, and the Markdown body with a preview rendered as text (never as HTML).
 * Problems are shown beside their fields before anything is sent; what was typed stays on an error.
 */
export function ArticleEditor({ draft, onChange, saved, categories, offline, onSaved, onClose }: ArticleEditorProps) {
  const t = useT();
  const admin = useKnowledgeAdmin();
  const [problems, setProblems] = useState<ArticleProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const [preview, setPreview] = useState(false);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const problemOf = (field: ArticleField) => problems.find((p) => p.field === field);

  function change(next: Partial<ArticleDraft>) {
    onChange({ ...draft, ...next });
    setProblems([]);
    setSaveError(null);
  }

  function setQuestion(row: number, text: string) {
    change({ questions: draft.questions.map((q, i) => (i === row ? text : q)) });
  }

  function addQuestion() {
    change({ questions: [...draft.questions, ''] });
    // The new row takes the focus once it is drawn.
    window.setTimeout(() => document.getElementById(id(`question-${draft.questions.length}`))?.focus(), 0);
  }

  function removeQuestion(row: number) {
    change({ questions: draft.questions.filter((_, i) => i !== row) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || offline) return;
    const found = validateArticle(draft);
    if (found.length > 0) {
      setProblems(found);
      const first = found[0]!;
      document.getElementById(first.field === 'questions' ? id(`question-${first.row ?? 0}`) : id(first.field))?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await admin.saveArticle(articleSaveArgs(draft)));
    } catch (err) {
      setSaveError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  const locked = offline || saving;
  const describe = (field: ArticleField) => (problemOf(field) ? id(`${field}-problem`) : undefined);
  const problemText = (field: ArticleField) => {
    const problem = problemOf(field);
    return problem ? (
      <p id={id(`${field}-problem`)} className="dialog-field-error" role="alert" data-testid={`kb-editor-problem-${field}`}>
        {t(problem.key, problem.params)}
      </p>
    ) : null;
  };
  const questionProblem = problemOf('questions');

  return (
    <form className="kb-editor" onSubmit={submit} noValidate aria-labelledby={id('title-heading')} data-testid="kb-editor">
      <div className="kb-editor-header">
        <h4 id={id('title-heading')} className="sensitive-form-title">
          {saved ? t('kbAdmin.editTitle', { title: saved.title }) : t('kbAdmin.newTitle')}
        </h4>
        {saved && (
          <span className="pane-meta" title={saved.id}>
            {t('kbAdmin.idLabel', { id: saved.id })}
          </span>
        )}
      </div>

      <div className="field">
        <label htmlFor={id('title')}>{t('kbAdmin.field.title')}</label>
        <input
          id={id('title')}
          data-testid="kb-editor-title"
          value={draft.title}
          maxLength={KB_LIMITS.title * 2}
          aria-invalid={problemOf('title') ? true : undefined}
          aria-describedby={describe('title')}
          disabled={locked}
          onChange={(e) => change({ title: e.target.value })}
        />
        {problemText('title')}
      </div>

      <div className="kb-editor-row">
        <SelectField
          id={id('lang')}
          label={t('kbAdmin.field.lang')}
          testId="kb-editor-lang"
          value={draft.lang}
          options={kbLangs.map((lang) => ({ value: lang, label: t(`kbAdmin.lang.${lang}`) }))}
          disabled={locked}
          onChange={(lang) => change({ lang })}
        />
        <div className="field kb-editor-grow">
          <label htmlFor={id('category')}>{t('kbAdmin.field.category')}</label>
          <input
            id={id('category')}
            data-testid="kb-editor-category"
            list={id('categories')}
            value={draft.category}
            maxLength={KB_LIMITS.category * 2}
            aria-invalid={problemOf('category') ? true : undefined}
            aria-describedby={describe('category')}
            disabled={locked}
            onChange={(e) => change({ category: e.target.value })}
          />
          <datalist id={id('categories')}>
            {categories
              .filter((c) => c !== '')
              .map((c) => (
                <option key={c} value={c} />
              ))}
          </datalist>
          {problemText('category')}
        </div>
      </div>

      <div className="field">
        <label htmlFor={id('tags')}>{t('kbAdmin.field.tags')}</label>
        <input
          id={id('tags')}
          data-testid="kb-editor-tags"
          value={draft.tags}
          aria-invalid={problemOf('tags') ? true : undefined}
          aria-describedby={[id('tags-hint'), describe('tags')].filter(Boolean).join(' ')}
          disabled={locked}
          onChange={(e) => change({ tags: e.target.value })}
        />
        <p id={id('tags-hint')} className="dialog-muted dialog-hint">
          {t('kbAdmin.tagsHint')}
        </p>
        {problemText('tags')}
      </div>

      <fieldset className="kb-questions" aria-describedby={id('questions-hint')}>
        <legend>{t('kbAdmin.field.questions')}</legend>
        <p id={id('questions-hint')} className="dialog-muted dialog-hint">
          {t('kbAdmin.questionsHint')}
        </p>
        {draft.questions.length > 0 && (
          <ol className="kb-question-list" data-testid="kb-editor-questions">
            {draft.questions.map((question, row) => (
              <li key={row}>
                <label htmlFor={id(`question-${row}`)} className="visually-hidden">
                  {t('kbAdmin.questionLabel', { row: row + 1 })}
                </label>
                <input
                  id={id(`question-${row}`)}
                  data-testid="kb-editor-question"
                  value={question}
                  maxLength={KB_LIMITS.question * 2}
                  aria-invalid={questionProblem?.row === row ? true : undefined}
                  aria-describedby={questionProblem?.row === row ? id('questions-problem') : undefined}
                  disabled={locked}
                  onChange={(e) => setQuestion(row, e.target.value)}
                />
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={t('kbAdmin.removeQuestionLabel', { row: row + 1 })}
                  disabled={locked}
                  onClick={() => removeQuestion(row)}
                >
                  {t('kbAdmin.removeQuestion')}
                </button>
              </li>
            ))}
          </ol>
        )}
        <div>
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="kb-editor-add-question"
            disabled={locked || draft.questions.length >= KB_LIMITS.questions}
            onClick={addQuestion}
          >
            {t('kbAdmin.addQuestion')}
          </button>
        </div>
        {problemText('questions')}
      </fieldset>

      <div className="field">
        <div className="kb-body-header">
          <label htmlFor={id('body')}>{t('kbAdmin.field.body')}</label>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-pressed={preview}
            data-testid="kb-editor-preview-toggle"
            onClick={() => setPreview((p) => !p)}
          >
            {t('kbAdmin.preview')}
          </button>
        </div>
        <textarea
          id={id('body')}
          data-testid="kb-editor-body"
          className="kb-body-input"
          value={draft.body}
          rows={10}
          aria-invalid={problemOf('body') ? true : undefined}
          aria-describedby={[id('body-hint'), describe('body')].filter(Boolean).join(' ')}
          disabled={locked}
          onChange={(e) => change({ body: e.target.value })}
        />
        <p id={id('body-hint')} className="dialog-muted dialog-hint">
          {t('kbAdmin.bodyHint')}
        </p>
        {problemText('body')}
        {preview && (
          <section className="kb-preview" aria-label={t('kbAdmin.previewLabel')} data-testid="kb-editor-preview">
            {draft.body.trim() === '' ? <p className="pane-meta">{t('kbAdmin.previewEmpty')}</p> : <MarkdownBody source={draft.body} />}
          </section>
        )}
      </div>

      <label className="kb-enabled-check">
        <input type="checkbox" checked={draft.enabled} disabled={locked} onChange={(e) => change({ enabled: e.target.checked })} />
        {t('kbAdmin.enabledCheck')}
      </label>

      {saveError && (
        <p className="form-error" role="alert" title={saveError.message} data-testid="kb-editor-error">
          {t('kbAdmin.saveFailed', { reason: describeError(t, saveError) })}
        </p>
      )}

      <div className="sensitive-buttons">
        <button type="submit" className="button button-primary" data-testid="kb-editor-save" disabled={locked}>
          {saving ? t('kbAdmin.saving') : saved ? t('kbAdmin.save') : t('kbAdmin.create')}
        </button>
        <button type="button" className="button button-quiet" disabled={saving} onClick={onClose}>
          {t('kbAdmin.close')}
        </button>
      </div>
    </form>
  );
}
