import type { PiiField } from '../../../../shared/contact-profile';
import { useProfile } from '../../app/profile-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useAttempt } from '../common/use-attempt';
import type { RevealContext } from './reveal-context';

/**
 * "Show" beside a masked value: reveals the field for the open conversation (the server logs it).
 * Nothing is shown when the viewer sees clear values or the field is revealed already.
 */
export function UnmaskButton({ field, context }: { field: PiiField; context: RevealContext }) {
  const t = useT();
  const controller = useProfile();
  const { busy, error, run } = useAttempt();
  if (!context.masked || context.revealed.has(field)) return null;

  async function reveal() {
    await run(() => controller.unmask(context.contactId, context.conversationId, field));
  }

  return (
    <>
      <button
        type="button"
        className="profile-unmask"
        data-testid={`profile-unmask-${field}`}
        aria-label={t(`profile.unmaskLabel.${field}`)}
        title={t('profile.unmaskHint')}
        disabled={busy}
        onClick={() => void reveal()}
      >
        {t('profile.unmask')}
      </button>
      {error ? (
        <span className="profile-inline-error" role="alert">
          {t('profile.unmaskFailed', { reason: describeError(t, error) })}
        </span>
      ) : null}
    </>
  );
}
