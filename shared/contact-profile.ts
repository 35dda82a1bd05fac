import { z } from 'zod';
import { displayNameForm } from './text/display-name';
import { channelKindSchema, contactSchema, conversationSchema, idSchema } from './domain';
import { ordersSectionSchema, shippingAddressSchema, spendSchema } from './orders';
import { tagGroupNameSchema, tagListSchema } from './tag-groups';

/** How a contact is reached on one channel (their WhatsApp number, Telegram chat, mailbox, widget visitor). */
export const contactIdentitySchema = z.object({
  /** Stable id of this identity (for revealing its masked external id). */
  id: z.string(),
  channelId: idSchema,
  channelKind: channelKindSchema,
  channelName: z.string(),
  externalId: z.string(),
  displayName: z.string().nullable(),
  /** Verified by the platform; null when it gave none. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ContactIdentity = z.infer<typeof contactIdentitySchema>;

/** A merge of two contacts, automatic (actorId null: same verified phone or email) or by hand. */
export const contactMergeSchema = z.object({
  id: idSchema,
  keptContactId: idSchema,
  mergedContactId: idSchema,
  mergedContactName: z.string(),
  reason: z.enum(['manual', 'phone', 'email']),
  actorId: idSchema.nullable(),
  mergedAt: z.string(),
  unmergedAt: z.string().nullable(),
});
export type ContactMerge = z.infer<typeof contactMergeSchema>;

/**
 * A contact with every identity and every conversation on every channel. Conversations the viewer
 * may not open are listed with `readable: false` and without their preview and summary.
 */
export const contactProfileSchema = z.object({
  contact: contactSchema,
  identities: z.array(contactIdentitySchema),
  conversations: z.array(conversationSchema.extend({ readable: z.boolean() })),
  merges: z.array(contactMergeSchema),
});
export type ContactProfile = z.infer<typeof contactProfileSchema>;

export const contactMergeRequestSchema = z.strictObject({ contactId: idSchema });
export const contactUnmergeRequestSchema = z.strictObject({ mergeId: idSchema });

// ---- the customer profile panel -------------------------------------------------------------------

/** A note an agent wrote on a customer (not on a conversation): shown newest first. */
export const MAX_CONTACT_NOTE_LENGTH = 2000;
export const contactNoteSchema = z.object({
  id: idSchema,
  contactId: idSchema,
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type ContactNote = z.infer<typeof contactNoteSchema>;
export const contactNoteBodySchema = z
  .string()
  .trim()
  .min(1, 'the note is empty')
  .max(MAX_CONTACT_NOTE_LENGTH, `a note has at most ${MAX_CONTACT_NOTE_LENGTH} characters`);

/**
 * What the profile panel shows: the contact with its identities, conversations and merges, the
 * orders from the account's orders connector (or why they are unavailable), lifetime spend,
 * and notes. `masked` says phones, emails and addresses were masked for this viewer (see
 * shared/pii-mask.ts); an agent reveals one with `contacts:unmask`.
 */
export const customerProfileSchema = contactProfileSchema.extend({
  orders: ordersSectionSchema,
  /** Totals of the orders that were not cancelled or refunded, per currency; null when orders are unavailable. */
  lifetimeSpend: z.array(spendSchema).nullable(),
  notes: z.array(contactNoteSchema),
  masked: z.boolean(),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/** What can be revealed: phone numbers, email addresses, or the orders' shipping addresses. */
export const piiFieldSchema = z.enum(['phone', 'email', 'address']);
export type PiiField = z.infer<typeof piiFieldSchema>;

/**
 * The clear values behind one masked field of a profile (never stored on the desktop): the
 * contact's own phone or email (`value`), each identity's external id, phone or email that field
 * covers (null where it covers nothing), and for `address` every order's shipping address.
 */
export const piiRevealSchema = z.object({
  contactId: idSchema,
  conversationId: idSchema,
  field: piiFieldSchema,
  value: z.string().nullable(),
  identities: z.array(
    z.object({ id: z.string(), externalId: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  ),
  addresses: z.array(z.object({ orderId: z.string(), shippingAddress: shippingAddressSchema })),
});
export type PiiReveal = z.infer<typeof piiRevealSchema>;

/** Replaces the tags of one group (the flat list follows). */
export const contactTagsRequestSchema = z.strictObject({ group: tagGroupNameSchema, tags: tagListSchema });
export const contactNoteRequestSchema = z.strictObject({ body: contactNoteBodySchema });
/** A contact's name as an agent writes it: in its display form (see display-name.ts), 1 to 80 characters. */
export const MAX_CONTACT_NAME_LENGTH = 80;
export const contactNameSchema = z
  .string()
  .overwrite(displayNameForm)
  .min(1, 'the name is empty')
  .max(MAX_CONTACT_NAME_LENGTH, `a name has at most ${MAX_CONTACT_NAME_LENGTH} characters`);
export const contactRenameRequestSchema = z.strictObject({ name: contactNameSchema });
/** Reveals a field for the conversation the agent has open (the unmask is audited). */
export const contactUnmaskRequestSchema = z.strictObject({ field: piiFieldSchema, conversationId: idSchema });
