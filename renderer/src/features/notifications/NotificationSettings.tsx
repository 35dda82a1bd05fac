import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { NotificationPreferences } from '../../../../shared/notifications';
import { useController } from '../../app/controller-context';
import { useWebNotifier } from '../../app/notifier-context';
import type { NotificationAccess } from '../../app/web-notifications';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useNotifyStore } from '../../stores/notify-store';

const choices: { key: keyof NotificationPreferences; label: 'notify.newConversations' | 'notify.newMessages' | 'notify.sound' }[] = [
  { key: 'newConversations', label: 'notify.newConversations' },
  { key: 'newMessages', label: 'notify.newMessages' },
  { key: 'sound', label: 'notify.sound' },
];

/**
 * The bell in the header: the unread count, and a small popover with this agent's notification
 * choices (kept by the client core per agent). In a browser it also asks for permission to notify.
 */
export function NotificationSettings() {
  const t = useT();
  const controller = useController();
  const notifier = useWebNotifier();
  const preferences = useNotifyStore((s) => s.preferences);
  const badge = useNotifyStore((s) => s.badge);
  const error = useNotifyStore((s) => s.error);
  const [open, setOpen] = useState(false);
  const [access, setAccess] = useState<NotificationAccess | null>(() => notifier?.access() ?? null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    setAccess(notifier?.access() ?? null);
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, notifier]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
    buttonRef.current?.focus();
  }

  function change(key: keyof NotificationPreferences, value: boolean) {
    // A refusal shows in the popover (the store keeps the error); the choice stays as it was.
    controller.setNotificationPreferences({ [key]: value }).catch(() => undefined);
  }

  async function allow() {
    if (notifier) setAccess(await notifier.requestAccess());
  }

  return (
    <div className="notify-settings" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="notify-button"
        data-testid="notify-button"
        aria-expanded={open}
        aria-controls={popoverId}
        aria-label={badge > 0 ? t('notify.settingsBadge', { count: badge }) : t('notify.settings')}
        title={t('notify.settings')}
        onClick={() => setOpen((was) => !was)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M8 2.5a4 4 0 0 0-4 4v2.5L2.8 11h10.4L12 9V6.5a4 4 0 0 0-4-4zM6.5 12.5a1.5 1.5 0 0 0 3 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinejoin="round"
          />
        </svg>
        {badge > 0 && (
          <span className="notify-badge" data-testid="notify-badge" aria-hidden="true">
            {badge > 99 ? '99+' : badge}
          </span>
        )}
      </button>
      {open && (
        <div className="notify-popover" id={popoverId} role="group" aria-labelledby={`${popoverId}-title`} data-testid="notify-popover">
          <h2 id={`${popoverId}-title`}>{t('notify.title')}</h2>
          {choices.map(({ key, label }) => (
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
      )}
    </div>
  );
}
