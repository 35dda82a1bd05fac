import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import type { HighlightedText } from '../../../../shared/knowledge';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useNow } from '../../lib/use-now';
import { offerAudience } from '../../stores/inbox-logic';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';
import { useInboxSearchStore } from '../../stores/inbox-search-store';
import { useInboxStore } from '../../stores/inbox-store';
import { RetryNotice } from '../common/RetryNotice';
import { openChat } from '../shortcuts/shortcut-actions';
import { InboxFilters } from './InboxFilters';
import { InboxFilterTabs } from './InboxFilterTabs';
import { InboxItem, inboxRowClass } from './InboxItem';
import { InboxSearch } from './InboxSearch';
import { applyQuery, countChoices, hasFacets, isSearchable, searchMatches, sortForView, type InboxQuery } from './inbox-query';
import { nextIndex } from './keyboard';

const noHits: ReadonlyMap<string, HighlightedText> = new Map();

/** A first guess at a row's height before it is measured (offers to the agent carry buttons). */
function estimateRowHeight(conversation: InboxConversation | undefined, me: string | null): number {
  if (!conversation) return 92;
  return offerAudience(conversation, me) === 'me' ? 140 : 92;
}

/**
 * The inbox: search, the Mine / Unassigned / All tabs, filters and order, and the conversations
 * as a virtual list (only the rows in view exist in the page, so ten thousand stay smooth). Arrow
 * keys, Home and End move between rows; Enter opens one.
 */
