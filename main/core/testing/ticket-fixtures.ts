import { AppError } from '../../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../../shared/protocol';
import type { Ticket, TicketEvent } from '../../../shared/tickets';
import { TicketCache } from '../cache/ticket-cache';
import type { TicketTransport } from '../tickets/ticket-transport';
import { memoryCache } from './cache-fixtures';

/** A valid ticket with the fields a test cares about set. */
export function aTicket(overrides: Partial<Ticket> & { id: string }): Ticket {
  return {
    number: 1,
    subject: `Ticket ${overrides.id}`,
    typeId: null,
    priority: 'normal',
    status: 'open',
    departmentId: null,
    assigneeId: null,
    contactId: null,
    contactName: null,
    orderRef: null,
    source: 'agent',
    conversationIds: [],
    dueAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    solvedAt: null,
    closedAt: null,
    sla: 'none',
    reopenedCount: 0,
    seq: 1,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export function aTicketEvent(overrides: Partial<TicketEvent> & { id: string; ticketId: string }): TicketEvent {
  return {
    kind: 'comment',
    public: false,
    actorType: 'user',
    actorId: 'u1',
    actorName: 'Wang Fang',
    body: `text of ${overrides.id}`,
    data: {},
    clientId: null,
    seq: 1,
    createdAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A migrated ticket cache in memory. */
export async function memoryTicketCache(): Promise<TicketCache> {
  const store = await memoryCache();
  return new TicketCache(store.db, store.cipher);
}

type Handler<K extends AgentRequestName> = (payload: AgentRequestPayload<K>) => AgentRequestResult<K> | Promise<AgentRequestResult<K>>;

/**
 * A tickets server in memory, as far as the desktop sees one: a change log with sequence numbers,
 * comments and creates stored once per client id, a switch for being online, and a way to refuse
 * the next requests of a kind with an error code.
 */
export class FakeTicketServer implements TicketTransport {
  online = true;
  readonly tickets = new Map<string, Ticket>();
  readonly events: TicketEvent[] = [];
  readonly calls: { name: string; payload: unknown }[] = [];
  private seq = 0;
  private readonly refusals = new Map<string, string[]>();
  private readonly overrides = new Map<string, Handler<AgentRequestName>>();

  isOnline(): boolean {
    return this.online;
  }

  /** The server's own change (another user's action): recorded in the change log. */
  change(ticket: Ticket, event?: Omit<TicketEvent, 'seq'>): { ticket: Ticket; event: TicketEvent | null } {
    const seq = ++this.seq;
    const stored = { ...ticket, seq };
    this.tickets.set(stored.id, stored);
    const line = event ? { ...event, seq } : null;
    if (line) this.events.push(line);
    return { ticket: stored, event: line };
  }

  refuseNext(name: AgentRequestName, ...codes: string[]): void {
    this.refusals.set(name, [...(this.refusals.get(name) ?? []), ...codes]);
  }

  on<K extends AgentRequestName>(name: K, handler: Handler<K>): void {
    this.overrides.set(name, handler as unknown as Handler<AgentRequestName>);
  }

  count(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  async request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>> {
    if (!this.online) throw new AppError('offline', 'offline');
    this.calls.push({ name, payload });
    const refusal = this.refusals.get(name)?.shift();
    if (refusal) throw new AppError(refusal as never, `refused: ${refusal}`);
    const override = this.overrides.get(name);
    if (override) return (await override(payload as never)) as AgentRequestResult<K>;
    return this.store(name, payload);
  }

  /** What this server does with a request (an override may call it, then lose the answer). */
  store<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): AgentRequestResult<K> {
    return this.answer(name, payload) as AgentRequestResult<K>;
  }

  private answer(name: AgentRequestName, payload: unknown): unknown {
    switch (name) {
      case 'tickets:meta':
        return { types: [], departments: [], myDepartmentIds: ['d1'], leadOf: [] };
      case 'tickets:changes': {
        const { after, limit = 500 } = payload as { after: number; limit?: number };
        const tickets = [...this.tickets.values()].filter((t) => t.seq > after).slice(0, limit);
        const events = this.events.filter((e) => e.seq > after);
        return { tickets, events, cursor: this.seq };
      }
      case 'tickets:get': {
        const { id } = payload as { id: string };
        const ticket = this.tickets.get(id);
        if (!ticket) throw new AppError('not_found', 'no such ticket');
        return { ticket, events: this.events.filter((e) => e.ticketId === id) };
      }
      case 'tickets:comment': {
        const p = payload as { ticketId: string; body: string; public: boolean; clientId?: string };
        const existing = this.events.find((e) => e.clientId === p.clientId);
        const ticket = this.tickets.get(p.ticketId)!;
        if (existing) return { event: existing, ticket };
        const id = `e-${this.events.length + 1}`;
        const { ticket: changed, event } = this.change(
          { ...ticket, updatedAt: new Date(Date.UTC(2026, 0, 2)).toISOString() },
          aTicketEvent({ id, ticketId: p.ticketId, kind: p.public ? 'reply' : 'comment', public: p.public, body: p.body, clientId: p.clientId ?? null }),
        );
        return { event, ticket: changed };
      }
      case 'tickets:create': {
        const p = payload as { subject: string; clientId?: string; priority?: Ticket['priority'] };
        const existing = [...this.tickets.values()].find((t) => t.subject === p.subject && p.clientId && this.createdBy.get(t.id) === p.clientId);
        if (existing) return { ticket: existing };
        const id = `t-${this.tickets.size + 1}`;
        const { ticket } = this.change(aTicket({ id, number: this.tickets.size + 1, subject: p.subject, priority: p.priority ?? 'normal' }));
        if (p.clientId) this.createdBy.set(id, p.clientId);
        return { ticket };
      }
      case 'tickets:update': {
        const { id, ...changes } = payload as { id: string } & Partial<Ticket>;
        return { ticket: this.change({ ...this.tickets.get(id)!, ...changes }).ticket };
      }
      default:
        throw new AppError('bad_request', `not faked: ${name}`);
    }
  }

  private readonly createdBy = new Map<string, string>();
}
