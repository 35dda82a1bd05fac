import { readSlaTargets, saveSlaTargets } from '../../domain/tickets/sla/sla-targets';
import { ticketStats } from '../../domain/tickets/stats/ticket-stats';
import type { AgentRequestContext } from './agent-request-context';

/** SLA targets (admins; the domain refuses everyone else) and ticket figures (counted for the caller). */
export function registerTicketSlaStatsRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, clock } = services;

  serve('tickets:admin:sla:list', async () => ({ targets: await readSlaTargets(db, user) }));

  serve('tickets:admin:sla:save', async ({ targets }) => ({ targets: (await saveSlaTargets(db, user, targets)).targets }));

  serve('tickets:stats', async (query) => ticketStats(db, user, query, clock()));
}
