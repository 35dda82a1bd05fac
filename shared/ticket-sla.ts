import { z } from 'zod';
import { idSchema } from './domain';
import type { MessageKey } from './i18n/en';
import { slaTargetSchema, ticketPrioritySchema } from './tickets';

/** Which SLA clock a notice is about: the first public reply, or solving the ticket. */
export const slaTargetKindSchema = z.enum(['first_response', 'resolution']);
export type SlaTargetKindName = z.infer<typeof slaTargetKindSchema>;

/**
 * Pushed (`ticket:sla`) to a ticket's assignee and its department's leads, once per target and
 * kind: a target will be missed within its warn-before time (`warning`), or was missed (`breach`).
 * The same line is kept in the ticket's history (`sla_warning` / `sla_breach`).
 */
export const ticketSlaNoticeSchema = z.object({
  ticketId: idSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  priority: ticketPrioritySchema,
  departmentId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  target: slaTargetKindSchema,
  kind: z.enum(['warning', 'breach']),
  dueAt: z.string(),
  at: z.string(),
});
export type TicketSlaNotice = z.infer<typeof ticketSlaNoticeSchema>;

/** The account's SLA targets as admins save them: the whole set at once (a target left out is removed). */
export const slaTargetsSaveSchema = z.object({
  targets: z.array(slaTargetSchema).max(400),
}).strict();
export type SlaTargetsSave = z.infer<typeof slaTargetsSaveSchema>;

/** The message (shared/i18n `ticketSla.*`, with {number} and {time}) that says a notice in words. */
export const ticketSlaMessageKey = (notice: Pick<TicketSlaNotice, 'kind' | 'target'>): MessageKey => `ticketSla.${notice.kind}.${notice.target}`;
