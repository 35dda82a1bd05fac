import { useTeamStore } from '../../stores/team-store';
import { useTicketsStore } from './tickets-store';

/** Names for the ids a ticket holds: types, departments and people (as far as this desktop knows them). */
export function useTicketNames() {
  const meta = useTicketsStore((s) => s.meta);
  const agents = useTeamStore((s) => s.agents);
  return {
    type: (id: string | null) => (id ? (meta?.types.find((t) => t.id === id)?.name ?? null) : null),
    department: (id: string | null) => (id ? (meta?.departments.find((d) => d.id === id)?.name ?? null) : null),
    person: (id: string | null) => (id ? (agents.find((a) => a.id === id)?.name ?? null) : null),
  };
}
