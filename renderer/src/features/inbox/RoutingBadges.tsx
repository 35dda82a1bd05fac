import type { InboxConversation } from '../../../../shared/contract';
import { useT } from '../../i18n/use-t';
import { formatDuration, secondsSince } from '../../lib/duration';
import { useSecondTick } from '../../lib/use-second-tick';

/** "Waiting 02:13" since the customer started waiting, ticking each second. */
function WaitingBadge({ since }: { since: string }) {
  const t = useT();
  const now = useSecondTick();
  const time = formatDuration(secondsSince(since, now) ?? 0);
  return (
    <span
      className="routing-badge"
      data-routing="queued"
      data-testid="waiting-badge"
      title={t('routing.waitingTitle', { time })}
    >
      <time dateTime={since}>{t('routing.waiting', { time })}</time>
    </span>
  );
}

/**
 * Where the conversation stands on its way to a person (with the bot, waiting, left a message),
 * its skill group, and a marker for high priority. Shown in inbox rows and the thread header.
 */
export function RoutingBadges({ conversation }: { conversation: InboxConversation }) {
  const t = useT();
  const open = conversation.status === 'open';
  return (
    <>
      {open && conversation.routingState === 'bot' && (
        <span className="routing-badge" data-routing="bot" data-testid="bot-badge">
          {t('routing.bot')}
        </span>
      )}
      {open && conversation.routingState === 'queued' &&
        (conversation.waitingSince ? (
          <WaitingBadge since={conversation.waitingSince} />
        ) : (
          <span className="routing-badge" data-routing="queued" data-testid="waiting-badge">
            {t('routing.queued')}
          </span>
        ))}
      {open && conversation.routingState === 'pending' && (
        <span
          className="routing-badge"
          data-routing="pending"
          data-testid="pending-badge"
          title={t('routing.pendingTitle')}
        >
          {t('routing.pending')}
        </span>
      )}
      {open && conversation.leftMessage === true && conversation.routingState !== 'pending' && (
        <span className="routing-badge" data-routing="pending" data-testid="left-message-badge" title={t('routing.leftMessageTitle')}>
          {t('routing.leftMessage')}
        </span>
      )}
      {open && conversation.overflowedFromGroupName && (
        <span
          className="routing-badge"
          data-routing="overflow"
          data-testid="overflow-badge"
          title={t('routing.overflowedTitle', { group: conversation.overflowedFromGroupName })}
        >
          {t('routing.overflowed')}
        </span>
      )}
      {conversation.priority > 0 && (
        <span
          className="priority-badge"
          data-testid="priority-badge"
          title={t('routing.priorityTitle', { priority: conversation.priority })}
        >
          <span aria-hidden="true">▲ </span>
          {t('routing.priority')}
        </span>
      )}
      {conversation.groupName && (
        <span
          className="group-badge"
          data-testid="group-badge"
          title={t('routing.groupTitle', { name: conversation.groupName })}
        >
          {conversation.groupName}
        </span>
      )}
    </>
  );
}
