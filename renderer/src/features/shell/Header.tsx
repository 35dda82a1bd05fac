import { useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { NotificationCentre } from '../notifications/NotificationCentre';
import { ConnectionStatus } from './ConnectionStatus';
import { useOverlayStore } from '../shortcuts/overlay-store';
import { ThemeSwitch } from '../theme/ThemeSwitch';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceSwitch } from './PresenceSwitch';
import { ViewSwitch } from './ViewSwitch';

/** Product name, the screen switch (supervisors and admins), connection status, the agent's presence and load, who is signed in, language and sign-out. */
export function Header() {
  const t = useT();
  const controller = useController();
  const user = useSessionStore((s) => s.session?.user ?? null);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function signOut() {
    setSigningOut(true);
    setError(null);
    try {
      await controller.logout();
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          S
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ViewSwitch />
      <ConnectionStatus />
      <div className="header-spacer" />
      {/* Department staff take no conversations: no presence; their bell has tickets only. */}
      {user && <NotificationCentre takesConversations={user.role !== 'staff'} />}
      {user?.role !== 'staff' && <PresenceSwitch />}
      {error && (
        <p className="header-error" role="alert">
          {t('header.signOutFailed', { reason: describeError(t, error) })}
        </p>
      )}
      {user && (
        <div className="account" title={t('header.account', { name: user.name, role: t(`role.${user.role}`) })}>
          <span className="avatar" aria-hidden="true">
            {user.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="account-text">
            <span className="account-name">{user.name}</span>
            <span className="account-role">{t(`role.${user.role}`)}</span>
          </span>
        </div>
      )}
      <button
        type="button"
        className="button button-quiet header-shortcuts"
        data-testid="open-shortcuts"
        aria-haspopup="dialog"
        aria-label={t('shortcut.menu')}
        title={t('shortcut.menu')}
        onClick={() => useOverlayStore.getState().show('sheet')}
      >
        <span aria-hidden="true">⌨</span>
      </button>
      <ThemeSwitch />
      <LanguageSwitch />
      <button type="button" className="button button-quiet" onClick={signOut} disabled={signingOut}>
        {signingOut ? t('header.signingOut') : t('header.signOut')}
      </button>
    </header>
  );
}
