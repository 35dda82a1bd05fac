import { randomUUID } from 'node:crypto';
import type { User } from '../../shared/domain';
import { ticketCommentSchema, ticketCreateSchema, ticketUpdateSchema } from '../../shared/tickets';
import { EventBus } from '../domain/events';
import { createTicket } from '../domain/tickets/create-ticket';
import { commentTicket } from '../domain/tickets/ticket-comments';
import type { TicketDeps } from '../domain/tickets/ticket-change';
import { updateTicket } from '../domain/tickets/update-ticket';
import type { Db, Tx } from './db';
import { DEMO_STAFF, DEMO_USERS } from './demo-credentials';
import { DEMO_DEPARTMENTS, DEMO_SLA_TARGETS, DEMO_TICKET_SETTINGS, DEMO_TICKET_TYPES, DEMO_TICKETS, type DemoTicket } from './demo-tickets';
import { enclosedDb } from './enclosed-db';

const HOUR = 3_600_000;

/**
 * Adds the ticket desk's demo (demo-tickets.ts) and its department staff user to the demo shop in
 * `tx`, unless that user is already there. Names an admin already used in the demo account are
 * kept as they are. Returns whether it wrote anything (false too when there is no demo shop).
 */
export async function seedDemoTickets(tx: Tx, kind: Db['kind'], staffPasswordHash: string, now: number): Promise<boolean> {
  if ((await tx.query('SELECT 1 FROM users WHERE email = $1', [DEMO_STAFF.email])).length > 0) return false;
  const [shop] = await tx.query<{ account_id: string }>('SELECT account_id FROM users WHERE email = $1', [DEMO_USERS[0]!.email]);
  if (!shop) return false;
  const accountId = shop.account_id;
  await tx.query('INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(), accountId, DEMO_STAFF.email, DEMO_STAFF.name, DEMO_STAFF.role, staffPasswordHash,
  ]);
  const people = await demoPeople(tx, accountId);
  const types = await writeTicketDesk(tx, accountId, people);
  const contacts = new Map((await tx.query<{ id: string; name: string }>('SELECT id, name FROM contacts WHERE account_id = $1', [accountId])).map((c) => [c.name, c.id]));
  const db = enclosedDb(tx, kind);
  for (const ticket of DEMO_TICKETS) await writeTicket(db, ticket, { now, people, types, contacts });
  return true;
}

/** The departments with their members, the ticket types, the SLA targets and the ticket settings; returns the types' ids by name. */
async function writeTicketDesk(tx: Tx, accountId: string, people: Map<string, User>): Promise<Map<string, string>> {
  const departments = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    await tx.query('INSERT INTO departments (id, account_id, name) VALUES ($1, $2, $3) ON CONFLICT (account_id, name) DO NOTHING', [randomUUID(), accountId, d.name]);
    const id = await idByName(tx, 'departments', accountId, d.name);
    departments.set(d.name, id);
    for (const m of d.members) {
      await tx.query('INSERT INTO department_members (department_id, user_id, is_lead) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        id, person(people, m.email).id, m.isLead,
      ]);
    }
  }
  const types = new Map<string, string>();
  for (const [position, t] of DEMO_TICKET_TYPES.entries()) {
    await tx.query(
      'INSERT INTO ticket_types (id, account_id, name, default_department_id, position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, name) DO NOTHING',
      [randomUUID(), accountId, t.name, departments.get(t.department)!, position + 1],
    );
    types.set(t.name, await idByName(tx, 'ticket_types', accountId, t.name));
  }
  for (const t of DEMO_SLA_TARGETS) {
    await tx.query(
      `INSERT INTO ticket_sla_targets (id, account_id, type_id, priority, first_response_minutes, resolution_minutes, warn_before_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [randomUUID(), accountId, t.type === null ? null : types.get(t.type)!, t.priority, t.firstResponseMinutes, t.resolutionMinutes, t.warnBeforeMinutes],
    );
  }
  // Settings an admin saved (hours or an address) stay; a row made only by numbering tickets takes the demo's.
  const s = DEMO_TICKET_SETTINGS;
  await tx.query(
    `INSERT INTO ticket_settings (account_id, reopen_days, close_after_days, business_hours, email_address) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (account_id) DO UPDATE SET reopen_days = $2, close_after_days = $3, business_hours = $4::jsonb, email_address = $5
       WHERE ticket_settings.business_hours IS NULL AND ticket_settings.email_address IS NULL`,
    [accountId, s.reopenDays, s.closeAfterDays, JSON.stringify(s.businessHours), s.emailAddress],
  );

  return types;
}

type Lookups = { now: number; people: Map<string, User>; types: Map<string, string>; contacts: Map<string, string> };

/**
 * One demo ticket through the domain's own flows, each at its time in the past: opening numbers it,
 * gives it the SLA due times of its type and priority and the first history lines; each later step
 * is a history line of its own, checked against the permissions of the person who takes it.
 */
async function writeTicket(db: Db, ticket: DemoTicket, { now, people, types, contacts }: Lookups): Promise<void> {
  // Nothing listens while the demo is written: no desktop is told, no customer is sent anything.
  const events = new EventBus(() => {});
  const at = (hoursAgo: number): TicketDeps => ({ db, events, clock: () => now - hoursAgo * HOUR });
  const contactId = ticket.contact === null ? null : contacts.get(ticket.contact);
  if (contactId === undefined) throw new Error(`the demo customer ${ticket.contact} is missing`);
  const created = await createTicket(at(ticket.hoursAgo), person(people, ticket.openedBy), ticketCreateSchema.parse({
    subject: ticket.subject, typeId: types.get(ticket.type), priority: ticket.priority, contactId, orderRef: ticket.orderRef ?? null,
    assigneeId: ticket.assignee === null ? null : person(people, ticket.assignee).id, note: ticket.note,
  }));
  for (const step of ticket.steps) {
    const by = person(people, step.by);
    if ('status' in step) {
      await updateTicket(at(step.hoursAgo), by, ticketUpdateSchema.parse({ id: created.id, status: step.status }));
    } else {
      const mentions = (step.mentions ?? []).map((email) => person(people, email).id);
      await commentTicket(at(step.hoursAgo), by, ticketCommentSchema.parse({ ticketId: created.id, body: step.comment, public: false, mentions }));
    }
  }
}

async function demoPeople(tx: Tx, accountId: string): Promise<Map<string, User>> {
  const rows = await tx.query<User & { account_id: string }>('SELECT id, account_id, email, name, role FROM users WHERE account_id = $1', [accountId]);
  return new Map(rows.map((u) => [u.email, { id: u.id, accountId: u.account_id, email: u.email, name: u.name, role: u.role }]));
}

function person(people: Map<string, User>, email: string): User {
  const user = people.get(email);
  if (!user) throw new Error(`the demo user ${email} is missing`);
  return user;
}

/** The id of the department or ticket type of the account with this name (the demo's, or one an admin made before). */
async function idByName(tx: Tx, table: 'departments' | 'ticket_types', accountId: string, name: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE account_id = $1 AND name = $2`, [accountId, name]);
  return row!.id;
}
