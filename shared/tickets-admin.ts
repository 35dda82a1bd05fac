import { z } from 'zod';
import { businessHoursInputSchema, businessHoursSchema } from './business-hours';
import { idSchema } from './domain';

/**
 * What admins change about tickets: departments with their members (and leads), ticket types, and
 * the account's ticket settings (reopen window, auto-close, the SLA clock's business hours, the
 * address whose mail opens tickets). Also the notice a person gets when mentioned in a ticket.
 */

export const departmentSaveSchema = z.object({
  /** Absent: a new department. */
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(80),
  archived: z.boolean().default(false),
  members: z.array(z.object({ userId: idSchema, isLead: z.boolean().default(false) }).strict()).max(500).default([]),
}).strict();
export type DepartmentSave = z.infer<typeof departmentSaveSchema>;

export const ticketTypeSaveSchema = z.object({
  /** Absent: a new type. */
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(80),
  defaultDepartmentId: idSchema.nullable().default(null),
  position: z.number().int().min(0).max(10_000).default(0),
  archived: z.boolean().default(false),
}).strict();
export type TicketTypeSave = z.infer<typeof ticketTypeSaveSchema>;

export const ticketSettingsSchema = z.object({
  /** A customer who writes within this many days of "solved" reopens the ticket (0: never). */
  reopenDays: z.number().int().min(0).max(365),
  /** Solved tickets close by themselves after this many days. */
  closeAfterDays: z.number().int().min(1).max(365),
  /** The hours the SLA clock runs in; null: around the clock. */
  businessHours: businessHoursSchema.nullable(),
  /** Mail to this address on an email channel opens a ticket; null: none. */
  emailAddress: z.string().nullable(),
});
export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

export const ticketSettingsSaveSchema = z.object({
  reopenDays: z.number().int().min(0).max(365),
  closeAfterDays: z.number().int().min(1).max(365),
  businessHours: businessHoursInputSchema.nullable(),
  emailAddress: z.string().trim().toLowerCase().email().max(254).nullable(),
}).strict();

/** Someone mentioned this user in an internal comment of a ticket. */
export const ticketMentionNoticeSchema = z.object({
  ticketId: idSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  eventId: idSchema,
  byName: z.string(),
  excerpt: z.string(),
});
export type TicketMentionNotice = z.infer<typeof ticketMentionNoticeSchema>;
