import { useEffect, useState, type FormEvent } from 'react';
import { aiFailureCodeSchema, type AiSettingsView, type AiTestResult } from '../../../../shared/ai';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useAi } from '../../app/ai-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { aiDraftOf, aiFeatureNames, aiSettingsChange, type AiSettingsDraft } from './ai-settings-logic';

type Load = { state: 'loading' } | { state: 'failed'; error: AppErrorShape } | { state: 'ready'; view: AiSettingsView };

/**
 * The team's optional AI provider (an OpenAI-compatible endpoint): where it is, which models, the
 * API key (write-only: shown as set or not set, replaced by typing a new one, or cleared), the
 * timeout of each call, and what it is used for (all off until turned on). Every change is in the
 * audit log, without the key. Read live from the server, so it needs the connection.
 */
export function AiSettingsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const ai = useAi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState<AiSettingsDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<AiTestResult | null>(null);

  useEffect(() => {
    if (offline) return;
    let live = true;
    setLoad({ state: 'loading' });
    ai.settings().then(
      (view) => {
        if (!live) return;
        setLoad({ state: 'ready', view });
        setDraft(aiDraftOf(view));
      },
      (err: unknown) => live && setLoad({ state: 'failed', error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [ai, offline]);

  if (offline) return <p className="dialog-muted">{t('aiAdmin.offline')}</p>;
  // A failed load says so, whether or not an earlier load filled the form.
  if (load.state === 'failed') {
    return (
      <p className="form-error" role="alert" title={load.error.message}>
        {t('aiAdmin.loadFailed', { reason: describeError(t, load.error) })}
      </p>
    );
  }
  if (load.state !== 'ready' || !draft) return <p className="dialog-muted">{t('aiAdmin.loading')}</p>;
  const view = load.view;
  const { change, problem } = aiSettingsChange(view, draft);
  const edit = (patch: Partial<AiSettingsDraft>) => {
    setDraft({ ...draft, ...patch });
    setDone(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (problem || Object.keys(change).length === 0) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await ai.save(change);
      setLoad({ state: 'ready', view: saved });
      setDraft(aiDraftOf(saved));
      setDone(t('aiAdmin.saved'));
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  async function test() {
    setTesting(true);
    setTested(null);
    setError(null);
    try {
      setTested(await ai.test());
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setTesting(false);
    }
  }

  const testLine = (label: string, r: { ok: boolean; code: string | null; message: string | null }) => (
    <li data-testid={`ai-test-${label}`} data-ok={r.ok}>
      {t(label === 'chat' ? 'aiAdmin.test.chat' : 'aiAdmin.test.embeddings')}:{' '}
      {r.ok ? t('aiAdmin.test.ok') : <span title={r.message ?? undefined}>{t('aiAdmin.test.failed', { reason: failureReason(t, r.code) })}</span>}
    </li>
  );

  return (
    <section className="ai-admin" aria-labelledby="ai-admin-heading" data-testid="ai-admin">
      <h3 id="ai-admin-heading">{t('aiAdmin.heading')}</h3>
      <p className="dialog-muted">{t('aiAdmin.intro')}</p>
      <form className="channel-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="channel-fields">
          <div className="field">
            <label htmlFor="ai-base-url">{t('aiAdmin.baseUrl')}</label>
            <input id="ai-base-url" data-testid="ai-base-url" type="url" spellCheck={false} placeholder="https://api.openai.com/v1" value={draft.baseUrl} onChange={(e) => edit({ baseUrl: e.target.value })} />
            <p className="dialog-muted dialog-hint">{t('aiAdmin.baseUrlHint')}</p>
          </div>
          <div className="field">
            <label htmlFor="ai-chat-model">{t('aiAdmin.chatModel')}</label>
            <input id="ai-chat-model" data-testid="ai-chat-model" spellCheck={false} value={draft.chatModel} onChange={(e) => edit({ chatModel: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="ai-embedding-model">{t('aiAdmin.embeddingModel')}</label>
            <input id="ai-embedding-model" data-testid="ai-embedding-model" spellCheck={false} value={draft.embeddingModel} onChange={(e) => edit({ embeddingModel: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="ai-api-key">{t('aiAdmin.apiKey')}</label>
            <input
              id="ai-api-key"
              data-testid="ai-api-key"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              placeholder={view.apiKeySet ? t('channels.secretSet') : t('channels.secretNotSet')}
              value={draft.apiKey}
              onChange={(e) => edit({ apiKey: e.target.value, clearKey: false })}
            />
            <p className="dialog-muted dialog-hint" data-testid="ai-api-key-state">
              {view.apiKeySet ? t('aiAdmin.keySet') : t('aiAdmin.keyNotSet')}
            </p>
            {view.apiKeySet && (
              <label className="settings-check">
                <input type="checkbox" data-testid="ai-clear-key" checked={draft.clearKey} onChange={(e) => edit({ clearKey: e.target.checked, apiKey: '' })} />
                {t('aiAdmin.clearKey')}
              </label>
            )}
          </div>
          <div className="field">
            <label htmlFor="ai-timeout">{t('aiAdmin.timeout')}</label>
            <input
              id="ai-timeout"
              data-testid="ai-timeout"
              inputMode="numeric"
              aria-invalid={problem ? true : undefined}
              value={draft.timeoutMs}
              onChange={(e) => edit({ timeoutMs: e.target.value })}
            />
            {problem && <p className="dialog-field-error">{t(problem.key)}</p>}
          </div>
        </div>
        <fieldset className="channel-fieldset">
          <legend>{t('aiAdmin.features')}</legend>
          {aiFeatureNames.map((name) => (
            <label className="settings-check" key={name}>
              <input
                type="checkbox"
                data-testid={`ai-feature-${name}`}
                checked={draft.features[name]}
                onChange={(e) => edit({ features: { ...draft.features, [name]: e.target.checked } })}
              />
              {t(`aiAdmin.feature.${name}`)}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert" title={error.message} data-testid="ai-save-error">
            {t('aiAdmin.saveFailed', { reason: describeError(t, error) })}
          </p>
        )}
        {done && (
          <p className="dialog-muted" role="status">
            {done}
          </p>
        )}
        <div className="channel-form-buttons">
          <button type="submit" className="button button-primary" data-testid="ai-save" disabled={saving || problem !== null || Object.keys(change).length === 0}>
            {saving ? t('aiAdmin.saving') : t('aiAdmin.save')}
          </button>
          <button type="button" className="button" data-testid="ai-test" disabled={testing} onClick={() => void test()}>
            {testing ? t('aiAdmin.testing') : t('aiAdmin.testButton')}
          </button>
        </div>
        {tested && (
          <ul className="ai-test-result" role="status">
            {testLine('chat', tested.chat)}
            {testLine('embeddings', tested.embeddings)}
          </ul>
        )}
      </form>
    </section>
  );
}

/** A provider failure in the admin's language (the code itself is in the tooltip's message). */
function failureReason(t: ReturnType<typeof useT>, code: string | null): string {
  const parsed = aiFailureCodeSchema.safeParse(code);
  return parsed.success ? t(`aiAdmin.failure.${parsed.data}`) : (code ?? '');
}
