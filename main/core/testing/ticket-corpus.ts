import { ticketPriorities, ticketStatuses, type SlaState, type Ticket } from '../../../shared/tickets';
import { seededRandom as seeded } from '../../../shared/seeded-random';
import { aTicket } from './ticket-fixtures';

const SLA_STATES: readonly SlaState[] = ['none', 'ok', 'ok', 'ok', 'warning', 'breached', 'met'];
const MINUTE = 60_000;

export type TicketCorpusOptions = {
  /** The time the due times are spread around (ms). */
  now: number;
  /** People tickets are assigned to (some tickets have nobody). */
  assignees: readonly string[];
  departments: readonly string[];
  types: readonly string[];
  seed?: number;
};

/**
 * `count` cached tickets of every kind the list tells apart: each status, priority and SLA state,
 * with and without assignee, department, type, manual due time and first response, due times from
 * days overdue to days ahead of `now`, and some sharing their update time (the number decides).
 */
export function ticketCorpus(count: number, options: TicketCorpusOptions): Ticket[] {
  const next = seeded(options.seed ?? 20_261_201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const maybe = <T>(p: number, value: () => T): T | null => (next() < p ? value() : null);
  const around = (spreadMinutes: number) => new Date(options.now + Math.round((next() * 2 - 1) * spreadMinutes) * MINUTE).toISOString();
  const tickets: Ticket[] = [];
  for (let i = 1; i <= count; i++) {
    const created = options.now - Math.floor(next() * 90 * 24 * 60) * MINUTE;
    // One ticket in five shares its update time with the one before.
    const updatedAt = i > 1 && next() < 0.2 ? tickets[i - 2]!.updatedAt : new Date(created + Math.floor(next() * 24 * 60) * MINUTE).toISOString();
    tickets.push(aTicket({
      id: `t-${i}`,
      number: i,
      seq: i,
      status: pick(ticketStatuses),
      priority: pick(ticketPriorities),
      assigneeId: maybe(0.85, () => pick(options.assignees)),
      departmentId: maybe(0.9, () => pick(options.departments)),
      typeId: maybe(0.8, () => pick(options.types)),
      sla: pick(SLA_STATES),
      dueAt: maybe(0.1, () => around(5 * 24 * 60)),
      firstResponseDueAt: maybe(0.8, () => around(2 * 24 * 60)),
      resolutionDueAt: maybe(0.8, () => around(6 * 24 * 60)),
      firstRespondedAt: maybe(0.5, () => around(3 * 24 * 60)),
      createdAt: new Date(created).toISOString(),
      updatedAt,
    }));
  }
  return tickets;
}
