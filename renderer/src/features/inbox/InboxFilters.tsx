import { memo, type ChangeEvent } from 'react';
import { channelKindSchema, type ChannelKind } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';
import {
  hasFacets,
  inboxSorts,
  inboxStatuses,
  isInboxSort,
  labelChoices,
  priorityChoices,
  type FacetCounts,
  type InboxStatus,
} from './inbox-query';

const channels = channelKindSchema.options;
const ANY = '';

/**
 * Channel, status, label and priority filters and the order, each choice with how many
 * conversations it would show. A filter with nothing to choose from (no labels yet) is left out.
 * Memoised: the inbox re-renders at every step of a scroll, this need not.
 */
export const InboxFilters = memo(function InboxFilters({ counts }: { counts: FacetCounts }) {
  const t = useT();
  const state = useInboxFilterStore();
  const option = (name: string, count: number) => t('inbox.filter.option', { name, count });
  const labels = labelChoices(counts.label, state.label);
  const priorities = priorityChoices(counts.priority, state.priority);
  const priorityName = (level: number) => (level > 0 ? t('inbox.filter.priorityLevel', { level }) : t('inbox.filter.priorityNormal'));

  const onChannel = (e: ChangeEvent<HTMLSelectElement>) =>
    state.setFacet('channel', e.target.value === ANY ? null : (e.target.value as ChannelKind));
  const onStatus = (e: ChangeEvent<HTMLSelectElement>) =>
    state.setFacet('status', e.target.value === ANY ? null : (e.target.value as InboxStatus));
  const onLabel = (e: ChangeEvent<HTMLSelectElement>) => state.setFacet('label', e.target.value === ANY ? null : e.target.value);
  const onPriority = (e: ChangeEvent<HTMLSelectElement>) =>
    state.setFacet('priority', e.target.value === ANY ? null : Number(e.target.value));
  const onSort = (e: ChangeEvent<HTMLSelectElement>) => {
    if (isInboxSort(e.target.value)) state.setSort(e.target.value);
  };

  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox.filter.bar')}>
      <label className="inbox-filter">
        <span className="visually-hidden">{t('inbox.filter.channel')}</span>
        <select value={state.channel ?? ANY} onChange={onChannel} data-testid="inbox-filter-channel" data-active={state.channel !== null}>
          <option value={ANY}>{t('inbox.filter.anyChannel')}</option>
          {channels
            .filter((kind) => counts.channel.has(kind) || state.channel === kind)
            .map((kind) => (
              <option key={kind} value={kind}>
                {option(t(`channel.${kind}`), counts.channel.get(kind) ?? 0)}
              </option>
            ))}
        </select>
      </label>
      <label className="inbox-filter">
        <span className="visually-hidden">{t('inbox.filter.status')}</span>
        <select value={state.status ?? ANY} onChange={onStatus} data-testid="inbox-filter-status" data-active={state.status !== null}>
          <option value={ANY}>{t('inbox.filter.anyStatus')}</option>
          {inboxStatuses.map((status) => (
            <option key={status} value={status}>
              {option(t(`inbox.filter.status.${status}`), counts.status[status])}
            </option>
          ))}
        </select>
      </label>
      {labels.length > 0 && (
        <label className="inbox-filter">
          <span className="visually-hidden">{t('inbox.filter.label')}</span>
          <select value={state.label ?? ANY} onChange={onLabel} data-testid="inbox-filter-label" data-active={state.label !== null}>
            <option value={ANY}>{t('inbox.filter.anyLabel')}</option>
            {labels.map(([label, count]) => (
              <option key={label} value={label}>
                {option(label, count)}
              </option>
            ))}
          </select>
        </label>
      )}
      {priorities.length > 1 || state.priority !== null ? (
        <label className="inbox-filter">
          <span className="visually-hidden">{t('inbox.filter.priority')}</span>
          <select
            value={state.priority === null ? ANY : String(state.priority)}
            onChange={onPriority}
            data-testid="inbox-filter-priority"
            data-active={state.priority !== null}
          >
            <option value={ANY}>{t('inbox.filter.anyPriority')}</option>
            {priorities.map(([level, count]) => (
              <option key={level} value={String(level)}>
                {option(priorityName(level), count)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="inbox-filter inbox-sort">
        <span className="inbox-filter-caption">{t('inbox.filter.sort')}</span>
        <select value={state.sort} onChange={onSort} data-testid="inbox-sort">
          {inboxSorts.map((sort) => (
            <option key={sort} value={sort}>
              {t(`inbox.filter.sort.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      {hasFacets(state) && (
        <button type="button" className="button button-quiet inbox-filter-clear" onClick={state.clearFacets} data-testid="inbox-filter-clear">
          {t('inbox.filter.clear')}
        </button>
      )}
    </div>
  );
});
