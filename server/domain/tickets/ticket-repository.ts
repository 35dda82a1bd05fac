import type { SlaState, Ticket, TicketEvent, TicketEventKind, TicketPriority, TicketSource, TicketStatus } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';
import { agentReadsSql } from '../conversations/permissions';
import { seesWholeAccount, type TicketAccess, type TicketViewer } from './ticket-permissions';
import { slaTargetJoinsSql, warnBeforeMinutesSql } from './sla/sla-sql';
import { slaState } from './sla/sla-state';

type TicketRow = {
  id: string;
  account_id: string;
  number: number;
  subject: string;
  type_id: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  department_id: string | null;
  assignee_id: string | null;
  contact_id: string | null;
  contact_name: string | null;
  order_ref: string | null;
  source: TicketSource;
  created_by_id: string | null;
  conversation_ids: string[] | null;
  due_at: Date | string | null;
  first_response_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  first_responded_at: Date | string | null;
  solved_at: Date | string | null;
  closed_at: Date | string | null;
  reopened_count: number;
  seq: number | string;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  warn_before_minutes: number;
};

/** A ticket as clients see it, with what the permission rules and the server's flows read. */
export type TicketRecord = Ticket & { accountId: string; createdById: string | null; deleted: boolean };

const isoOrNull = (value: Date | string | null) => (value === null ? null : toIso(value));
const msOrNull = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());


export const TICKET_SELECT = `
  SELECT t.id, t.account_id, t.number, t.subject, t.type_id, t.priority, t.status, t.department_id, t.assignee_id,
         t.contact_id, ct.name AS contact_name, t.order_ref, t.source, t.created_by_id,
         (SELECT array_agg(tc.conversation_id ORDER BY tc.conversation_id) FROM ticket_conversations tc WHERE tc.ticket_id = t.id) AS conversation_ids,
         t.due_at, t.first_response_due_at, t.resolution_due_at, t.first_responded_at, t.solved_at, t.closed_at,
         t.reopened_count, t.seq, t.created_at, t.updated_at, t.deleted_at, ${warnBeforeMinutesSql} AS warn_before_minutes
    FROM tickets t LEFT JOIN contacts ct ON ct.id = t.contact_id
    ${slaTargetJoinsSql('t')}`;

