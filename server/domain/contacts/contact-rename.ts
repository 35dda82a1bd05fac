import type { Contact } from '../../../shared/domain';
import type { Db } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { editVisibleContact } from './contact-edit';
import { CONTACT_COLUMNS, toContact, type ContactRow } from './contact-repository';

/**
 * Gives a contact the name an agent wrote (already trimmed and 1–80 characters): anyone who may
 * see one of the contact's conversations may, supervisors and admins any of their account. The
 * name is a real one from then on (no longer a generated placeholder). Audited
 * (`contact.rename`, the name before and after); the same name again changes nothing. Answers the
 * contact in clear: mask it before it reaches a client.
 */
export async function renameContact(db: Db, viewer: Viewer, requestedId: string, name: string): Promise<{ contact: Contact; changed: boolean }> {
  return editVisibleContact(db, viewer, requestedId, async (tx, before, contactId) => {
    if (before.name === name && !before.nameGenerated) return { contact: before, changed: false };
    const [updated] = await tx.query<ContactRow>(
      `UPDATE contacts c SET name = $2, name_generated = false WHERE c.id = $1 RETURNING ${CONTACT_COLUMNS}`,
      [contactId, name],
    );
    await recordAudit(tx, {
      accountId: viewer.accountId, actorId: viewer.id, action: 'contact.rename', targetType: 'contact', targetId: contactId,
      details: { before: before.name, after: name },
    });
    return { contact: toContact(updated!), changed: true };
  });
}
