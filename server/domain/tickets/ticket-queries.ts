import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Department, Ticket, TicketEvent, TicketListQuery, TicketType } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { readSeqHead } from '../../db/sequence';
import { canSeeTicket, ticketForbidden, ticketNotFound } from './ticket-permissions';
import {
  EVENT_SELECT, getTicketRecord, listTicketEvents, TICKET_SELECT, ticketAccess, toTicket, toTicketEvent, toTicketRecord, visibleTicketsSql,
} from './ticket-repository';
import { longestWarnBefore } from './sla/sla-repository';
import { breachingSql, workingSlaDueSql } from './sla/sla-sql';
import { loadTicketViewer } from './ticket-viewer';

/** One ticket and its whole history, for someone who may see it. */
export async function getTicket(db: Queryable, user: User, id: string, now: number): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  const viewer = await loadTicketViewer(db, user);
  const ticket = await getTicketRecord(db, id, now);
  if (!ticket || ticket.accountId !== user.accountId || ticket.deleted) throw ticketNotFound();
  if (!canSeeTicket(viewer, await ticketAccess(db, viewer, ticket))) throw ticketForbidden('see this ticket');
  return { ticket: toTicket(ticket), events: await listTicketEvents(db, id) };
}

type SortSpec = { expr: string; dir: 'ASC' | 'DESC'; cast: 'timestamptz' | 'int' };
const SORTS: Record<TicketListQuery['sort'], SortSpec> = {
  updated: { expr: 't.updated_at', dir: 'DESC', cast: 'timestamptz' },
  created: { expr: 't.created_at', dir: 'DESC', cast: 'timestamptz' },
  number: { expr: 't.number', dir: 'DESC', cast: 'int' },
  due: { expr: "COALESCE(t.due_at, t.resolution_due_at, 'infinity'::timestamptz)", dir: 'ASC', cast: 'timestamptz' },
  priority: { expr: "(CASE t.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END)", dir: 'DESC', cast: 'int' },
};

const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // falls through to the refusal
  }
  throw new AppError('bad_request', 'This page cursor is not one the server gave.');
}

const ACTIVE = "t.status NOT IN ('solved', 'closed')";

/**
 * The tickets a user may see, filtered by a saved view (mine, my department, breaching or about
 * to, unassigned and unsolved, all) and the list's filters, sorted, one page at a time (keyset
 * paging: a page stays right while tickets change).
 */
