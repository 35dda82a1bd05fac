import { z } from 'zod';
import { idSchema } from './domain';

/**
 * Tickets (工单) as the desktop, the widget and the shop's systems see them: problems that need
 * other people or more time than a chat, tracked from new to closed with one history. Statuses
 * move along `ticketTransitions`; a customer who writes again within the account's reopen window
 * moves a solved ticket back to open.
 */

export const ticketStatuses = ['new', 'open', 'in_progress', 'waiting_on_customer', 'solved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketPrioritySchema = z.enum(ticketPriorities);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

export const ticketSourceSchema = z.enum(['agent', 'api', 'email', 'left_message']);
export type TicketSource = z.infer<typeof ticketSourceSchema>;

/** Which status may follow which (a person's move; reopening by the customer is `solved → open`). */
export const ticketTransitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'in_progress', 'waiting_on_customer', 'solved', 'closed'],
  open: ['in_progress', 'waiting_on_customer', 'solved', 'closed'],
  in_progress: ['open', 'waiting_on_customer', 'solved', 'closed'],
  waiting_on_customer: ['open', 'in_progress', 'solved', 'closed'],
  solved: ['open', 'closed'],
  closed: ['open'],
};
export const canMoveTicket = (from: TicketStatus, to: TicketStatus): boolean => ticketTransitions[from].includes(to);

/** A ticket that is not yet solved or closed counts against its SLA. */
export const isTicketActive = (status: TicketStatus): boolean => status !== 'solved' && status !== 'closed';

export const ticketSubjectSchema = z.string().trim().min(1).max(200);
export const ticketCommentBodySchema = z.string().trim().min(1).max(10_000);

/** Where a ticket's SLA stands: `warning` from `warn_before_minutes` before a target, `breached` after it. */
export const slaStateSchema = z.enum(['none', 'ok', 'warning', 'breached', 'met']);
export type SlaState = z.infer<typeof slaStateSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  typeId: idSchema.nullable(),
  priority: ticketPrioritySchema,
  status: ticketStatusSchema,
  departmentId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  orderRef: z.string().nullable(),
  source: ticketSourceSchema,
  conversationIds: z.array(idSchema),
  dueAt: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  solvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The worse of the first-response and resolution SLA states, as of the server's clock. */
  sla: slaStateSchema,
  reopenedCount: z.number().int().nonnegative(),
  seq: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketEventKindSchema = z.enum([
  'created', 'status', 'assigned', 'changed', 'comment', 'reply', 'customer_message', 'excerpt',
  'linked', 'sla_warning', 'sla_breach', 'reopened', 'deleted',
]);
export type TicketEventKind = z.infer<typeof ticketEventKindSchema>;

/** One line of a ticket's history. `public` is true only for what the customer was sent. */
export const ticketEventSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  kind: ticketEventKindSchema,
  public: z.boolean(),
  actorType: z.enum(['user', 'contact', 'system', 'api']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  clientId: z.string().nullable(),
  seq: z.number().int(),
  createdAt: z.string(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const departmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  archived: z.boolean(),
  members: z.array(z.object({ userId: idSchema, isLead: z.boolean() })),
});
export type Department = z.infer<typeof departmentSchema>;

export const ticketTypeSchema = z.object({
  id: idSchema,
  name: z.string(),
  defaultDepartmentId: idSchema.nullable(),
  position: z.number().int(),
  archived: z.boolean(),
});
export type TicketType = z.infer<typeof ticketTypeSchema>;

export const slaTargetSchema = z.object({
  typeId: idSchema.nullable(),
  priority: ticketPrioritySchema,
  firstResponseMinutes: z.number().int().positive().nullable(),
  resolutionMinutes: z.number().int().positive().nullable(),
  warnBeforeMinutes: z.number().int().nonnegative(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** The saved filters of the Tickets view; `breaching` is warning or breached, `unassigned` has no assignee. */
export const ticketViewSchema = z.enum(['mine', 'my_department', 'breaching', 'unassigned', 'all']);
export type TicketView = z.infer<typeof ticketViewSchema>;

export const ticketSortSchema = z.enum(['updated', 'created', 'due', 'priority', 'number']);

export const ticketListQuerySchema = z.object({
  view: ticketViewSchema.default('all'),
  status: z.array(ticketStatusSchema).max(ticketStatuses.length).optional(),
  typeId: idSchema.optional(),
  departmentId: idSchema.optional(),
  assigneeId: idSchema.optional(),
  priority: ticketPrioritySchema.optional(),
  sort: ticketSortSchema.default('updated'),
  limit: z.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
}).strict();
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

export const ticketCreateSchema = z.object({
  subject: ticketSubjectSchema,
  typeId: idSchema.nullable().default(null),
  priority: ticketPrioritySchema.default('normal'),
  departmentId: idSchema.nullable().default(null),
  assigneeId: idSchema.nullable().default(null),
  dueAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** The conversation it comes from: its contact (and latest order) are attached. */
  conversationId: idSchema.nullable().default(null),
  /** Messages of that conversation the agent selected, copied into the ticket as an excerpt. */
  excerptMessageIds: z.array(idSchema).max(200).default([]),
  contactId: idSchema.nullable().default(null),
  orderRef: z.string().trim().min(1).max(100).nullable().default(null),
  /** First internal comment. */
  note: ticketCommentBodySchema.optional(),
  /** Client id so a create retried from the outbox makes one ticket. */
  clientId: z.string().min(1).max(100).optional(),
}).strict();
export type TicketCreate = z.infer<typeof ticketCreateSchema>;

export const ticketUpdateSchema = z.object({
  id: idSchema,
  subject: ticketSubjectSchema.optional(),
  typeId: idSchema.nullable().optional(),
  priority: ticketPrioritySchema.optional(),
  departmentId: idSchema.nullable().optional(),
  assigneeId: idSchema.nullable().optional(),
  status: ticketStatusSchema.optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
}).strict();
export type TicketUpdate = z.infer<typeof ticketUpdateSchema>;

/** An internal comment (may @mention user ids) or a public reply that reaches the customer on their channel. */
export const ticketCommentSchema = z.object({
  ticketId: idSchema,
  body: ticketCommentBodySchema,
  public: z.boolean(),
  mentions: z.array(idSchema).max(20).default([]),
  clientId: z.string().min(1).max(100).optional(),
}).strict();
export type TicketComment = z.infer<typeof ticketCommentSchema>;

export const ticketBulkSchema = z.object({
  ids: z.array(idSchema).min(1).max(200),
  assigneeId: idSchema.nullable().optional(),
  status: ticketStatusSchema.optional(),
}).strict();