export function toTicketRecord(row: TicketRow, now: number): TicketRecord {
  const sla: SlaState = slaState(
    {
      status: row.status,
      firstResponseDueAt: msOrNull(row.first_response_due_at),
      resolutionDueAt: msOrNull(row.resolution_due_at),
      firstRespondedAt: msOrNull(row.first_responded_at),
      solvedAt: msOrNull(row.solved_at),
      closedAt: msOrNull(row.closed_at),
    },
    now,
    row.warn_before_minutes,
  );
  return {
    id: row.id,
    accountId: row.account_id,
    createdById: row.created_by_id,
    deleted: row.deleted_at !== null,
    number: Number(row.number),
    subject: row.subject,
    typeId: row.type_id,
    priority: row.priority,
    status: row.status,
    departmentId: row.department_id,
    assigneeId: row.assignee_id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    orderRef: row.order_ref,
    source: row.source,
    conversationIds: row.conversation_ids ?? [],
    dueAt: isoOrNull(row.due_at),
    firstResponseDueAt: isoOrNull(row.first_response_due_at),
    resolutionDueAt: isoOrNull(row.resolution_due_at),
    firstRespondedAt: isoOrNull(row.first_responded_at),
    solvedAt: isoOrNull(row.solved_at),
    closedAt: isoOrNull(row.closed_at),
    sla,
    reopenedCount: Number(row.reopened_count),
    seq: Number(row.seq),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The client's view of a stored ticket (without the server's own fields). */
export function toTicket(record: TicketRecord): Ticket {
  const { accountId: _a, createdById: _c, deleted: _d, ...ticket } = record;
  return ticket;
}

export async function getTicketRecord(db: Queryable, id: string, now: number): Promise<TicketRecord | null> {
  const rows = await db.query<TicketRow>(`${TICKET_SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ? toTicketRecord(rows[0], now) : null;
}

/** Locks a ticket's row for a change (the caller re-reads it with getTicketRecord). */
export async function lockTicket(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE', [id])).length > 0;
}

/**
 * The SQL condition (on `tickets t`) for the tickets `viewer` may see, adding its parameters to
 * `params`: the same rule as canSeeTicket (with `deleted`, also for deleted tickets: who would see them).
 */
export function visibleTicketsSql(viewer: TicketViewer, params: unknown[], options: { deleted?: boolean } = {}): string {
  params.push(viewer.accountId);
  const base = `t.account_id = $${params.length}${options.deleted ? '' : ' AND t.deleted_at IS NULL'}`;
  if (seesWholeAccount(viewer.role)) return base;
  params.push(viewer.id);
  const me = `$${params.length}`;
  params.push([...viewer.departmentIds]);
  const departments = `$${params.length}::text[]`;
  const own = `t.assignee_id = ${me} OR t.department_id = ANY(${departments})`;
  if (viewer.role === 'staff') return `${base} AND (${own})`;
  params.push([...viewer.groupIds]);
  const groups = `$${params.length}`;
  return `${base} AND (${own} OR t.created_by_id = ${me} OR EXISTS (
    SELECT 1 FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id
     WHERE tc.ticket_id = t.id AND ${agentReadsSql('c', me, groups)}))`;
}

/** What canSeeTicket reads of a stored ticket, for `viewer`. */
export async function ticketAccess(db: Queryable, viewer: TicketViewer, ticket: TicketRecord): Promise<TicketAccess> {
  let readsConversation = false;
  if (viewer.role === 'agent' && ticket.conversationIds.length > 0) {
    const rows = await db.query(
      `SELECT 1 FROM conversations c WHERE c.id = ANY($1::text[]) AND c.account_id = $4 AND ${agentReadsSql('c', '$2', '$3')} LIMIT 1`,
      [ticket.conversationIds, viewer.id, [...viewer.groupIds], viewer.accountId],
    );
    readsConversation = rows.length > 0;
  }
  return {
    accountId: ticket.accountId,
    departmentId: ticket.departmentId,
    assigneeId: ticket.assigneeId,
    createdById: ticket.createdById,
    readsConversation,
    deleted: ticket.deleted,
  };
}

// ---- history ----------------------------------------------------------------------------------

type EventRow = {
  id: string;
  account_id?: string;
  ticket_id: string;
  kind: TicketEventKind;
  public: boolean;
  actor_type: TicketEvent['actorType'];
  actor_id: string | null;
  actor_name: string | null;
  body: string;
  data: unknown;
  client_id: string | null;
  seq: number | string;
  created_at: Date | string;
};

export const EVENT_SELECT = `
  SELECT e.id, e.account_id, e.ticket_id, e.kind, e.public, e.actor_type, e.actor_id,
         CASE e.actor_type WHEN 'user' THEN u.name WHEN 'contact' THEN ct.name ELSE NULL END AS actor_name,
         e.body, e.data, e.client_id, e.seq, e.created_at
    FROM ticket_events e
    LEFT JOIN users u ON e.actor_type = 'user' AND u.id = e.actor_id
    LEFT JOIN contacts ct ON e.actor_type = 'contact' AND ct.id = e.actor_id`;

export function toTicketEvent(row: EventRow): TicketEvent {
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data;
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind,
    public: row.public,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    body: row.body,
    data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    clientId: row.client_id,
    seq: Number(row.seq),
    createdAt: toIso(row.created_at),
  };
}

export async function listTicketEvents(db: Queryable, ticketId: string): Promise<TicketEvent[]> {
  const rows = await db.query<EventRow>(`${EVENT_SELECT} WHERE e.ticket_id = $1 ORDER BY e.seq, e.created_at, e.id`, [ticketId]);
  return rows.map(toTicketEvent);
}

export async function getTicketEvent(db: Queryable, id: string): Promise<TicketEvent | null> {
  const rows = await db.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [id]);
  return rows[0] ? toTicketEvent(rows[0]) : null;
}

export async function findTicketEventByClientId(db: Queryable, clientId: string): Promise<(TicketEvent & { accountId: string }) | null> {
  const rows = await db.query<EventRow & { account_id: string }>(`${EVENT_SELECT} WHERE e.client_id = $1`, [clientId]);
  return rows[0] ? { ...toTicketEvent(rows[0]), accountId: rows[0].account_id } : null;
}

export type EventInput = {
  id: string;
  accountId: string;
  ticketId: string;
  kind: TicketEventKind;
  public?: boolean;
  actorType: TicketEvent['actorType'];
  actorId: string | null;
  body?: string;
  data?: Record<string, unknown>;
  clientId?: string | null;
  seq: number;
  at: Date;
};

export async function insertTicketEvent(tx: Queryable, e: EventInput): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_events (id, account_id, ticket_id, kind, public, actor_type, actor_id, body, data, client_id, seq, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
    [e.id, e.accountId, e.ticketId, e.kind, e.public ?? false, e.actorType, e.actorId, e.body ?? '', JSON.stringify(e.data ?? {}), e.clientId ?? null, e.seq, e.at],
  );
}
