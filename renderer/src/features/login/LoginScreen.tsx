import { useId, useState, type FormEvent } from 'react';
import { toAppError } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import type { MessageKey } from '../../i18n/en';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { DEFAULT_SERVER_URL, validateLogin } from './validate-login';

type FormError = { kind: 'key'; key: MessageKey } | { kind: 'text'; text: string };

/** Server address, email and password; the failure reason shows under the form. */
export function LoginScreen() {
  const t = useT();
  const controller = useController();
  const session = useSessionStore((s) => s.session);
  const ids = { server: useId(), email: useId(), password: useId(), error: useId() };
  const [serverUrl, setServerUrl] = useState(session?.serverUrl ?? DEFAULT_SERVER_URL);
  const [email, setEmail] = useState(session?.lastEmail ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const values = { serverUrl: serverUrl.trim(), email: email.trim(), password };
    const invalid = validateLogin(values);
    if (invalid) {
      setError({ kind: 'key', key: invalid });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await controller.login(values);
    } catch (err) {
      setError({ kind: 'text', text: describeError(t, toAppError(err)) });
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const errorText = error ? (error.kind === 'key' ? t(error.key) : error.text) : null;

  return (
    <main className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <form
        className="login-card"
        onSubmit={submit}
        noValidate
        aria-busy={busy}
        aria-describedby={errorText ? ids.error : undefined}
      >
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1 className="login-title">{t('login.title')}</h1>
        <p className="login-subtitle">{t('login.subtitle')}</p>

        <fieldset disabled={busy} className="login-fields">
          <div className="field">
            <label htmlFor={ids.server}>{t('login.serverUrl')}</label>
            <input
              id={ids.server}
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>{t('login.email')}</label>
            <input
              id={ids.email}
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              autoFocus={!email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('login.password')}</label>
            <input
              id={ids.password}
              type="password"
              autoComplete="current-password"
              value={password}
              autoFocus={Boolean(email)}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary button-block">
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </fieldset>

        {errorText && (
          <p id={ids.error} className="form-error" role="alert">
            {errorText}
          </p>
        )}
      </form>
    </main>
  );
}
