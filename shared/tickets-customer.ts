import { z } from 'zod';
import { messageBodySchema } from './domain';
import { ticketStatusSchema } from './tickets';

/** A ticket as its customer sees it in the web chat: its number, subject and where it stands (nothing internal). */
export const visitorTicketSchema = z.object({
  number: z.number().int().positive(),
  subject: z.string(),
  status: ticketStatusSchema,
  updatedAt: z.string(),
});
export type VisitorTicket = z.infer<typeof visitorTicketSchema>;

/** What the customer adds to one of their tickets. */
export const visitorTicketAddSchema = z.object({
  number: z.number().int().positive().max(2_147_483_647),
  body: messageBodySchema,
}).strict();
