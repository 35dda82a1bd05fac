import type { Contact } from '../../../shared/domain';
import type { Queryable } from '../../db/db';

type ContactRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  vip_level: number;
  tags: unknown;
};

const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  vipLevel: Number(row.vip_level),
  tags: Array.isArray(row.tags) ? row.tags.filter((t): t is string => typeof t === 'string') : [],
});

/** The contacts with these ids in one account, in one query. */
export async function getContacts(db: Queryable, accountId: string, ids: readonly string[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ContactRow>(
    'SELECT id, name, email, phone, vip_level, tags FROM contacts WHERE account_id = $1 AND id = ANY($2)',
    [accountId, [...new Set(ids)]],
  );
  return rows.map(toContact);
}

/**
 * Contacts by id that `viewer` may see: supervisors and admins any in their account, agents the
 * customers of conversations that are unassigned or theirs.
 */
export async function getVisibleContacts(
  db: Queryable,
  viewer: { id: string; accountId: string; role: string },
  ids: readonly string[],
): Promise<Contact[]> {
  const staff = viewer.role === 'supervisor' || viewer.role === 'admin';
  const rows = await db.query<ContactRow>(
    `SELECT c.id, c.name, c.email, c.phone, c.vip_level, c.tags FROM contacts c
     WHERE c.account_id = $1 AND c.id = ANY($2)
       AND ($3 OR EXISTS (SELECT 1 FROM conversations v
                          WHERE v.contact_id = c.id AND (v.assignee_id IS NULL OR v.assignee_id = $4)))`,
    [viewer.accountId, [...new Set(ids)], staff, viewer.id],
  );
  return rows.map(toContact);
}
