import { useId, useMemo } from 'react';
import type { ChannelKind, RoutingState } from '../../../../shared/domain';
import { useLanguage, useT } from '../../i18n/use-t';
import { useTeamStore } from '../../stores/team-store';
import { SelectField } from '../common/SelectField';
import { useMonitorFilterStore } from './monitor-filter-store';
import {
  agentOptions,
  groupOptions,
  isFiltered,
  monitorChannels,
  monitorStates,
  noFilter,
  stateLabelKey,
  type FilterOption,
  type IdChoice,
  type MonitorRow,
} from './monitor-logic';

/** State, channel, agent and group choices above the monitor's table, plus "only with alerts". */
export function MonitorFilters({ rows }: { rows: readonly MonitorRow[] }) {
  const t = useT();
  const language = useLanguage();
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const filter = useMonitorFilterStore((s) => s.filter);
  const setFilter = useMonitorFilterStore((s) => s.setFilter);
  const ids = { state: useId(), channel: useId(), agent: useId(), group: useId() };
  const agentChoices = useMemo(() => agentOptions(rows, agents, language), [rows, agents, language]);
  const groupChoices = useMemo(() => groupOptions(rows, groups, language), [rows, groups, language]);
  const any = { value: 'any' as const, label: t('monitor.filter.any') };
  const field = (name: 'state' | 'channel' | 'agent' | 'group') => ({
    className: 'monitor-filter',
    id: ids[name],
    label: t(`monitor.filter.${name}`),
    testId: `monitor-filter-${name}`,
  });

  return (
    <div className="monitor-filters" role="group" aria-label={t('monitor.filtersLabel')}>
      <SelectField
        {...field('state')}
        value={filter.state}
        options={[any, ...monitorStates.map((state: RoutingState) => ({ value: state, label: t(stateLabelKey(state)) }))]}
        onChange={(state) => setFilter({ state })}
      />
      <SelectField
        {...field('channel')}
        value={filter.channel}
        options={[any, ...monitorChannels.map((channel: ChannelKind) => ({ value: channel, label: t(`channel.${channel}`) }))]}
        onChange={(channel) => setFilter({ channel })}
      />
      <SelectField
        {...field('agent')}
        value={filter.agent}
        options={idChoiceOptions(filter.agent, agentChoices, any, t('monitor.filter.noAgent'))}
        onChange={(agent) => setFilter({ agent })}
      />
      <SelectField
        {...field('group')}
        value={filter.group}
        options={idChoiceOptions(filter.group, groupChoices, any, t('monitor.filter.noGroup'))}
        onChange={(group) => setFilter({ group })}
      />
      <label className="monitor-filter-check">
        <input
          type="checkbox"
          data-testid="monitor-filter-alerts"
          checked={filter.alertsOnly}
          onChange={(e) => setFilter({ alertsOnly: e.target.checked })}
        />
        {t('monitor.filter.alertsOnly')}
      </label>
      {isFiltered(filter) && (
        <button type="button" className="button button-quiet button-small" onClick={() => setFilter(noFilter)}>
          {t('monitor.filter.clear')}
        </button>
      )}
    </div>
  );
}

/**
 * Any, none, then the listed colleagues or groups. A chosen one that is no longer listed stays
 * selectable (before the listed ones), so the select shows the filter in use.
 */
function idChoiceOptions(chosen: IdChoice, listed: readonly FilterOption[], any: FilterOption, noneLabel: string): FilterOption[] {
  const lost = chosen.startsWith('id:') && !listed.some((o) => o.value === chosen);
  return [any, { value: 'none', label: noneLabel }, ...(lost ? [{ value: chosen, label: chosen.slice(3) }] : []), ...listed];
}
