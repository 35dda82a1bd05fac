import { saveDepartment, saveTicketType, ticketSettings } from '../../domain/tickets/ticket-admin';
import { createTicket } from '../../domain/tickets/create-ticket';
import { commentTicket } from '../../domain/tickets/ticket-comments';
import { getTicket, listTickets, ticketChanges, ticketMeta } from '../../domain/tickets/ticket-queries';
import { toTicket } from '../../domain/tickets/ticket-repository';
import type { TicketDeps } from '../../domain/tickets/ticket-change';
import { bulkUpdateTickets, deleteTicket, updateTicket } from '../../domain/tickets/update-ticket';
import type { AgentRequestContext } from './agent-request-context';

/** The Tickets view's requests; every ticket is checked against the caller on the server (ticket-permissions.ts). */
export function registerTicketRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, clock } = services;
  const deps: TicketDeps = { db, clock, events: services.events, kickDeliveries: services.kickDeliveries, sensitive: services.sensitive };

  serve('tickets:meta', async () => ticketMeta(db, user));
  serve('tickets:list', async (query) => listTickets(db, user, query, clock()));
  serve('tickets:get', async ({ id }) => getTicket(db, user, id, clock()));
  serve('tickets:create', async (input) => ({ ticket: toTicket(await createTicket(deps, user, input)) }));
  serve('tickets:update', async (input) => ({ ticket: toTicket(await updateTicket(deps, user, input)) }));
  serve('tickets:comment', async (input) => {
    const { event, ticket } = await commentTicket(deps, user, input);
    return { event, ticket: toTicket(ticket) };
  });
  serve('tickets:bulk', async (input) => bulkUpdateTickets(deps, user, input));
  serve('tickets:delete', async ({ id }) => ({ deleted: await deleteTicket(deps, user, id) }));
  serve('tickets:changes', async ({ after, limit }) => ticketChanges(db, user, after, limit ?? 500, clock()));
}

/** Admins: departments, ticket types and the ticket settings (the domain refuses everyone else with `forbidden`). */
export function registerTicketAdminRequests({ serve, user, services }: AgentRequestContext): void {
  const { db } = services;
  serve('tickets:admin:departments:save', async (input) => ({ department: await saveDepartment(db, user, input) }));
  serve('tickets:admin:types:save', async (input) => ({ type: await saveTicketType(db, user, input) }));
  serve('tickets:admin:settings', async ({ save }) => ({ settings: await ticketSettings(db, user, save) }));
}
