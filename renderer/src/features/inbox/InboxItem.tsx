import { memo } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import type { HighlightedText } from '../../../../shared/knowledge';
import { contactNameText } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull, formatRelative } from '../../lib/time';
import { ChannelBadge } from './ChannelBadge';
import { OfferActions, OfferCountdown, OfferedToOther } from './OfferActions';
import { RoutingBadges } from './RoutingBadges';

export interface InboxItemProps {
  conversation: InboxConversation;
  /** An open offer for this agent ('me') or for a colleague ('other'), else null. */
  offer: 'me' | 'other' | null;
  selected: boolean;
  tabbable: boolean;
  now: number;
  /** The matching message when a search found the conversation by it. */
  snippet?: HighlightedText | null;
  onOpen(id: string): void;
}

/** The text of a search snippet with the matching words marked. */
export function Highlighted({ text }: { text: HighlightedText }) {
  return (
    <>
      {text.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </>
  );
}

/**
 * One conversation in the inbox: the customer, when they last wrote and how many of their
 * messages are unread, the last message (or the search match), the channel, where it stands and
 * who has it.
 */
export const InboxItem = memo(function InboxItem({ conversation, offer, selected, tabbable, now, snippet, onOpen }: InboxItemProps) {
  const t = useT();
  const language = useLanguage();
  const assignee = conversation.assigneeName ?? t('inbox.unassigned');
  const lost = conversation.access === 'lost';
  const unread = conversation.unread;
  const className = [
    'inbox-item-button',
    unread > 0 && 'inbox-item-unread',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <button
        type="button"
        data-conversation-button=""
        className={className}
        aria-current={selected ? 'true' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onOpen(conversation.id)}
      >
        <span className="inbox-item-top">
          <ChannelBadge kind={conversation.channelKind} compact />
          <span className="inbox-contact">{contactNameText(t, conversation.contactName, conversation.contactNameGenerated)}</span>
          {unread > 0 && (
            <span className="inbox-unread" data-testid="unread-count" aria-label={t('notify.unread', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
          <time className="inbox-time" dateTime={conversation.lastMessageAt} title={formatFull(conversation.lastMessageAt, language)}>
            {formatRelative(conversation.lastMessageAt, now, t, language)}
          </time>
        </span>
        {offer === 'me' && (
          <span className="inbox-offer-line">
            <span className="offer-label">{t('offer.forYou')}</span>
            <OfferCountdown expiresAt={conversation.offerExpiresAt} />
          </span>
        )}
        {snippet ? (
          <span className="inbox-preview inbox-snippet" data-testid="search-snippet">
            <Highlighted text={snippet} />
          </span>
        ) : (
          <span className="inbox-preview">{conversation.lastMessagePreview || t('inbox.noPreview')}</span>
        )}
        {lost && (
          <span className="inbox-lost" data-testid="conversation-lost">
            {t('inbox.lost')}
          </span>
        )}
        <span className="inbox-item-bottom">
          <RoutingBadges conversation={conversation} />
          {conversation.status === 'resolved' && (
            <span className="status-badge" data-testid="resolved-badge">
              {t('inbox.resolved')}
            </span>
          )}
          {conversation.labels.slice(0, 2).map((label) => (
            <span key={label} className="label-badge" data-testid="label-badge">
              {label}
            </span>
          ))}
          {offer === 'other' ? (
            <OfferedToOther conversation={conversation} />
          ) : (
            offer === null && (
              <span className={conversation.assigneeId ? 'inbox-assignee' : 'inbox-assignee inbox-unassigned'}>{assignee}</span>
            )
          )}
        </span>
      </button>
      {offer === 'me' && <OfferActions conversation={conversation} compact />}
    </>
  );
});

/** The class of the row around an item (offer and lost rows look different). */
export function inboxRowClass(conversation: InboxConversation, offer: 'me' | 'other' | null): string {
  return ['inbox-item', conversation.access === 'lost' && 'inbox-item-lost', offer === 'me' && 'inbox-item-offer', offer === 'other' && 'inbox-item-offer-other']
    .filter(Boolean)
    .join(' ');
}
