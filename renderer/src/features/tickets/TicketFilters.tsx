import { ticketPriorities, ticketSortSchema, ticketStatuses, ticketViewSchema, type TicketStatus } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import { useTicketsStore } from './tickets-store';

const ANY = '';

/** The saved filters as tabs, then status, priority, type and department filters and the sort. */
export function TicketFilters() {
  const t = useT();
  const tickets = useTickets();
  const filters = useTicketsStore((s) => s.filters);
  const meta = useTicketsStore((s) => s.meta);
  const status = filters.status?.[0] ?? ANY;
  return (
    <div className="ticket-filters">
      <div className="ticket-views" role="group" aria-label={t('tickets.views.label')}>
        {ticketViewSchema.options.map((view) => (
          <button
            key={view}
            type="button"
            className="ticket-view"
            data-testid={`ticket-view-${view}`}
            aria-pressed={filters.view === view}
            onClick={() => tickets.setFilters({ view })}
          >
            {t(`tickets.view.${view}`)}
          </button>
        ))}
      </div>
      <div className="ticket-field-filters" role="group" aria-label={t('tickets.filters.label')}>
        <SelectField
          id="ticket-filter-status"
          label={t('tickets.filter.status')}
          value={status}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...ticketStatuses.map((s) => ({ value: s, label: t(`tickets.status.${s}`) }))]}
          onChange={(value) => tickets.setFilters({ status: value === ANY ? undefined : [value as TicketStatus] })}
        />
        <SelectField
          id="ticket-filter-priority"
          label={t('tickets.filter.priority')}
          value={filters.priority ?? ANY}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))]}
          onChange={(value) => tickets.setFilters({ priority: value === ANY ? undefined : (value as (typeof ticketPriorities)[number]) })}
        />
        <SelectField
          id="ticket-filter-type"
          label={t('tickets.filter.type')}
          value={filters.typeId ?? ANY}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...(meta?.types ?? []).map((ty) => ({ value: ty.id, label: ty.name }))]}
          onChange={(value) => tickets.setFilters({ typeId: value === ANY ? undefined : value })}
        />
        <SelectField
          id="ticket-filter-department"
          label={t('tickets.filter.department')}
          value={filters.departmentId ?? ANY}
          options={[{ value: ANY, label: t('tickets.filter.any') }, ...(meta?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          onChange={(value) => tickets.setFilters({ departmentId: value === ANY ? undefined : value })}
        />
        <SelectField
          id="ticket-sort"
          label={t('tickets.sort.label')}
          value={filters.sort}
          options={ticketSortSchema.options.map((s) => ({ value: s, label: t(`tickets.sort.${s}`) }))}
          onChange={(sort) => tickets.setFilters({ sort })}
        />
      </div>
    </div>
  );
}
