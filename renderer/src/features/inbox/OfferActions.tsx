import { useEffect, useState } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeOfferError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { formatDuration } from '../../lib/duration';
import { secondsUntil } from '../../lib/time';
import { useSecondTick } from '../../lib/use-second-tick';
import { useConnectionStore } from '../../stores/connection-store';
import { useTeamStore } from '../../stores/team-store';

/** "Accept within 00:25", counting down each second to when the offer passes on. */
export function OfferCountdown({ expiresAt }: { expiresAt: string | null }) {
  const t = useT();
  const now = useSecondTick();
  const seconds = secondsUntil(expiresAt, now);
  if (seconds === null) return <span className="offer-countdown">{t('offer.forYou')}</span>;
  return (
    <span className="offer-countdown" data-testid="offer-countdown" data-urgent={seconds <= 10 ? 'true' : undefined}>
      {seconds > 0 ? t('offer.expiresIn', { time: formatDuration(seconds) }) : t('offer.expiring')}
    </span>
  );
}

type Busy = 'accept' | 'decline' | null;

/** Accept and Decline for a chat offered to this agent, with the reason when one fails. */
export function OfferActions({ conversation, compact = false }: { conversation: InboxConversation; compact?: boolean }) {
  const t = useT();
  const controller = useController();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ action: 'accept' | 'decline'; error: AppErrorShape } | null>(null);
  const name = conversation.contactName;

  async function run(action: 'accept' | 'decline') {
    setBusy(action);
    setError(null);
    try {
      await controller[action](conversation.id);
    } catch (err) {
      setError({ action, error: toAppError(err).toJSON() });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={compact ? 'offer-actions offer-actions-compact' : 'offer-actions'}>
      <div className="offer-buttons" role="group" aria-label={t('offer.actionsLabel')}>
        <button
          type="button"
          className="button button-primary button-small"
          data-testid="accept-offer"
          aria-label={t('offer.acceptLabel', { name })}
          disabled={busy !== null}
          onClick={() => void run('accept')}
        >
          {busy === 'accept' ? t('offer.accepting') : t('offer.accept')}
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          data-testid="decline-offer"
          aria-label={t('offer.declineLabel', { name })}
          disabled={busy !== null}
          onClick={() => void run('decline')}
        >
          {busy === 'decline' ? t('offer.declining') : t('offer.decline')}
        </button>
      </div>
      {error && (
        <p className="offer-error" role="alert" title={error.error.message}>
          {t(error.action === 'accept' ? 'offer.acceptFailed' : 'offer.declineFailed', {
            reason: describeOfferError(t, error.error),
          })}
        </p>
      )}
    </div>
  );
}

/** "Offered to Wang Fang": whom a chat offered to someone else waits for. */
export function OfferedToOther({ conversation }: { conversation: InboxConversation }) {
  const t = useT();
  const controller = useController();
  const online = useConnectionStore((s) => s.connection?.status === 'online');
  // Colleagues' names come from the team list; read it once when the first such offer shows.
  useEffect(() => {
    if (online && useTeamStore.getState().status === 'idle') void controller.loadTeam();
  }, [controller, online]);
  const teamName = useTeamStore((s) => s.agents.find((a) => a.id === conversation.offeredToId)?.name ?? null);
  const name =
    conversation.assigneeId !== null && conversation.assigneeId === conversation.offeredToId
      ? conversation.assigneeName
      : teamName;
  return (
    <span className="offer-other" data-testid="offered-to-other">
      {name ? t('offer.toOther', { name }) : t('offer.toColleague')}
    </span>
  );
}
