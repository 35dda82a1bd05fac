import { channelKindSchema } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';
import { useTeamStore } from '../../stores/team-store';
import { SelectField } from '../common/SelectField';
import type { ReportFilters } from './report-period';

const ANY = '';

/**
 * Channel kind, skill group and (for supervisors and admins) agent. Agents get no agent filter:
 * the server counts their own figures whatever is asked.
 */
export function ReportFilterFields({ filters, canFilterAgent, onChange }: { filters: ReportFilters; canFilterAgent: boolean; onChange(filters: ReportFilters): void }) {
  const t = useT();
  const groups = useTeamStore((s) => s.groups);
  const agents = useTeamStore((s) => s.agents);
  const any = { value: ANY, label: t('reports.filter.any') };
  return (
    <>
      <SelectField
        id="report-channel"
        label={t('reports.filter.channel')}
        value={filters.channelKind}
        options={[any, ...channelKindSchema.options.map((kind) => ({ value: kind, label: t(`channel.${kind}`) }))]}
        onChange={(channelKind) => onChange({ ...filters, channelKind })}
      />
      <SelectField
        id="report-group"
        label={t('reports.filter.group')}
        value={filters.groupId}
        options={[any, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        onChange={(groupId) => onChange({ ...filters, groupId })}
      />
      {canFilterAgent && (
        <SelectField
          id="report-agent"
          label={t('reports.filter.agent')}
          value={filters.agentId}
          options={[any, ...agents.filter((a) => a.role !== 'staff').map((a) => ({ value: a.id, label: a.name }))]}
          onChange={(agentId) => onChange({ ...filters, agentId })}
        />
      )}
    </>
  );
}
