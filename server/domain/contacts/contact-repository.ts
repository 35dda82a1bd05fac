import type { Contact, Role } from '../../../shared/domain';
import { contactFor } from '../../../shared/pii-mask';
import { flattenTagGroups, reconcileTagGroups } from '../../../shared/tag-groups';
import type { Queryable } from '../../db/db';
import { loadMember } from '../conversations/member-repository';
import { agentReadsSql } from '../conversations/permissions';

export type ContactRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  vip_level: number;
  tags: unknown;
  tag_groups: unknown;
  name_generated: boolean;
};

/** The columns `toContact` reads, for queries on `contacts c`. */
export const CONTACT_COLUMNS = 'c.id, c.name, c.name_generated, c.email, c.phone, c.vip_level, c.tags, c.tag_groups';

const jsonOf = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/** A stored contact, clear (mask with `contactFor` before it reaches a client). */
export function toContact(row: ContactRow): Contact {
  const flat = jsonOf(row.tags);
  const tagGroups = reconcileTagGroups(Array.isArray(flat) ? flat.filter((t): t is string => typeof t === 'string') : [], jsonOf(row.tag_groups));
  return {
    id: row.id,
    name: row.name,
    // Only when true, so contacts keep their old shape.
    ...(row.name_generated === true ? { nameGenerated: true } : {}),
    email: row.email,
    phone: row.phone,
    vipLevel: Number(row.vip_level),
    tags: flattenTagGroups(tagGroups),
    tagGroups,
  };
}

/** The contacts with these ids in one account, in one query, clear. */
export async function getContacts(db: Queryable, accountId: string, ids: readonly string[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.account_id = $1 AND c.id = ANY($2)`,
    [accountId, [...new Set(ids)]],
  );
  return rows.map(toContact);
}

/**
 * Contacts by id that `viewer` may see: supervisors and admins any in their account, agents the
 * customers of conversations that are unassigned or theirs. Phones and emails are masked for roles
 * that may not see them (shared/pii-mask.ts).
 */
export async function getVisibleContacts(
  db: Queryable,
  viewer: { id: string; accountId: string; role: Role },
  ids: readonly string[],
): Promise<Contact[]> {
  const staff = viewer.role === 'supervisor' || viewer.role === 'admin';
  const groupIds = staff ? [] : (await loadMember(db, viewer)).groupIds;
  const rows = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts c
     WHERE c.account_id = $1 AND c.id = ANY($2)
       AND ($3 OR EXISTS (SELECT 1 FROM conversations v
                          WHERE v.contact_id = c.id AND ${agentReadsSql('v', '$4', '$5')}))`,
    [viewer.accountId, [...new Set(ids)], staff, viewer.id, [...groupIds]],
  );
  return rows.map((row) => contactFor(viewer.role, toContact(row)));
}

/** Follows merges to the contact that stayed (the id itself when it was never merged away). */
export async function canonicalContactId(db: Queryable, contactId: string): Promise<string> {
  let id = contactId;
  for (let hops = 0; hops < 16; hops++) {
    const rows = await db.query<{ merged_into: string | null }>('SELECT merged_into FROM contacts WHERE id = $1', [id]);
    const next = rows[0]?.merged_into;
    if (!next) return id;
    id = next;
  }
  return id;
}
