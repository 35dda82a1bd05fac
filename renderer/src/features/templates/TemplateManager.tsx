import { useId, useMemo, useRef, useState } from 'react';
import type { Template } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { TEMPLATE_VARIABLES } from '../../../../shared/quick-replies';
import { useKnowledge } from '../../app/knowledge-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { DialogFrame } from '../common/DialogFrame';
import { SelectField } from '../common/SelectField';
import { useConnectionStore } from '../../stores/connection-store';
import { useSessionStore } from '../../stores/session-store';
import { blankDraft, draftOf, draftProblems, groupTemplates, mayEdit, toInput, type TemplateDraft } from './template-form';
import { bareShortcut } from './template-match';
import { useTemplatesStore } from './templates-store';
import { TemplateRowActions } from './TemplateRowActions';
import { useTemplateRemoval } from './use-template-removal';

/**
 * Quick replies, managed: the team's and the agent's own, with categories and shortcuts. Agents
 * add, change and delete their own; admins also the team's. Reading works offline (the local
 * cache); changes need the connection. Modal: focus stays inside, Esc closes.
 */
export function TemplateManager({ onClose }: { onClose(): void }) {
  const t = useT();
  const language = useLanguage();
  const user = useSessionStore((s) => s.session?.user ?? null);
  const templates = useTemplatesStore((s) => s.templates);
  const offline = useConnectionStore((s) => s.connection?.status !== 'online');
  const ids = { title: useId() };
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const { confirming, error, setError, busy, remove } = useTemplateRemoval();
  const groups = useMemo(() => groupTemplates(templates), [templates]);

  const row = (template: Template) => {
    const editable = mayEdit(template, user);
    return (
      <li key={template.id} className="quick-row" data-testid="quick-row">
        <div className="quick-row-text">
          <span className="quick-option-head">
            <span className="quick-shortcut">/{bareShortcut(template.shortcut)}</span>
            <span className="quick-title">{template.title}</span>
            {template.category && <span className="tag">{template.category}</span>}
            <span className="quick-scope">{t(template.lang === 'zh' ? 'kb.langZh' : 'kb.langEn')}</span>
          </span>
          <span className="quick-preview">{template.body}</span>
        </div>
        {editable && (
          <div className="quick-row-actions">
            <TemplateRowActions
              template={template}
              disabled={offline || busy}
              confirming={confirming}
              onEdit={(chosen) => setDraft(draftOf(chosen))}
              onRemove={(chosen) => void remove(chosen)}
            />
          </div>
        )}
      </li>
    );
  };

  return (
    <DialogFrame
      testId="quick-manager"
      className="quick-manager"
      titleId={ids.title}
      title={draft ? (draft.id ? t('quick.editTitle') : t('quick.addTitle')) : t('quick.managerTitle')}
      closeLabel={t('quick.close')}
      busy={busy}
      onClose={onClose}
      onEscape={() => (draft ? setDraft(null) : onClose())}
    >
      {offline && (
        <p className="dialog-notice" role="status">
          {t('quick.offline')}
        </p>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {t('quick.failed', { reason: describeError(t, error) })}
        </p>
      )}
      {draft ? (
        <TemplateForm
          draft={draft}
          canTeam={user?.role === 'admin' || user?.role === 'supervisor'}
          offline={offline}
          categories={[...new Set(templates.map((x) => x.category).filter(Boolean))]}
          onCancel={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            setError(null);
          }}
        />
      ) : (
        <>
          <section aria-label={t('quick.teamTitle')}>
            <h3 className="quick-group-title">{t('quick.teamTitle')}</h3>
            {groups.team.length > 0 ? <ul className="quick-rows">{groups.team.map(row)}</ul> : <p className="dialog-muted">{t('quick.noneTeam')}</p>}
          </section>
          <section aria-label={t('quick.personalTitle')}>
            <h3 className="quick-group-title">{t('quick.personalTitle')}</h3>
            {groups.personal.length > 0 ? (
              <ul className="quick-rows">{groups.personal.map(row)}</ul>
            ) : (
              <p className="dialog-muted">{t('quick.nonePersonal')}</p>
            )}
          </section>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('quick.close')}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="quick-add"
              disabled={offline}
              onClick={() => setDraft(blankDraft(user?.role, language))}
            >
              {t('quick.add')}
            </button>
          </div>
        </>
      )}
    </DialogFrame>
  );
}

export interface TemplateFormProps {
  draft: TemplateDraft;
  canTeam: boolean;
  offline: boolean;
  categories: string[];
  onCancel(): void;
  onSaved(): void;
}

