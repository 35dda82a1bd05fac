import type { ContractHandlers, EventSink } from '../../../shared/contract';
import type { AgentPush } from '../../../shared/protocol';
import type { AttentionService } from '../attention';
import type { NotificationFeed } from '../notification-feed';
import type { TicketsService } from './tickets-service';

type TicketMethod = Exclude<Extract<keyof ContractHandlers, `tickets.${string}`>, 'tickets.stats' | 'tickets.statsCsv'>;

/** The contract's ticket methods, each answered by the signed-in user's tickets service. */
export function ticketHandlers(tickets: () => Promise<TicketsService>): Pick<ContractHandlers, TicketMethod> {
  return {
    'tickets.meta': async () => (await tickets()).meta(),
    'tickets.list': async (args) => (await tickets()).list(args),
    'tickets.get': async ({ id }) => (await tickets()).get(id),
    'tickets.create': async (input) => (await tickets()).create(input),
    'tickets.update': async (input) => (await tickets()).update(input),
    'tickets.comment': async (input) => (await tickets()).comment(input),
    'tickets.bulk': async (input) => (await tickets()).bulk(input),
    'tickets.delete': async ({ id }) => (await tickets()).delete(id),
    'tickets.saveDraft': async ({ ticketId, body, public: isPublic }) => (await tickets()).saveDraft(ticketId, body, isPublic),
    'tickets.discardPending': async ({ clientId }) => (await tickets()).discardPending(clientId),
  };
}

/** What the ticket pushes reach in the signed-in user's workspace. */
type TicketPushTarget = { tickets: TicketsService; attention: Pick<AttentionService, 'onTicketSla'>; feed: Pick<NotificationFeed, 'add'> };

/** The server's ticket pushes; a push that could not be stored is fetched again with the next catch-up. */
export function ticketPushes(emit: EventSink, workspace: () => TicketPushTarget | null | undefined) {
  return {
    'ticket:changed': ({ ticket, event }: AgentPush<'ticket:changed'>) => workspace()?.tickets.onChanged(ticket, event).catch(() => undefined),
    'ticket:mention': (notice: AgentPush<'ticket:mention'>) => {
      emit('ticket.mentioned', notice);
      void workspace()?.feed.add({ kind: 'ticketMention', ...notice }).catch(() => undefined);
    },
    // The history line (synced with the ticket) keeps the notice; this tells the people who must act now,
    // in the app and, while they are elsewhere, as a desktop notification.
    'ticket:sla': (notice: AgentPush<'ticket:sla'>) => {
      emit('ticket.sla', notice);
      workspace()?.attention.onTicketSla(notice);
      void workspace()?.feed.add({ kind: 'ticketSla', sla: notice }).catch(() => undefined);
    },
  };
}
