import { memo, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { inboxFilters, type InboxFilter } from '../../stores/inbox-logic';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';

/**
 * Mine / Unassigned / All above the list, each with its count; arrow keys move between them.
 * Memoised: the inbox re-renders at every step of a scroll, this need not.
 */
export const InboxFilterTabs = memo(function InboxFilterTabs({ counts }: { counts: Record<InboxFilter, number> }) {
  const t = useT();
  const filter = useInboxFilterStore((s) => s.filter);
  const setFilter = useInboxFilterStore((s) => s.setFilter);
  const tabsRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = inboxFilters.indexOf(filter);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % inboxFilters.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + inboxFilters.length) % inboxFilters.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = inboxFilters.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = inboxFilters[next];
    if (!target) return;
    setFilter(target);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#inbox-tab-${target}`)?.focus();
  }

  return (
    <div className="inbox-tabs" role="tablist" aria-label={t('inbox.filtersLabel')} ref={tabsRef} onKeyDown={onKeyDown}>
      {inboxFilters.map((f) => (
        <button
          key={f}
          type="button"
          role="tab"
          id={`inbox-tab-${f}`}
          className="inbox-tab"
          data-testid={`inbox-filter-${f}`}
          aria-selected={f === filter}
          aria-controls="inbox-tabpanel"
          tabIndex={f === filter ? 0 : -1}
          onClick={() => setFilter(f)}
        >
          <span>{t(`inbox.filter.${f}`)}</span>
          <span className="inbox-tab-count" data-testid={`inbox-filter-count-${f}`}>
            {counts[f]}
          </span>
        </button>
      ))}
    </div>
  );
});