export function InboxList() {
  const t = useT();
  const controller = useController();
  const all = useInboxStore((s) => s.conversations);
  const me = useInboxStore((s) => s.me);
  const selectedId = useInboxStore((s) => s.selectedId);
  const status = useInboxStore((s) => s.status);
  const error = useInboxStore((s) => s.error);
  const tab = useInboxFilterStore((s) => s.filter);
  const sort = useInboxFilterStore((s) => s.sort);
  const channel = useInboxFilterStore((s) => s.channel);
  const statusFacet = useInboxFilterStore((s) => s.status);
  const label = useInboxFilterStore((s) => s.label);
  const priority = useInboxFilterStore((s) => s.priority);
  const searchText = useInboxFilterStore((s) => s.search);
  const clearFacets = useInboxFilterStore((s) => s.clearFacets);
  const searchedFor = useInboxSearchStore((s) => s.query);
  const hits = useInboxSearchStore((s) => s.hits);
  const now = useNow(30_000);

  const query: InboxQuery = useMemo(
    () => ({ tab, sort, channel, status: statusFacet, label, priority }),
    [tab, sort, channel, statusFacet, label, priority],
  );
  const searching = isSearchable(searchText);
  const matches = useMemo(() => {
    if (!searching) return null;
    const text = searchText.trim();
    return searchMatches(all, text, searchedFor === text ? hits : noHits);
  }, [all, searching, searchText, searchedFor, hits]);
  const ordered = useMemo(() => sortForView(all, sort, me), [all, sort, me]);
  const conversations = useMemo(() => applyQuery(ordered, query, me, matches), [ordered, query, me, matches]);
  const counts = useMemo(() => countChoices(all, query, me, matches), [all, query, me, matches]);
  const narrowed = searching || hasFacets(query) || tab !== 'all';

  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowHeight(conversations[index], me),
    getItemKey: (index) => conversations[index]?.id ?? index,
    overscan: 6,
    // Let React batch the renders a fast scroll asks for instead of rendering each one at once.
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();

  const selectedIndex = useMemo(() => conversations.findIndex((c) => c.id === selectedId), [conversations, selectedId]);
  // One tab stop for the whole list: the selected row if it is in view, else the first row in view.
  const firstShown = rows[0]?.index ?? 0;
  const lastShown = rows.at(-1)?.index ?? 0;
  const tabStop = selectedIndex >= firstShown && selectedIndex <= lastShown ? selectedIndex : firstShown;

  // A row moved to by keyboard may not exist until the list has scrolled to it.
  const focusTarget = useRef<number | null>(null);
  useEffect(() => {
    const target = focusTarget.current;
    if (target === null) return;
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] [data-conversation-button]`);
    if (!button) return;
    focusTarget.current = null;
    button.focus();
  });

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-index]');
    if (!row || !(document.activeElement as HTMLElement).matches('[data-conversation-button]')) return;
    const current = Number(row.dataset.index);
    const target = nextIndex(event.key, Number.isNaN(current) ? Math.max(0, selectedIndex) : current, conversations.length);
    if (target === null) return;
    event.preventDefault();
    focusTarget.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] [data-conversation-button]`);
    if (button) {
      focusTarget.current = null;
      button.focus();
    }
  }

  // Opening a conversation puts the cursor in its reply box: the agent types straight away.
  const open = useCallback((id: string) => openChat(controller, id), [controller]);

  let emptyText: string | null = null;
  if (status === 'ready' && all.length === 0) emptyText = t('inbox.empty');
  else if (status === 'ready' && conversations.length === 0) {
    if (searching) emptyText = t('inbox.search.none', { query: searchText.trim() });
    else if (hasFacets(query)) emptyText = t('inbox.filter.empty');
    else emptyText = tab === 'mine' ? t('inbox.emptyMine') : t('inbox.emptyUnassigned');
  }

  return (
    <section className="inbox" aria-labelledby="inbox-heading">
      <div className="pane-header">
        <h2 id="inbox-heading" className="pane-title">
          {t('inbox.heading')}
        </h2>
        {status === 'ready' && all.length > 0 && (
          <span className="pane-meta" data-testid="inbox-shown">
            {narrowed
              ? t('inbox.filter.shown', { shown: conversations.length, total: all.length })
              : t('inbox.count', { count: all.length })}
          </span>
        )}
      </div>
      <InboxSearch found={searching ? conversations.length : 0} />
      <InboxFilterTabs counts={counts.tab} />
      <InboxFilters counts={counts} />

      {status === 'failed' && error && (
        <RetryNotice
          message={t('inbox.loadFailed', { reason: describeError(t, error) })}
          onRetry={() => void controller.loadConversations()}
        />
      )}
      {status === 'loading' && conversations.length === 0 && (
        <p className="pane-empty" role="status">
          {t('inbox.loading')}
        </p>
      )}
      {emptyText && (
        <div className="pane-empty">
          <p>{emptyText}</p>
          {!searching && hasFacets(query) && (
            <button type="button" className="button button-quiet" onClick={clearFacets}>
              {t('inbox.filter.clear')}
            </button>
          )}
        </div>
      )}

      <p id="inbox-hint" className="visually-hidden">
        {t('inbox.keyboardHint')}
      </p>
      <div className="inbox-panel" role="tabpanel" id="inbox-tabpanel" aria-labelledby={`inbox-tab-${tab}`}>
        <div ref={scrollRef} className="inbox-scroll" data-testid="inbox-scroll">
          <ul
            ref={listRef}
            role="list"
            aria-label={t('inbox.label')}
            aria-describedby="inbox-hint"
            className="inbox-list"
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onKeyDown}
          >
            {rows.map((row) => {
              const conversation = conversations[row.index]!;
              const offer = offerAudience(conversation, me);
              return (
                <li
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className={inboxRowClass(conversation, offer)}
                  style={{ transform: `translateY(${row.start}px)` }}
                  aria-setsize={conversations.length}
                  aria-posinset={row.index + 1}
                  data-testid="conversation-item"
                  data-conversation-id={conversation.id}
                  data-selected={conversation.id === selectedId ? 'true' : 'false'}
                  data-access={conversation.access}
                  data-status={conversation.status}
                  data-routing={conversation.routingState}
                  data-channel={conversation.channelKind}
                  data-unread={conversation.unread}
                  data-offer={offer ?? undefined}
                >
                  <InboxItem
                    conversation={conversation}
                    offer={offer}
                    selected={conversation.id === selectedId}
                    tabbable={row.index === tabStop}
                    now={now}
                    snippet={matches?.get(conversation.id) ?? null}
                    onOpen={open}
                  />
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}
