import { create } from 'zustand';
import { TICKET_LIST_MAX, TICKET_LIST_PAGE, type PendingTicket, type TicketDraft, type TicketHistoryItem, type TicketListArgs, type TicketMeta } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { Ticket, TicketView } from '../../../../shared/tickets';
import type { TicketMentionNotice } from '../../../../shared/tickets-admin';
import type { TicketSlaNotice } from '../../../../shared/ticket-sla';
import type { LoadStatus } from '../../stores/inbox-store';
import { mergeHistory } from './ticket-logic';

export type TicketFilters = Required<Pick<TicketListArgs, 'sort'>> & Omit<TicketListArgs, 'sort' | 'view' | 'limit'> & { view: TicketView };

export const defaultTicketFilters: TicketFilters = { view: 'mine', sort: 'updated' };

export type TicketDetail = { ticket: Ticket; history: TicketHistoryItem[]; draft: TicketDraft | null };

interface TicketsStore {
  filters: TicketFilters;
  /** The first tickets of the filtered list, up to `limit`. */
  tickets: Ticket[];
  /** How many tickets match the filters in all. */
  total: number;
  /** How many the list shows at most: a page more with every "show more", back to one page when the filters change. */
  limit: number;
  pending: PendingTicket[];
  status: LoadStatus;
  error: AppErrorShape | null;
  meta: TicketMeta | null;
  selectedId: string | null;
  detail: TicketDetail | null;
  detailError: AppErrorShape | null;
  /** Ticked in the list for a bulk action. */
  checked: string[];
  /** Colleagues who mentioned this user in a ticket, newest first, until opened or dismissed. */
  mentions: TicketMentionNotice[];
  addMention(notice: TicketMentionNotice): void;
  dismissMention(eventId: string): void;
  /** SLA warnings and breaches of tickets this user must act on, newest first, until opened or dismissed. */
  slaNotices: TicketSlaNotice[];
  addSlaNotice(notice: TicketSlaNotice): void;
  dismissSlaNotice(key: string): void;
  setFilters(patch: Partial<TicketFilters>): void;
  setList(tickets: Ticket[], total: number, pending: PendingTicket[]): void;
  showMore(): void;
  setLoading(): void;
  setFailed(error: AppErrorShape): void;
  setMeta(meta: TicketMeta): void;
  select(id: string | null): void;
  setDetail(detail: TicketDetail | null, error?: AppErrorShape | null): void;
  /** A ticket changed: the list row and the open detail follow. */
  putTicket(ticket: Ticket): void;
  removeTicket(id: string): void;
  putHistory(item: TicketHistoryItem): void;
  removeHistory(ticketId: string, clientId: string): void;
  setDraft(ticketId: string, draft: TicketDraft | null): void;
  toggleChecked(id: string): void;
  setChecked(ids: string[]): void;
  reset(): void;
}

const initial = {
  filters: defaultTicketFilters,
  tickets: [] as Ticket[],
  total: 0,
  limit: TICKET_LIST_PAGE,
  pending: [] as PendingTicket[],
  status: 'idle' as LoadStatus,
  error: null,
  meta: null,
  selectedId: null,
  detail: null,
  detailError: null,
  checked: [] as string[],
  mentions: [] as TicketMentionNotice[],
  slaNotices: [] as TicketSlaNotice[],
};

/** One notice per ticket, target and kind (a breach does not replace the warning before it). */
export const slaNoticeKey = (n: Pick<TicketSlaNotice, 'ticketId' | 'target' | 'kind'>): string => `${n.ticketId}:${n.target}:${n.kind}`;

/** The Tickets view: the list as filtered, the ticket open in the detail pane, the ticked rows. */
export const createTicketsStore = () =>
  create<TicketsStore>((set) => ({
    ...initial,
    addMention: (notice) => set((s) => ({ mentions: [notice, ...s.mentions.filter((m) => m.eventId !== notice.eventId)].slice(0, 20) })),
    dismissMention: (eventId) => set((s) => ({ mentions: s.mentions.filter((m) => m.eventId !== eventId) })),
    addSlaNotice: (notice) =>
      set((s) => ({ slaNotices: [notice, ...s.slaNotices.filter((n) => slaNoticeKey(n) !== slaNoticeKey(notice))].slice(0, 20) })),
    dismissSlaNotice: (key) => set((s) => ({ slaNotices: s.slaNotices.filter((n) => slaNoticeKey(n) !== key) })),
    setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, limit: TICKET_LIST_PAGE, checked: [] })),
    setList: (tickets, total, pending) =>
      set((s) => ({ tickets, total, pending, status: 'ready', error: null, checked: s.checked.filter((id) => tickets.some((t) => t.id === id)) })),
    showMore: () => set((s) => ({ limit: Math.min(TICKET_LIST_MAX, s.limit + TICKET_LIST_PAGE) })),
    setLoading: () => set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null })),
    setFailed: (error) => set({ status: 'failed', error }),
    setMeta: (meta) => set({ meta }),
    select: (id) => set((s) => (s.selectedId === id ? s : { selectedId: id, detail: null, detailError: null })),
    setDetail: (detail, error = null) => set({ detail, detailError: error }),
    putTicket: (ticket) =>
      set((s) => ({
        tickets: s.tickets.some((t) => t.id === ticket.id) ? s.tickets.map((t) => (t.id === ticket.id ? ticket : t)) : s.tickets,
        detail: s.detail?.ticket.id === ticket.id ? { ...s.detail, ticket } : s.detail,
      })),
    removeTicket: (id) =>
      set((s) => ({
        tickets: s.tickets.filter((t) => t.id !== id),
        total: s.tickets.some((t) => t.id === id) ? Math.max(0, s.total - 1) : s.total,
        checked: s.checked.filter((c) => c !== id),
        ...(s.selectedId === id ? { selectedId: null, detail: null } : {}),
      })),
    putHistory: (item) =>
      set((s) => (s.detail?.ticket.id === item.ticketId ? { detail: { ...s.detail, history: mergeHistory(s.detail.history, item) } } : s)),
    removeHistory: (ticketId, clientId) =>
      set((s) =>
        s.detail?.ticket.id === ticketId ? { detail: { ...s.detail, history: s.detail.history.filter((h) => h.clientId !== clientId || h.delivery === 'sent') } } : s,
      ),
    setDraft: (ticketId, draft) => set((s) => (s.detail?.ticket.id === ticketId ? { detail: { ...s.detail, draft } } : s)),
    toggleChecked: (id) => set((s) => ({ checked: s.checked.includes(id) ? s.checked.filter((c) => c !== id) : [...s.checked, id] })),
    setChecked: (ids) => set({ checked: ids }),
    reset: () => set(initial),
  }));

/** The one the app uses. */
export const useTicketsStore = createTicketsStore();
