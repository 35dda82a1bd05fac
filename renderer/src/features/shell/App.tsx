import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { LoginScreen } from '../login/LoginScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { Workstation } from './Workstation';

/** Chooses the screen from the session: starting up, sign-in, or the workstation. */
export function App() {
  const t = useT();
  const controller = useController();
  const phase = useSessionStore((s) => s.phase);
  const signedIn = useSessionStore((s) => s.session?.signedIn ?? false);
  const error = useSessionStore((s) => s.error);

  if (phase === 'loading') {
    return (
      <main className="splash">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  if (phase === 'failed') {
    return (
      <main className="splash">
        <div className="login-top">
          <LanguageSwitch />
        </div>
        <p role="alert">{t('app.startFailed', { reason: describeError(t, error) })}</p>
        <button type="button" className="button button-primary" onClick={() => void controller.resync()}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  return signedIn ? <Workstation /> : <LoginScreen />;
}
