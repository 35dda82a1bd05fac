import type { EventName, MethodArgs, MethodResult, SwitchboardBridge, TicketHistoryItem, Unsubscribe } from '../../../shared/contract';
import { toAppError } from '../../../shared/errors';
import type { NotificationTarget } from '../../../shared/notifications';
import type { Ticket } from '../../../shared/tickets';
import { createCall, type Call } from '../bridge/call';
import { subscribeParsed, type EventHandlers } from '../bridge/events';
import { useTicketsStore, type TicketFilters } from '../features/tickets/tickets-store';
import { useConnectionStore } from '../stores/connection-store';
import { useSessionStore } from '../stores/session-store';
import { useViewStore } from '../stores/view-store';
import { onUserChange } from './on-user-change';

/** What the Tickets view and the create-ticket dialog ask of the client core; answers land in the tickets store. */
export interface TicketsController {
  start(): Unsubscribe;
  /** Reads the types and departments (the last ones loaded when offline). */
  loadMeta(): Promise<void>;
  /** Reads the list again for the current filters. */
  reload(): Promise<void>;
  /** Shows another page of the list (up to the most it shows at once). */
  showMore(): Promise<void>;
  setFilters(patch: Partial<TicketFilters>): void;
  /** Opens a ticket in the detail pane (null closes it). */
  open(id: string | null): Promise<void>;
  /** Changes a field or the status. Throws an AppError the detail pane shows. */
  update(args: MethodArgs<'tickets.update'>): Promise<Ticket>;
  /** Sends a comment or reply; on refusal the text is back in the draft and the AppError is thrown. */
  comment(args: MethodArgs<'tickets.comment'>): Promise<TicketHistoryItem>;
  saveDraft(ticketId: string, body: string, isPublic: boolean): Promise<void>;
  /** Assigns or closes the ticked tickets. Throws an AppError the bar shows. */
  bulk(args: Omit<MethodArgs<'tickets.bulk'>, 'ids'>): Promise<MethodResult<'tickets.bulk'>>;
  /** Opens a ticket (queued when offline). Throws an AppError the dialog shows, keeping what was typed. */
  create(args: MethodArgs<'tickets.create'>): Promise<MethodResult<'tickets.create'>>;
  discardPending(clientId: string): Promise<void>;
  /** A click on a ticket's notification: the Tickets view comes forward with it open (a conversation's is the inbox's). */
  openFromNotification(target: NotificationTarget): void;
  /** Supervisors and admins: deletes the ticket. Throws an AppError the detail pane shows. */
  remove(id: string): Promise<void>;
  /** The ticket's customer profile (the last one loaded when offline). Throws when this user may not see it. */
  customer(contactId: string): Promise<MethodResult<'contacts.profile'>>;
  /** Opens a linked conversation in the inbox. */
  openConversation(conversationId: string): void;
  /** Ticket figures for the stats panel. Throws an AppError the panel shows. */
  stats(query: MethodArgs<'tickets.stats'>): Promise<MethodResult<'tickets.stats'>>;
  /** The same figures as a CSV file to save. Throws an AppError the panel shows. */
  exportStats(query: MethodArgs<'tickets.statsCsv'>): Promise<MethodResult<'tickets.statsCsv'>>;
  /** Admins: ticket administration, live from the server; each throws an AppError the form shows, keeping the input. */
  admin: {
    team(): Promise<MethodResult<'admin.team'>>;
    settings(): Promise<MethodResult<'ticketAdmin.settings'>>;
    saveSettings(args: MethodArgs<'ticketAdmin.saveSettings'>): Promise<MethodResult<'ticketAdmin.saveSettings'>>;
    saveDepartment(args: MethodArgs<'ticketAdmin.saveDepartment'>): Promise<MethodResult<'ticketAdmin.saveDepartment'>>;
    saveType(args: MethodArgs<'ticketAdmin.saveType'>): Promise<MethodResult<'ticketAdmin.saveType'>>;
    sla(): Promise<MethodResult<'ticketAdmin.sla'>>;
    saveSla(args: MethodArgs<'ticketAdmin.saveSla'>): Promise<MethodResult<'ticketAdmin.saveSla'>>;
  };
}

const ticketEvents = [
  'ticket.updated', 'ticket.removed', 'ticket.history', 'ticket.historyRemoved', 'ticket.draft', 'tickets.reloaded', 'ticket.mentioned', 'ticket.sla',
  'notification.opened',
] as const satisfies readonly EventName[];
type TicketEventName = (typeof ticketEvents)[number];

