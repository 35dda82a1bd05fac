import { z } from 'zod';
import { idSchema } from './domain';
import { ticketStatusSchema } from './tickets';

/** The longest period one stats request covers. */
export const TICKET_STATS_MAX_DAYS = 366;

/**
 * Ticket figures over the tickets created in [from, to): by type, department and status, average
 * first response and time to solve, and how many met their SLA. Supervisors and admins see the
 * whole account; a department lead sees their departments (and what is assigned to them); anyone
 * else sees the tickets assigned to them. `from` must be before `to`, at most TICKET_STATS_MAX_DAYS
 * apart (`bad_request` otherwise: see statsPeriodError).
 */
export const ticketStatsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  departmentId: idSchema.optional(),
  typeId: idSchema.optional(),
}).strict();
export type TicketStatsQuery = z.infer<typeof ticketStatsQuerySchema>;

/** Whose tickets the figures count: the account's, the caller's departments' (and their own), or only their own. */
export const ticketStatsScopeSchema = z.enum(['account', 'departments', 'own']);
export type TicketStatsScope = z.infer<typeof ticketStatsScopeSchema>;

export const ticketFiguresSchema = z.object({
  /** Tickets created in the period. */
  tickets: z.number().int().nonnegative(),
  /** Of those, not solved or closed now. */
  open: z.number().int().nonnegative(),
  /** Of those, solved or closed now. */
  solved: z.number().int().nonnegative(),
  /** From creation to the first public reply, over tickets that had one; null when none did. */
  avgFirstResponseSeconds: z.number().nonnegative().nullable(),
  /** From creation to solved (or closed), over tickets solved or closed now; null when none are. */
  avgSolveSeconds: z.number().nonnegative().nullable(),
  /** Tickets whose every SLA target was met. */
  slaMet: z.number().int().nonnegative(),
  /** Tickets that missed a target (a running target past its due time counts). */
  slaBreached: z.number().int().nonnegative(),
  /** slaMet / (slaMet + slaBreached) × 100, one decimal; null when no ticket's SLA is decided yet. */
  slaMetPercent: z.number().min(0).max(100).nullable(),
});
export type TicketFigures = z.infer<typeof ticketFiguresSchema>;

/** Figures of one type or department; id and name null for tickets without one. */
export const ticketStatsGroupSchema = ticketFiguresSchema.extend({ id: idSchema.nullable(), name: z.string().nullable() });
export type TicketStatsGroup = z.infer<typeof ticketStatsGroupSchema>;

export const ticketStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  scope: ticketStatsScopeSchema,
  totals: ticketFiguresSchema,
  byStatus: z.array(z.object({ status: ticketStatusSchema, tickets: z.number().int().nonnegative() })),
  byType: z.array(ticketStatsGroupSchema),
  byDepartment: z.array(ticketStatsGroupSchema),
});
export type TicketStats = z.infer<typeof ticketStatsSchema>;

/** What is wrong with a period, or null when it is one the figures can be counted over. */
export function statsPeriodError(query: Pick<TicketStatsQuery, 'from' | 'to'>): string | null {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(from < to)) return 'from must be before to';
  if (to - from > TICKET_STATS_MAX_DAYS * 86_400_000) return `a period of at most ${TICKET_STATS_MAX_DAYS} days`;
  return null;
}
