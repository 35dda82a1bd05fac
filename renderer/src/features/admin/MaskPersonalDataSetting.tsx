import { useId, useState } from 'react';
import { DEFAULT_REPLY_MASK_POLICY } from '../../../../shared/reply-masking';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useSupervision } from '../../app/supervision-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';

/**
 * The account's "mask card, ID and phone numbers in agents' replies" switch, saved as soon as it
 * is changed (audited on the server). Changing it needs the connection.
 */
export function MaskPersonalDataSetting({ offline }: { offline: boolean }) {
  const t = useT();
  const supervision = useSupervision();
  const policy = useSensitiveWordsStore((s) => s.policy) ?? DEFAULT_REPLY_MASK_POLICY;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const hintId = useId();

  async function change(maskPersonalData: boolean) {
    setSaving(true);
    setError(null);
    try {
      await supervision.saveReplyMaskPolicy({ maskPersonalData });
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="sensitive-policy" data-testid="sensitive-policy">
      <label className="settings-check">
        <input
          type="checkbox"
          data-testid="mask-personal-data"
          checked={policy.maskPersonalData}
          disabled={offline || saving}
          aria-describedby={hintId}
          onChange={(e) => void change(e.target.checked)}
        />
        {t('sensitive.maskPersonalData')}
      </label>
      <p id={hintId} className="sensitive-policy-hint">
        {t('sensitive.maskPersonalDataHint')}
      </p>
      {error && (
        <p className="form-error" role="alert" title={error.message}>
          {t('sensitive.policySaveFailed', { reason: describeError(t, error) })}
        </p>
      )}
    </div>
  );
}
