import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { countByFilter, filterConversations, offerAudience } from '../../stores/inbox-logic';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';
import { useInboxStore } from '../../stores/inbox-store';
import { ChannelBadge } from './ChannelBadge';
import { InboxFilterTabs } from './InboxFilterTabs';
import { nextIndex } from './keyboard';
import { OfferActions, OfferCountdown, OfferedToOther } from './OfferActions';
import { RoutingBadges } from './RoutingBadges';

/**
 * The conversation list under the Mine / Unassigned / All tabs: chats offered to the agent on
 * top, then the customers waiting longest, then the rest by activity. Arrow keys move, Enter opens.
 */
export function InboxList() {
  const t = useT();
  const controller = useController();
  const all = useInboxStore((s) => s.conversations);
  const me = useInboxStore((s) => s.me);
  const selectedId = useInboxStore((s) => s.selectedId);
  const status = useInboxStore((s) => s.status);
  const error = useInboxStore((s) => s.error);
  const filter = useInboxFilterStore((s) => s.filter);
  const listRef = useRef<HTMLUListElement>(null);
  const now = useNow(30_000);
  const conversations = useMemo(() => filterConversations(all, filter, me), [all, filter, me]);
  const counts = useMemo(() => countByFilter(all, me), [all, me]);

  const selectedIndex = conversations.findIndex((c) => c.id === selectedId);

  function focusItem(index: number) {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('[data-conversation-button]');
    buttons?.[index]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-conversation-button]') ?? [])];
    const current = buttons.findIndex((b) => b === document.activeElement);
    const target = nextIndex(event.key, current === -1 ? Math.max(0, selectedIndex) : current, buttons.length);
    if (target === null) return;
    event.preventDefault();
    focusItem(target);
  }

  // One tab stop for the whole list: the selected item, else the first.
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;

  return (
    <section className="inbox" aria-labelledby="inbox-heading">
      <div className="pane-header">
        <h2 id="inbox-heading" className="pane-title">
          {t('inbox.heading')}
        </h2>
        {status === 'ready' && all.length > 0 && (
          <span className="pane-meta">
            {all.length === 1 ? t('inbox.countOne') : t('inbox.count', { count: all.length })}
          </span>
        )}
      </div>
      <InboxFilterTabs counts={counts} />

      {status === 'failed' && error && (
        <div className="pane-notice" role="alert">
          <p>{t('inbox.loadFailed', { reason: describeError(t, error) })}</p>
          <button type="button" className="button button-quiet" onClick={() => void controller.loadConversations()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {status === 'loading' && conversations.length === 0 && (
        <p className="pane-empty" role="status">
          {t('inbox.loading')}
        </p>
      )}
      {status === 'ready' && all.length === 0 && <p className="pane-empty">{t('inbox.empty')}</p>}
      {status === 'ready' && all.length > 0 && conversations.length === 0 && (
        <p className="pane-empty">{filter === 'mine' ? t('inbox.emptyMine') : t('inbox.emptyUnassigned')}</p>
      )}

      <p id="inbox-hint" className="visually-hidden">
        {t('inbox.keyboardHint')}
      </p>
      <div
        className="inbox-panel"
        role="tabpanel"
        id="inbox-tabpanel"
        aria-labelledby={`inbox-tab-${filter}`}
      >
        <ul
          ref={listRef}
          role="list"
          aria-label={t('inbox.label')}
          aria-describedby="inbox-hint"
          className="inbox-list"
          onKeyDown={onKeyDown}
        >
          {conversations.map((conversation, index) => (
            <InboxItem
              key={conversation.id}
              conversation={conversation}
              offer={offerAudience(conversation, me)}
              selected={conversation.id === selectedId}
              tabbable={index === tabStop}
              now={now}
              onOpen={() => controller.selectConversation(conversation.id)}
            />
          ))}
        </ul>
      </div>
    </section>
  );
}

interface InboxItemProps {
  conversation: InboxConversation;
  /** An open offer for this agent ('me') or for a colleague ('other'), else null. */
  offer: 'me' | 'other' | null;
  selected: boolean;
  tabbable: boolean;
  now: number;
  onOpen(): void;
}

function InboxItem({ conversation, offer, selected, tabbable, now, onOpen }: InboxItemProps) {
  const t = useT();
  const language = useLanguage();
  const assignee = conversation.assigneeName ?? t('inbox.unassigned');
  const lost = conversation.access === 'lost';
  const className = ['inbox-item', lost && 'inbox-item-lost', offer === 'me' && 'inbox-item-offer', offer === 'other' && 'inbox-item-offer-other']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={className}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-selected={selected ? 'true' : 'false'}
      data-access={conversation.access}
      data-status={conversation.status}
      data-routing={conversation.routingState}
      data-offer={offer ?? undefined}
    >
      <button
        type="button"
        data-conversation-button=""
        className="inbox-item-button"
        aria-current={selected ? 'true' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onClick={onOpen}
      >
        <span className="inbox-item-top">
          <span className="inbox-contact">{conversation.contactName}</span>
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
        <span className="inbox-preview">{conversation.lastMessagePreview || t('inbox.noPreview')}</span>
        {lost && (
          <span className="inbox-lost" data-testid="conversation-lost">
            {t('inbox.lost')}
          </span>
        )}
        <span className="inbox-item-bottom">
          <ChannelBadge kind={conversation.channelKind} />
          <RoutingBadges conversation={conversation} />
          {conversation.status === 'resolved' && (
            <span className="status-badge" data-testid="resolved-badge">
              {t('inbox.resolved')}
            </span>
          )}
          {offer === 'other' ? (
            <OfferedToOther conversation={conversation} />
          ) : (
            offer === null && (
              <span className={conversation.assigneeId ? 'inbox-assignee' : 'inbox-assignee inbox-unassigned'}>
                {assignee}
              </span>
            )
          )}
        </span>
      </button>
      {offer === 'me' && <OfferActions conversation={conversation} compact />}
    </li>
  );
}
