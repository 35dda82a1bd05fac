import { z } from 'zod';
import { idSchema } from './domain';

/**
 * Conversation tags: why a customer got in touch (reason) and how it ended (outcome), plus free
 * tags (other). Admins manage the list; agents put them on the conversations they work on. They
 * describe the contact, not the customer: a customer's own tags live on the contact.
 */

export const conversationTagKinds = ['reason', 'outcome', 'other'] as const;
export const conversationTagKindSchema = z.enum(conversationTagKinds);
export type ConversationTagKind = z.infer<typeof conversationTagKindSchema>;

/** A colour as #rrggbb (lower case), or none. */
export const tagColourSchema = z.string().trim().toLowerCase().regex(/^#[0-9a-f]{6}$/, 'a colour as #rrggbb');

export const conversationTagSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: conversationTagKindSchema,
  colour: z.string().nullable(),
  /** Archived tags stay on the conversations that have them but cannot be put on another. */
  archived: z.boolean(),
  /** The order the picker offers them in, smallest first. */
  position: z.number().int(),
});
export type ConversationTag = z.infer<typeof conversationTagSchema>;

export const conversationTagSettingsSchema = z.object({
  /** Resolving needs an outcome tag on the conversation (`outcome_required` otherwise). */
  requireOutcome: z.boolean(),
});
export type ConversationTagSettings = z.infer<typeof conversationTagSettingsSchema>;

/** What every workstation keeps (offline too): the whole list, archived ones included to name old tags, and the settings. */
export const conversationTagCatalogSchema = z.object({
  tags: z.array(conversationTagSchema),
  settings: conversationTagSettingsSchema,
});
export type ConversationTagCatalog = z.infer<typeof conversationTagCatalogSchema>;

/** A tag as admins and supervisors see it: with how many conversations carry it. */
export const managedConversationTagSchema = conversationTagSchema.extend({ uses: z.number().int().nonnegative() });
export type ManagedConversationTag = z.infer<typeof managedConversationTagSchema>;

export const conversationTagSaveSchema = z
  .object({
    /** Absent: a new tag. */
    id: idSchema.optional(),
    name: z.string().trim().min(1).max(60),
    kind: conversationTagKindSchema,
    colour: tagColourSchema.nullable().default(null),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type ConversationTagSave = z.infer<typeof conversationTagSaveSchema>;

/** The tags put on one conversation at once: at most one outcome (checked on the server too). */
export const conversationTagIdsSchema = z.array(idSchema).max(10);

/** The outcome among `tagIds`, looked up in `tags`; null when none. */
export function outcomeOf(tags: readonly ConversationTag[], tagIds: readonly string[]): ConversationTag | null {
  return tags.find((t) => t.kind === 'outcome' && tagIds.includes(t.id)) ?? null;
}

/** The tags a picker offers: not archived, by kind then position then name. */
export function offeredTags(tags: readonly ConversationTag[], kind: ConversationTagKind): ConversationTag[] {
  return tags
    .filter((t) => t.kind === kind && !t.archived)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}
