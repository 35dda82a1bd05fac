import type { Contact } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import type { Viewer } from '../conversations/permissions';
import { assertVisibleContact } from './contact-profile';
import { CONTACT_COLUMNS, canonicalContactId, toContact, type ContactRow } from './contact-repository';

/**
 * Runs an edit of one contact that `viewer` may see (the merged contact, when `requestedId` was
 * merged away), in a transaction holding the contact's row: `edit` gets the contact as it is and
 * its id. `not_found` when the contact is not in the viewer's account.
 */
export async function editVisibleContact<T>(
  db: Db,
  viewer: Viewer,
  requestedId: string,
  edit: (tx: Queryable, before: Contact, contactId: string) => Promise<T>,
): Promise<T> {
  const contactId = await canonicalContactId(db, requestedId);
  await assertVisibleContact(db, viewer, contactId);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1 AND c.account_id = $2 FOR UPDATE`, [
      contactId,
      viewer.accountId,
    ]);
    if (!row) throw new AppError('not_found', 'contact not found');
    return edit(tx, toContact(row), contactId);
  });
}