export async function listTickets(db: Queryable, user: User, q: TicketListQuery, now: number): Promise<{ tickets: Ticket[]; nextCursor: string | null }> {
  const viewer = await loadTicketViewer(db, user);
  const params: unknown[] = [];
  const where = [visibleTicketsSql(viewer, params)];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (q.view) {
    case 'mine':
      where.push(`t.assignee_id = ${param(viewer.id)}`);
      break;
    case 'my_department':
      // One department as an equality, so its list index is read in order (ANY of one is not).
      where.push(viewer.departmentIds.length === 1
        ? `t.department_id = ${param(viewer.departmentIds[0])}`
        : `t.department_id = ANY(${param([...viewer.departmentIds])}::text[])`);
      break;
    case 'unassigned':
      where.push(`t.assignee_id IS NULL AND ${ACTIVE}`);
      break;
    case 'breaching':
      where.push(breachingSql(param(new Date(now))));
      // Implied by the line above (no ticket warns earlier than the account's longest warning), on
      // the ticket alone: the planner can count the candidates on tickets_sla_due_idx and read them there.
      where.push(`${workingSlaDueSql('t')} <= ${param(new Date(now + (await longestWarnBefore(db, viewer.accountId))))}::timestamptz`);
      break;
    case 'all':
      break;
  }
  if (q.status && q.status.length > 0) where.push(`t.status = ANY(${param(q.status)}::text[])`);
  if (q.typeId) where.push(`t.type_id = ${param(q.typeId)}`);
  if (q.departmentId) where.push(`t.department_id = ${param(q.departmentId)}`);
  if (q.assigneeId) where.push(`t.assignee_id = ${param(q.assigneeId)}`);
  if (q.priority) where.push(`t.priority = ${param(q.priority)}`);
  const sort = SORTS[q.sort];
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor);
    where.push(`(${sort.expr}, t.id) ${sort.dir === 'DESC' ? '<' : '>'} (${param(key)}::${sort.cast}, ${param(id)})`);
  }
  const limit = param(q.limit + 1);
  const rows = await db.query<Parameters<typeof toTicketRecord>[0] & { sort_key: string }>(
    `${TICKET_SELECT.replace('SELECT t.id,', `SELECT (${sort.expr})::text AS sort_key, t.id,`)}
      WHERE ${where.join(' AND ')} ORDER BY ${sort.expr} ${sort.dir}, t.id ${sort.dir} LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    tickets: page.map((r) => toTicket(toTicketRecord(r, now))),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

/**
 * What changed after sequence number `after` that the user may see: tickets (as they are now)
 * and their new history lines, in sequence order; deleted tickets come as their `deleted` line
 * alone, so a cache drops them. `cursor`: ask from here next time.
 */
export async function ticketChanges(db: Queryable, user: User, after: number, limit: number, now: number): Promise<{ tickets: Ticket[]; events: TicketEvent[]; cursor: number }> {
  const viewer = await loadTicketViewer(db, user);
  // Before the rows are read (each statement reads committed rows as of its start): see readSeqHead.
  const upTo = (await readSeqHead(db, user.accountId))?.visible ?? 0;
  const params: unknown[] = [];
  const visible = visibleTicketsSql(viewer, params);
  params.push(after, upTo, limit + 1);
  const n = params.length;
  const rows = await db.query<Parameters<typeof toTicketRecord>[0]>(
    `${TICKET_SELECT} WHERE ${visible} AND t.seq > $${n - 2} AND t.seq <= $${n - 1} ORDER BY t.seq LIMIT $${n}`,
    params,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const cursor = more ? Number(page[page.length - 1]!.seq) : Math.max(after, upTo);
  // Every visible line up to the cursor, also of tickets whose row comes on a later page (it changed again since).
  const eventParams: unknown[] = [];
  const eventsVisible = visibleTicketsSql(viewer, eventParams);
  eventParams.push(after, cursor);
  const events = await db.query<Parameters<typeof toTicketEvent>[0]>(
    `${EVENT_SELECT} JOIN tickets t ON t.id = e.ticket_id
      WHERE ${eventsVisible} AND e.seq > $${eventParams.length - 1} AND e.seq <= $${eventParams.length} ORDER BY e.seq, e.created_at, e.id`,
    eventParams,
  );
  // A deleted ticket the user would have seen comes as its bare `deleted` line, so the cache drops it.
  const deletedParams: unknown[] = [];
  const wouldSee = visibleTicketsSql(viewer, deletedParams, { deleted: true });
  deletedParams.push(after, cursor);
  const deleted = await db.query<Parameters<typeof toTicketEvent>[0]>(
    `SELECT e.id, e.account_id, e.ticket_id, e.kind, e.public, e.actor_type, e.actor_id, NULL AS actor_name, '' AS body, '{}'::jsonb AS data, NULL AS client_id, e.seq, e.created_at
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE ${wouldSee} AND t.deleted_at IS NOT NULL AND e.kind = 'deleted' AND e.seq > $${deletedParams.length - 1} AND e.seq <= $${deletedParams.length}
      ORDER BY e.seq`,
    deletedParams,
  );
  return {
    tickets: page.map((r) => toTicket(toTicketRecord(r, now))),
    events: [...events, ...deleted].map(toTicketEvent).sort((a, b) => a.seq - b.seq),
    cursor,
  };
}

/** Ticket types and departments (archived ones too: old tickets name them), and the user's own departments. */
export async function ticketMeta(db: Queryable, user: User): Promise<{ types: TicketType[]; departments: Department[]; myDepartmentIds: string[]; leadOf: string[] }> {
  const viewer = await loadTicketViewer(db, user);
  return { types: await listTicketTypes(db, user.accountId), departments: await listDepartments(db, user.accountId), myDepartmentIds: [...viewer.departmentIds], leadOf: [...viewer.leadOf] };
}

export async function listTicketTypes(db: Queryable, accountId: string): Promise<TicketType[]> {
  const rows = await db.query<{ id: string; name: string; default_department_id: string | null; position: number; archived: boolean }>(
    'SELECT id, name, default_department_id, position, archived FROM ticket_types WHERE account_id = $1 ORDER BY archived, position, name, id',
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, defaultDepartmentId: r.default_department_id, position: Number(r.position), archived: r.archived }));
}

export async function listDepartments(db: Queryable, accountId: string, ids?: readonly string[]): Promise<Department[]> {
  const rows = await db.query<{ id: string; name: string; archived: boolean; members: { userId: string; isLead: boolean }[] | null }>(
    `SELECT d.id, d.name, d.archived,
            (SELECT json_agg(json_build_object('userId', m.user_id, 'isLead', m.is_lead) ORDER BY m.user_id) FROM department_members m WHERE m.department_id = d.id) AS members
       FROM departments d WHERE d.account_id = $1 ${ids ? 'AND d.id = ANY($2::text[])' : ''} ORDER BY d.archived, d.name, d.id`,
    ids ? [accountId, [...ids]] : [accountId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archived, members: typeof r.members === 'string' ? JSON.parse(r.members) : (r.members ?? []) }));
}
