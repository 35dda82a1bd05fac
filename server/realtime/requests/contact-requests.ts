import { contactFor } from '../../../shared/pii-mask';
import { addContactNote } from '../../domain/contacts/contact-notes';
import { getVisibleContacts } from '../../domain/contacts/contact-repository';
import { renameContact } from '../../domain/contacts/contact-rename';
import { setContactTags } from '../../domain/contacts/contact-tags';
import { unmaskContact } from '../../domain/contacts/contact-unmask';
import { customerProfile } from '../../domain/contacts/customer-profile';
import type { AgentRequestContext } from './agent-request-context';

/**
 * Contacts and the customer profile, checked per user (see the protocol). A changed contact is
 * pushed masked as each role needs (the socket joined its role's room on connect).
 */
export function registerContactRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, orders } = services;

  serve('contacts:get', async ({ ids }) => ({ contacts: await getVisibleContacts(db, user, ids) }));

  serve('contacts:profile', async ({ contactId }) => ({ profile: await customerProfile(db, user, contactId, orders) }));

  serve('contacts:tags:set', async ({ contactId, group, tags }) => {
    const contact = await setContactTags(db, user, contactId, group, tags);
    await services.events.emit({ type: 'contact.changed', accountId: user.accountId, contact });
    return { contact: contactFor(user.role, contact) };
  });

  serve('contacts:rename', async ({ contactId, name }) => {
    const { contact, changed } = await renameContact(db, user, contactId, name);
    if (changed) await services.events.emit({ type: 'contact.changed', accountId: user.accountId, contact });
    return { contact: contactFor(user.role, contact) };
  });

  serve('contacts:note:add', async ({ contactId, body }) => ({ note: await addContactNote(db, user, contactId, body) }));

  serve('contacts:unmask', async (request) => ({ reveal: await unmaskContact(db, user, request, orders) }));
}
