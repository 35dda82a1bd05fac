import { z } from 'zod';
import { idSchema } from './domain';
import { ticketCommentBodySchema, ticketPrioritySchema, ticketSubjectSchema } from './tickets';

/**
 * The tickets REST API for the shop's own systems (signed like order events: X-Switchboard-Account,
 * -Timestamp, -Signature with the account's order-events secret):
 * `POST /api/tickets` opens a ticket, `GET /api/tickets/:number` reads it, `POST
 * /api/tickets/:number/comments` adds a comment (internal unless `public`).
 */

export const shopTicketCreateSchema = z.object({
  subject: ticketSubjectSchema,
  /** What the customer asked, kept as the ticket's description. */
  description: z.string().trim().max(10_000).optional(),
  priority: ticketPrioritySchema.default('normal'),
  typeId: idSchema.nullable().default(null),
  departmentId: idSchema.nullable().default(null),
  /** The customer, found by email or phone among the account's contacts; their latest conversation is linked, so they hear of the ticket. */
  customer: z.object({
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
  }).strict().optional(),
  orderRef: z.string().trim().min(1).max(100).nullable().default(null),
}).strict();
export type ShopTicketCreate = z.infer<typeof shopTicketCreateSchema>;

export const shopTicketCommentSchema = z.object({
  body: ticketCommentBodySchema,
  /** True: sent to the customer in the ticket's conversation. */
  public: z.boolean().default(false),
}).strict();
export type ShopTicketComment = z.infer<typeof shopTicketCommentSchema>;

export const ticketNumberParamsSchema = z.object({ number: z.coerce.number().int().positive().max(2_147_483_647) });