/** One reply's form: scope, language, shortcut, title, category and text with its variables. */
export function TemplateForm({ draft: initial, canTeam, offline, categories, onCancel, onSaved }: TemplateFormProps) {
  const t = useT();
  const knowledge = useKnowledge();
  const [draft, setDraft] = useState(initial);
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const ids = { scope: useId(), lang: useId(), shortcut: useId(), title: useId(), category: useId(), categories: useId(), body: useId(), vars: useId() };
  const problems = draftProblems(draft);
  const set = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save() {
    setShown(true);
    if (problems.length > 0 || offline) return;
    setSaving(true);
    setError(null);
    try {
      await knowledge.saveTemplate(toInput(draft));
      onSaved();
    } catch (err) {
      setError(toAppError(err).toJSON());
      setSaving(false);
    }
  }

  function addVariable(name: string) {
    const box = bodyRef.current;
    const at = box?.selectionStart ?? draft.body.length;
    const end = box?.selectionEnd ?? at;
    const token = `{{${name}}}`;
    set('body', draft.body.slice(0, at) + token + draft.body.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const problem = (key: 'shortcut' | 'title' | 'body') =>
    shown && (problems.includes(key) || (key === 'shortcut' && problems.includes('shortcutSpaces'))) ? (
      <p className="dialog-field-error">{t(key === 'shortcut' && problems.includes('shortcutSpaces') ? 'quick.shortcutSpaces' : `quick.${key}Required`)}</p>
    ) : null;

  return (
    <form
      className="quick-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="quick-form-row">
        <SelectField
          id={ids.scope}
          label={t('quick.scope')}
          value={draft.scope}
          options={[{ value: 'personal' as const, label: t('quick.personal') }, ...(canTeam ? [{ value: 'team' as const, label: t('quick.team') }] : [])]}
          disabled={!canTeam}
          onChange={(scope) => set('scope', scope)}
        />
        <SelectField
          id={ids.lang}
          label={t('quick.lang')}
          value={draft.lang}
          options={[
            { value: 'zh' as const, label: t('kb.langZh') },
            { value: 'en' as const, label: t('kb.langEn') },
          ]}
          onChange={(lang) => set('lang', lang)}
        />
      </div>
      <div className="quick-form-row">
        <div className="field">
          <label htmlFor={ids.shortcut}>{t('quick.shortcut')}</label>
          <input
            id={ids.shortcut}
            value={draft.shortcut}
            maxLength={33}
            placeholder={t('quick.shortcutPlaceholder')}
            aria-invalid={shown && (problems.includes('shortcut') || problems.includes('shortcutSpaces')) ? true : undefined}
            onChange={(e) => set('shortcut', e.target.value)}
          />
          {problem('shortcut')}
        </div>
        <div className="field">
          <label htmlFor={ids.category}>{t('quick.category')}</label>
          <input id={ids.category} list={ids.categories} value={draft.category} maxLength={40} onChange={(e) => set('category', e.target.value)} />
          <datalist id={ids.categories}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.title}>{t('quick.titleField')}</label>
        <input
          id={ids.title}
          value={draft.title}
          maxLength={100}
          aria-invalid={shown && problems.includes('title') ? true : undefined}
          onChange={(e) => set('title', e.target.value)}
        />
        {problem('title')}
      </div>
      <div className="field">
        <label htmlFor={ids.body}>{t('quick.body')}</label>
        <textarea
          ref={bodyRef}
          id={ids.body}
          rows={4}
          value={draft.body}
          aria-describedby={ids.vars}
          aria-invalid={shown && problems.includes('body') ? true : undefined}
          onChange={(e) => set('body', e.target.value)}
        />
        {problem('body')}
        <p id={ids.vars} className="dialog-hint">
          {t('quick.variablesHint')}{' '}
          {TEMPLATE_VARIABLES.map((name) => (
            <button key={name} type="button" className="quick-variable" onClick={() => addVariable(name)}>
              {`{{${name}}}`}
            </button>
          ))}
        </p>
      </div>
      {error && (
        <p className="dialog-error" role="alert">
          {t('quick.saveFailed', { reason: describeError(t, error) })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={saving} onClick={onCancel}>
          {t('quick.cancel')}
        </button>
        <button type="submit" className="button button-primary" data-testid="quick-save" disabled={saving || offline}>
          {saving ? t('quick.saving') : t('quick.save')}
        </button>
      </div>
    </form>
  );
}
