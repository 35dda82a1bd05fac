import { useEffect, useState } from 'react';
import type { DesktopSettings } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

/**
 * Whether Switchboard starts when the person logs in to this computer (off unless chosen). Only
 * the installed app can; elsewhere (a browser, a development run) the choice is shown off and says so.
 */
export function StartAtLoginSetting() {
  const t = useT();
  const controller = useController();
  const [settings, setSettings] = useState<DesktopSettings | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    controller.desktopSettings().then(
      (read) => live && setSettings(read),
      (err: unknown) => live && setError(toAppError(err).toJSON()),
    );
    return () => {
      live = false;
    };
  }, [controller]);

  async function change(openAtLogin: boolean) {
    setSaving(true);
    setError(null);
    try {
      setSettings(await controller.setOpenAtLogin(openAtLogin));
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  const available = settings?.openAtLoginAvailable ?? false;
  return (
    <div className="notify-preferences" data-testid="desktop-settings">
      <label className="notify-option">
        <input
          type="checkbox"
          data-testid="desktop-openAtLogin"
          checked={settings?.openAtLogin ?? false}
          disabled={!available || saving}
          onChange={(e) => void change(e.target.checked)}
        />
        {t('desktop.openAtLogin')}
      </label>
      {settings && !available && <p className="notify-hint">{t('desktop.openAtLoginInstalledOnly')}</p>}
      {error && (
        <p className="notify-error" role="alert" title={error.message}>
          {t('desktop.saveFailed', { reason: describeError(t, error) })}
        </p>
      )}
    </div>
  );
}
