import type { Contact } from '../../../shared/domain';
import { contactTagGroups, flattenTagGroups, type TagGroupName } from '../../../shared/tag-groups';
import type { Db } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { editVisibleContact } from './contact-edit';
import { CONTACT_COLUMNS, toContact, type ContactRow } from './contact-repository';

/**
 * Replaces one group of a contact's tags (anyone who may see the contact may), keeping the flat
 * list the union of the groups; audited (`contact.tags`, the group before and after). Answers the
 * contact in clear: mask it before it reaches a client.
 */
export async function setContactTags(db: Db, viewer: Viewer, requestedId: string, group: TagGroupName, tags: readonly string[]): Promise<Contact> {
  return editVisibleContact(db, viewer, requestedId, async (tx, before, contactId) => {
    const was = contactTagGroups(before);
    const groups = { ...was, [group]: [...tags] };
    const [updated] = await tx.query<ContactRow>(
      `UPDATE contacts c SET tag_groups = $2::jsonb, tags = $3::jsonb WHERE c.id = $1 RETURNING ${CONTACT_COLUMNS}`,
      [contactId, JSON.stringify(groups), JSON.stringify(flattenTagGroups(groups))],
    );
    await recordAudit(tx, {
      accountId: viewer.accountId, actorId: viewer.id, action: 'contact.tags', targetType: 'contact', targetId: contactId,
      details: { group, before: was[group], after: tags },
    });
    return toContact(updated!);
  });
}
