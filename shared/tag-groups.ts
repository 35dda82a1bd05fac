import { z } from 'zod';

/**
 * A customer's tags in three groups: `basic` (who they are: VIP, wholesale, region), `behaviour`
 * (how they buy and write: night owl, returns often) and `need` (what they want now: tracking,
 * invoice). The contact's flat `tags` list stays the union of the three, for everything that
 * already reads it (inbox labels, the {{contact.tags}} quick-reply variable).
 */
export const tagGroupNames = ['basic', 'behaviour', 'need'] as const;
export const tagGroupNameSchema = z.enum(tagGroupNames);
export type TagGroupName = z.infer<typeof tagGroupNameSchema>;

export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS_PER_GROUP = 30;

export const tagSchema = z.string().trim().min(1, 'a tag is empty').max(MAX_TAG_LENGTH, `a tag has at most ${MAX_TAG_LENGTH} characters`);

export const tagGroupsSchema = z.object({
  basic: z.array(z.string()),
  behaviour: z.array(z.string()),
  need: z.array(z.string()),
});
export type TagGroups = z.infer<typeof tagGroupsSchema>;

/** What an agent sends to replace one group's tags. */
export const tagListSchema = z
  .array(tagSchema)
  .max(MAX_TAGS_PER_GROUP, `a group has at most ${MAX_TAGS_PER_GROUP} tags`)
  .transform((tags) => uniqueTags(tags));

export const emptyTagGroups = (): TagGroups => ({ basic: [], behaviour: [], need: [] });

/** Tags trimmed, blanks dropped, each once (the first spelling kept; compared without case). */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** The flat list: basic, then behaviour, then need, each tag once. */
export function flattenTagGroups(groups: TagGroups): string[] {
  return uniqueTags([...groups.basic, ...groups.behaviour, ...groups.need]);
}

/**
 * Groups read from storage made whole: a missing or malformed group is empty, and a flat tag no
 * group holds (written before groups existed, or by code that only knows the flat list) is basic.
 */
export function reconcileTagGroups(flat: readonly string[], stored: unknown): TagGroups {
  const groups = emptyTagGroups();
  const record = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  for (const name of tagGroupNames) {
    const value = record[name];
    groups[name] = Array.isArray(value) ? uniqueTags(value.filter((t): t is string => typeof t === 'string')) : [];
  }
  const held = new Set(flattenTagGroups(groups).map((t) => t.toLowerCase()));
  const loose = flat.filter((t) => !held.has(t.trim().toLowerCase()));
  groups.basic = uniqueTags([...groups.basic, ...loose]);
  return groups;
}

/** A contact's groups, for a contact cached before groups existed too (its tags are basic). */
export function contactTagGroups(contact: { tags: readonly string[]; tagGroups?: TagGroups | undefined }): TagGroups {
  return contact.tagGroups ?? reconcileTagGroups(contact.tags, null);
}

/** Both contacts' tags, group by group (a merge keeps everything either had). */
export function unionTagGroups(a: TagGroups, b: TagGroups): TagGroups {
  return {
    basic: uniqueTags([...a.basic, ...b.basic]),
    behaviour: uniqueTags([...a.behaviour, ...b.behaviour]),
    need: uniqueTags([...a.need, ...b.need]),
  };
}
