import { useId, useMemo } from 'react';
import type { ChannelKind, RoutingState } from '../../../../shared/domain';
import { useLanguage, useT } from '../../i18n/use-t';
import { useTeamStore } from '../../stores/team-store';
import { useMonitorFilterStore } from './monitor-filter-store';
import {
  agentOptions,
  groupOptions,
  isFiltered,
  isIdChoice,
  monitorChannels,
  monitorStates,
  noFilter,
  stateLabelKey,
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
  // A chosen colleague or group that is no longer listed stays selectable, so the select shows the filter in use.
  const lostAgent = filter.agent.startsWith('id:') && !agentChoices.some((o) => o.value === filter.agent);
  const lostGroup = filter.group.startsWith('id:') && !groupChoices.some((o) => o.value === filter.group);

  return (
    <div className="monitor-filters" role="group" aria-label={t('monitor.filtersLabel')}>
      <div className="monitor-filter">
        <label htmlFor={ids.state}>{t('monitor.filter.state')}</label>
        <select
          id={ids.state}
          data-testid="monitor-filter-state"
          value={filter.state}
          onChange={(e) => {
            const value = e.target.value;
            setFilter({ state: value === 'any' ? 'any' : (monitorStates.find((s) => s === value) ?? 'any') });
          }}
        >
          <option value="any">{t('monitor.filter.any')}</option>
          {monitorStates.map((state: RoutingState) => (
            <option key={state} value={state}>
              {t(stateLabelKey(state))}
            </option>
          ))}
        </select>
      </div>
      <div className="monitor-filter">
        <label htmlFor={ids.channel}>{t('monitor.filter.channel')}</label>
        <select
          id={ids.channel}
          data-testid="monitor-filter-channel"
          value={filter.channel}
          onChange={(e) => {
            const value = e.target.value;
            setFilter({ channel: value === 'any' ? 'any' : (monitorChannels.find((c) => c === value) ?? 'any') });
          }}
        >
          <option value="any">{t('monitor.filter.any')}</option>
          {monitorChannels.map((channel: ChannelKind) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="monitor-filter">
        <label htmlFor={ids.agent}>{t('monitor.filter.agent')}</label>
        <select
          id={ids.agent}
          data-testid="monitor-filter-agent"
          value={filter.agent}
          onChange={(e) => setFilter({ agent: isIdChoice(e.target.value) ? e.target.value : 'any' })}
        >
          <option value="any">{t('monitor.filter.any')}</option>
          <option value="none">{t('monitor.filter.noAgent')}</option>
          {lostAgent && <option value={filter.agent}>{filter.agent.slice(3)}</option>}
          {agentChoices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="monitor-filter">
        <label htmlFor={ids.group}>{t('monitor.filter.group')}</label>
        <select
          id={ids.group}
          data-testid="monitor-filter-group"
          value={filter.group}
          onChange={(e) => setFilter({ group: isIdChoice(e.target.value) ? e.target.value : 'any' })}
        >
          <option value="any">{t('monitor.filter.any')}</option>
          <option value="none">{t('monitor.filter.noGroup')}</option>
          {lostGroup && <option value={filter.group}>{filter.group.slice(3)}</option>}
          {groupChoices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
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
