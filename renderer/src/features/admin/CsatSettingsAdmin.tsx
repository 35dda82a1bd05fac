import { useCallback } from 'react';
import { csatChannelKinds, type CsatSettingsSave } from '../../../../shared/csat';
import { useCsat } from '../../app/csat-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { csatDraftOf, csatSaveOf, toggleKind, type CsatDraft } from './csat-admin-logic';
import { useSettingsForm } from './use-settings-form';

/**
 * The satisfaction survey sent after a resolve: on or off, which channel kinds ask, the question
 * in Chinese and English, and how long answers are taken. Read live from the server (needs the
 * connection); every change is audited on the server.
 */
export function CsatSettingsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const csat = useCsat();
  const { draft, update, submit, loadError, problem, error, saving, done } = useSettingsForm({
    offline,
    load: useCallback(async () => csatDraftOf(await csat.settings()), [csat]),
    check: (d: CsatDraft) => {
      const { save, problem: found } = csatSaveOf(d);
      return { args: save, problem: found };
    },
    save: async (args: CsatSettingsSave) => csatDraftOf(await csat.save(args)),
  });

  if (offline && !draft) return <p className="dialog-muted">{t('csatAdmin.offline')}</p>;
  if (loadError) {
    return (
      <p className="form-error" role="alert" title={loadError.message}>
        {t('csatAdmin.loadFailed', { reason: describeError(t, loadError) })}
      </p>
    );
  }
  if (!draft) return null;
  const edit = (patch: Partial<CsatDraft>) => update({ ...draft, ...patch });

  return (
    <section aria-labelledby="csat-settings-heading" data-testid="csat-settings-admin">
      <h4 id="csat-settings-heading">{t('csatAdmin.heading')}</h4>
      <p className="dialog-muted">{t('csatAdmin.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="settings-check">
          <input type="checkbox" data-testid="csat-enabled" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
          {t('csatAdmin.enabled')}
        </label>
        <fieldset className="channel-fieldset">
          <legend>{t('csatAdmin.channels')}</legend>
          {csatChannelKinds.map((kind) => (
            <label className="settings-check" key={kind}>
              <input
                type="checkbox"
                data-testid={`csat-channel-${kind}`}
                checked={draft.channelKinds.includes(kind)}
                onChange={(e) => edit({ channelKinds: toggleKind(draft.channelKinds, kind, e.target.checked) })}
              />
              {t(`channel.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="csat-question-zh">{t('csatAdmin.questionZh')}</label>
          <textarea id="csat-question-zh" rows={2} maxLength={500} value={draft.questionZh} aria-invalid={problem === 'question' && !draft.questionZh.trim() ? true : undefined} onChange={(e) => edit({ questionZh: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="csat-question-en">{t('csatAdmin.questionEn')}</label>
          <textarea id="csat-question-en" rows={2} maxLength={500} value={draft.questionEn} aria-invalid={problem === 'question' && !draft.questionEn.trim() ? true : undefined} onChange={(e) => edit({ questionEn: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="csat-days">{t('csatAdmin.linkValidDays')}</label>
          <input id="csat-days" inputMode="numeric" value={draft.linkValidDays} aria-invalid={problem === 'days' ? true : undefined} onChange={(e) => edit({ linkValidDays: e.target.value })} />
        </div>
        {problem && (
          <p className="dialog-field-error" role="alert" data-testid="csat-settings-problem">
            {t(`csatAdmin.problem.${problem}`)}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" title={error.message}>
            {t('csatAdmin.saveFailed', { reason: describeError(t, error) })}
          </p>
        )}
        {done && (
          <p className="dialog-muted" role="status">
            {t('csatAdmin.saved')}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="csat-settings-save" disabled={saving || offline}>
          {saving ? t('csatAdmin.saving') : t('csatAdmin.save')}
        </button>
      </form>
    </section>
  );
}
