import { useEffect, useMemo, useState } from 'react';
import { useKnowledge } from '../../app/knowledge-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { blankDraft, draftOf, groupTemplates, type TemplateDraft } from '../templates/template-form';
import { bareShortcut } from '../templates/template-match';
import { TemplateForm } from '../templates/TemplateManager';
import { useTemplatesStore } from '../templates/templates-store';
import { TemplateRowActions } from '../templates/TemplateRowActions';
import { useTemplateRemoval } from '../templates/use-template-removal';

/**
 * The team's quick replies, kept by admins and supervisors: each with its shortcut, language and
 * category; added, changed and deleted here (the server refuses a shortcut the team already uses
 * in that language, and audits every change). Personal replies stay in the reply box's manager.
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

  useEffect(() => {
    if (status === 'idle') void knowledge.loadTemplates();
  }, [knowledge, status]);

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
          <button
            type="button"
            className="button button-primary"
            data-testid="quick-admin-add"
            disabled={offline}
            onClick={() => setDraft({ ...blankDraft('admin', language), scope: 'team' })}
          >
            {t('quick.add')}
          </button>
        )}
      </div>
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
