import { memo, useEffect, type KeyboardEvent } from 'react';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';
import { useInboxSearchStore } from '../../stores/inbox-search-store';
import { isSearchable } from './inbox-query';

/** Typing pauses this long before the messages are searched. */
export const SEARCH_DELAY_MS = 250;

/**
 * The inbox search box: customer names filter as the agent types; the cached messages are searched
 * (offline too) once they pause. Escape clears it.
 * Memoised: the inbox re-renders at every step of a scroll, this need not.
 */
export const InboxSearch = memo(function InboxSearch({ found }: { found: number }) {
  const t = useT();
  const controller = useController();
  const text = useInboxFilterStore((s) => s.search);
  const setSearch = useInboxFilterStore((s) => s.setSearch);
  const status = useInboxSearchStore((s) => s.status);
  const searchedFor = useInboxSearchStore((s) => s.query);
  const truncated = useInboxSearchStore((s) => s.truncated);
  const hitCount = useInboxSearchStore((s) => s.hits.size);
  const error = useInboxSearchStore((s) => s.error);
  const query = text.trim();
  const active = isSearchable(query);

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => void controller.searchMessages(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [active, query, controller]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setSearch('');
    }
  }

  const current = searchedFor === query;
  let line: string | null = null;
  if (active && status === 'searching') line = t('inbox.search.searching');
  else if (active && current && status === 'failed') line = t('inbox.search.failed', { reason: describeError(t, error) });
  else if (active && found === 0 && current && status === 'ready') line = t('inbox.search.none', { query });
  else if (active && current && status === 'ready') {
    line = t('inbox.search.found', { count: found });
    if (truncated) line = `${line} · ${t('inbox.search.truncated', { count: hitCount })}`;
  }

  return (
    <div className="inbox-search" role="search">
      <label className="visually-hidden" htmlFor="inbox-search-input">
        {t('inbox.search.label')}
      </label>
      <input
        id="inbox-search-input"
        type="search"
        className="inbox-search-input"
        data-testid="inbox-search"
        placeholder={t('inbox.search.placeholder')}
        value={text}
        maxLength={200}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {text !== '' && (
        <button type="button" className="inbox-search-clear" onClick={() => setSearch('')} aria-label={t('inbox.search.clear')}>
          ×
        </button>
      )}
      <p className="inbox-search-status" role="status" data-testid="inbox-search-status">
        {line}
      </p>
    </div>
  );
});
