import { useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { isAtCapacity, isPresence, presences } from '../../stores/presence-logic';
import { usePresenceStore } from '../../stores/presence-store';

/** The agent's availability (online, busy, away, offline) and how many chats they carry. */
export function PresenceSwitch() {
  const t = useT();
  const controller = useController();
  const agent = usePresenceStore((s) => s.agent);
  const autoAway = usePresenceStore((s) => s.autoAway);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const presence = agent?.presence ?? 'unknown';

  // A status that changed since (by hand, auto-away or the server) makes an old error moot.
  const [errorFor, setErrorFor] = useState(agent?.presence);
  if (errorFor !== agent?.presence) {
    setErrorFor(agent?.presence);
    if (error) setError(null);
  }

  async function change(value: string) {
    if (!isPresence(value) || value === agent?.presence) return;
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

  const full = agent ? isAtCapacity(agent) : false;
  return (
    <div className="presence" data-presence={presence}>
      <span className="presence-dot" data-presence={presence} aria-hidden="true" />
      <select
        className="presence-select"
        data-testid="presence-switch"
        aria-label={t('presence.label')}
        aria-describedby={error ? 'presence-error' : undefined}
        value={agent?.presence ?? ''}
        disabled={saving}
        title={autoAway ? t('presence.autoAwayTitle') : undefined}
        onChange={(e) => void change(e.target.value)}
      >
        {!agent && (
          <option value="" disabled>
            {t('presence.unknown')}
          </option>
        )}
        {presences.map((p) => (
          <option key={p} value={p} data-presence={p}>
            {t(`presence.${p}`)}
          </option>
        ))}
      </select>
      {autoAway && (
        <span className="presence-auto" data-testid="presence-auto" title={t('presence.autoAwayTitle')}>
          {t('presence.autoAway')}
        </span>
      )}
      {agent && (
        <span
          className={full ? 'presence-load presence-load-full' : 'presence-load'}
          data-testid="agent-load"
          title={t(full ? 'presence.loadFull' : 'presence.loadTitle', { load: agent.load, max: agent.maxChats })}
        >
          {t('presence.load', { load: agent.load, max: agent.maxChats })}
        </span>
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
