import { useEffect, useState } from 'react';
import type { NotificationPreferences } from '../../../../shared/notifications';
import { useController } from '../../app/controller-context';
import { useWebNotifier } from '../../app/notifier-context';
import type { NotificationAccess } from '../../app/web-notifications';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useNotifyStore } from '../../stores/notify-store';

type Choice = {
  key: keyof NotificationPreferences;
  label: 'notify.newConversations' | 'notify.newMessages' | 'notify.mentions' | 'notify.ticketSla' | 'notify.sound';
  /** Only for people who take conversations (department staff have tickets only). */
  conversations?: true;
};

const choices: Choice[] = [
  { key: 'newConversations', label: 'notify.newConversations', conversations: true },
  { key: 'newMessages', label: 'notify.newMessages', conversations: true },
  { key: 'mentions', label: 'notify.mentions' },
  { key: 'ticketSla', label: 'notify.ticketSla' },
  { key: 'sound', label: 'notify.sound' },
];

/**
 * This user's desktop notification choices (kept by the client core per user). In a browser it
 * also asks for permission to notify.
 */
export function NotificationPreferencesForm({ takesConversations }: { takesConversations: boolean }) {
  const t = useT();
  const controller = useController();
  const notifier = useWebNotifier();
  const preferences = useNotifyStore((s) => s.preferences);
  const error = useNotifyStore((s) => s.error);
  const [access, setAccess] = useState<NotificationAccess | null>(() => notifier?.access() ?? null);

  useEffect(() => setAccess(notifier?.access() ?? null), [notifier]);

  function change(key: keyof NotificationPreferences, value: boolean) {
    // A refusal shows here (the store keeps the error); the choice stays as it was.
    controller.setNotificationPreferences({ [key]: value }).catch(() => undefined);
  }

  async function allow() {
    if (notifier) setAccess(await notifier.requestAccess());
  }

  return (
    <div className="notify-preferences" data-testid="notify-preferences">
      {choices
        .filter((c) => takesConversations || !c.conversations)
        .map(({ key, label }) => (
          <label key={key} className="notify-option">
            <input
              type="checkbox"
              data-testid={`notify-${key}`}
              checked={preferences?.[key] ?? true}
              disabled={preferences === null}
              onChange={(e) => change(key, e.target.checked)}
            />
            {t(label)}
          </label>
        ))}
      <p className="notify-hint">{t('notify.hint')}</p>
      {access === 'default' && (
        <button type="button" className="button button-quiet" onClick={() => void allow()} data-testid="notify-allow">
          {t('notify.allow')}
        </button>
      )}
      {access === 'denied' && <p className="notify-permission">{t('notify.blocked')}</p>}
      {access === 'unsupported' && <p className="notify-permission">{t('notify.unsupported')}</p>}
      {error && (
        <p className="notify-error" role="alert">
          {t('notify.saveFailed', { reason: describeError(t, error) })}
        </p>
      )}
    </div>
  );
}