export function createTicketsController(
  bridge: SwitchboardBridge,
  inbox: { openConversation(conversationId: string): void },
  report: (message: string) => void = (message) => console.error(`[switchboard] ${message}`),
): TicketsController {
  const call: Call = createCall(bridge);
  const store = useTicketsStore;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;

  // Many changes in a row (a sync page, a bulk action) read the list once.
  const reloadSoon = () => {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void controller.reload();
    }, 50);
  };

  const handlers: EventHandlers<TicketEventName> = {
    'ticket.updated': (ticket) => {
      store.getState().putTicket(ticket);
      // A new ticket, or one that now matches (or no longer matches) the filters.
      reloadSoon();
    },
    'ticket.removed': ({ ticketId }) => store.getState().removeTicket(ticketId),
    'ticket.history': (item) => store.getState().putHistory(item),
    'ticket.historyRemoved': ({ ticketId, clientId }) => store.getState().removeHistory(ticketId, clientId),
    'ticket.draft': ({ ticketId, draft }) => store.getState().setDraft(ticketId, draft),
    'tickets.reloaded': () => reloadSoon(),
    'ticket.mentioned': (notice) => store.getState().addMention(notice),
    'ticket.sla': (notice) => store.getState().addSlaNotice(notice),
    'notification.opened': (target) => controller.openFromNotification(target),
  };

  const controller: TicketsController = {
    start() {
      const stops: Unsubscribe[] = subscribeParsed(bridge, ticketEvents, handlers, report);
      stops.push(
        onUserChange(() => {
          store.getState().reset();
          // Department staff start from their department's tickets; the desk from their own.
          if (useSessionStore.getState().session?.user?.role === 'staff') store.getState().setFilters({ view: 'my_department' });
        }),
        useConnectionStore.subscribe((next, previous) => {
          if (next.connection?.status === 'online' && previous.connection?.status !== 'online' && store.getState().status !== 'idle') {
            void controller.loadMeta();
            void controller.reload();
          }
        }),
      );
      return () => {
        for (const stop of stops) stop();
        if (reloadTimer) clearTimeout(reloadTimer);
      };
    },

    async loadMeta() {
      try {
        store.getState().setMeta(await call('tickets.meta', {}));
      } catch (err) {
        report(`tickets.meta failed: ${toAppError(err).message}`);
      }
    },

    async reload() {
      store.getState().setLoading();
      try {
        const { filters, limit } = store.getState();
        const { tickets, total, pending } = await call('tickets.list', { ...filters, limit });
        store.getState().setList(tickets, total, pending);
      } catch (err) {
        store.getState().setFailed(toAppError(err).toJSON());
      }
    },

    async showMore() {
      store.getState().showMore();
      await controller.reload();
    },

    setFilters(patch) {
      store.getState().setFilters(patch);
      void controller.reload();
    },

    openFromNotification(target) {
      if (!('ticketId' in target)) return;
      useViewStore.getState().setView('tickets');
      void controller.open(target.ticketId);
    },

    async open(id) {
      store.getState().select(id);
      if (!id) return;
      try {
        const detail = await call('tickets.get', { id });
        if (store.getState().selectedId === id) store.getState().setDetail(detail);
      } catch (err) {
        if (store.getState().selectedId === id) store.getState().setDetail(null, toAppError(err).toJSON());
      }
    },

    async update(args) {
      const ticket = await call('tickets.update', args);
      store.getState().putTicket(ticket);
      reloadSoon();
      return ticket;
    },

    async comment(args) {
      const item = await call('tickets.comment', args);
      store.getState().putHistory(item);
      return item;
    },

    async saveDraft(ticketId, body, isPublic) {
      // The comment box holds what is typed; echoing the saved copy back would undo keystrokes typed meanwhile.
      await call('tickets.saveDraft', { ticketId, body, public: isPublic });
    },

    async bulk(args) {
      const ids = store.getState().checked;
      const result = await call('tickets.bulk', { ...args, ids });
      store.getState().setChecked(result.refused.map((r) => r.id));
      await controller.reload();
      return result;
    },

    async create(args) {
      const result = await call('tickets.create', args);
      reloadSoon();
      return result;
    },

    async discardPending(clientId) {
      await call('tickets.discardPending', { clientId });
      await controller.reload();
    },

    async remove(id) {
      await call('tickets.delete', { id });
      store.getState().removeTicket(id);
    },

    customer(contactId) {
      return call('contacts.profile', { contactId });
    },

    openConversation(conversationId) {
      inbox.openConversation(conversationId);
    },

    stats: (query) => call('tickets.stats', query),
    exportStats: (query) => call('tickets.statsCsv', query),

    admin: {
      team: () => call('admin.team', {}),
      settings: () => call('ticketAdmin.settings', {}),
      saveSettings: (args) => call('ticketAdmin.saveSettings', args),
      async saveDepartment(args) {
        const saved = await call('ticketAdmin.saveDepartment', args);
        await controller.loadMeta();
        return saved;
      },
      async saveType(args) {
        const saved = await call('ticketAdmin.saveType', args);
        await controller.loadMeta();
        return saved;
      },
      sla: () => call('ticketAdmin.sla', {}),
      saveSla: (args) => call('ticketAdmin.saveSla', args),
    },
  };
  return controller;
}
