import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Presence } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { isAtCapacity, presences } from '../../stores/presence-logic';
import { usePresenceStore } from '../../stores/presence-store';

/**
 * The agent's status in one control: a button showing the status and how many chats they carry
 * (its label says both), opening a menu of the statuses (arrow keys move, Enter chooses, Esc
 * closes). An automatic "away" says it was set because the agent was idle.
 */
export function PresenceSwitch() {
  const t = useT();
  const controller = useController();
  const agent = usePresenceStore((s) => s.agent);
  const autoAway = usePresenceStore((s) => s.autoAway);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const presence = agent?.presence ?? 'unknown';

  // A status that changed since (by hand, auto-away or the server) makes an old error moot.
  const [errorFor, setErrorFor] = useState(agent?.presence);
  if (errorFor !== agent?.presence) {
    setErrorFor(agent?.presence);
    if (error) setError(null);
  }

  useEffect(() => {
    if (!open) return;
    const at = Math.max(0, presences.indexOf(agent?.presence ?? 'online'));
    itemRefs.current[at]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
    // Focus goes to the current status when the menu opens, not again as it changes.
  }, [open]);

  async function choose(value: Presence) {
    setOpen(false);
    buttonRef.current?.focus();
    if (value === agent?.presence) return;
    setSaving(true);
    setError(null);
    try {
      await controller.setPresence(value);
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const at = itemRefs.current.findIndex((item) => item === document.activeElement);
    const move = (to: number) => {
      event.preventDefault();
      itemRefs.current[(to + presences.length) % presences.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(presences.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  const full = agent ? isAtCapacity(agent) : false;
  const statusWords = agent ? t(`presence.${agent.presence}`) : t('presence.unknown');
  const load = agent ? t(full ? 'presence.loadFull' : 'presence.loadTitle', { load: agent.load, max: agent.maxChats }) : null;
  return (
    <div className="presence" data-presence={presence} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="presence-button"
        data-testid="presence-switch"
        data-presence={agent?.presence ?? ''}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-describedby={error ? 'presence-error' : undefined}
        title={autoAway ? t('presence.autoAwayTitle') : (load ?? undefined)}
        disabled={saving || !agent}
        onClick={() => setOpen((was) => !was)}
      >
        {/* The name is what the button shows, with "Status:" for screen readers in front. */}
        <span className="visually-hidden">{t('presence.label')}: </span>
        <span className="presence-dot" data-presence={presence} aria-hidden="true" />
        <span className="presence-name">{statusWords}</span>{' '}
        {autoAway && (
          <>
            <span className="presence-auto" data-testid="presence-auto">
              {t('presence.autoAway')}
            </span>{' '}
          </>
        )}
        {agent && (
          <span className={full ? 'presence-load presence-load-full' : 'presence-load'} data-testid="agent-load">
            {t('presence.load', { load: agent.load, max: agent.maxChats })}
          </span>
        )}
        <span className="presence-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={t('presence.menu')} className="presence-menu" onKeyDown={onMenuKey}>
          {presences.map((p, i) => (
            <button
              key={p}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={agent?.presence === p}
              className="presence-option"
              data-testid={`presence-option-${p}`}
              tabIndex={-1}
              onClick={() => void choose(p)}
            >
              <span className="presence-dot" data-presence={p} aria-hidden="true" />
              {t(`presence.${p}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <div className="presence-error" role="alert" data-testid="presence-error">
          <p id="presence-error" title={error.message}>
            {t('presence.setFailed', { reason: describeError(t, error) })}
          </p>
          <button
            type="button"
            className="presence-error-close"
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
            onClick={() => setError(null)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}
