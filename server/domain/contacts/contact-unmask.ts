import type { PiiField, PiiReveal } from '../../../shared/contact-profile';
import { AppError } from '../../../shared/errors';
import { externalIdKind, mayUnmask, PII_ACCESS, type PiiAccess } from '../../../shared/pii-mask';
import type { Role } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import { getConversationView } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { canAct, type Viewer } from '../conversations/permissions';
import { ordersFor, type OrdersOptions } from '../orders/orders-connector';
import { clearContactProfile } from './contact-profile';
import { canonicalContactId } from './contact-repository';
import { ordersContactOf } from './customer-profile';

export type UnmaskRequest = { contactId: string; conversationId: string; field: PiiField };

/**
 * Reveals one masked field of a contact to `viewer`, for a conversation of that contact the viewer
 * may act on (canAct): refused (`forbidden`) for a role without the right, for a conversation they
 * may not act on or of another customer. Each reveal is audited (`contact.unmask`: the field and the
 * conversation) before the values are answered.
 */
export async function unmaskContact(
  db: Queryable,
  viewer: Viewer,
  request: UnmaskRequest,
  options: OrdersOptions & { access?: Readonly<Record<Role, PiiAccess>> } = {},
): Promise<PiiReveal> {
  if (!mayUnmask(viewer.role, options.access ?? PII_ACCESS)) throw new AppError('forbidden', 'Your role may not reveal personal data.');
  const conversation = await getConversationView(db, request.conversationId);
  if (!conversation || conversation.accountId !== viewer.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canAct(await loadMember(db, viewer), conversation)) {
    throw new AppError('forbidden', 'Only someone who may work on this conversation may reveal its customer’s data.');
  }
  const contactId = await canonicalContactId(db, request.contactId);
  if ((await canonicalContactId(db, conversation.contactId)) !== contactId) {
    throw new AppError('forbidden', 'This customer is not the one in that conversation.');
  }
  const profile = await clearContactProfile(db, viewer, contactId);
  const { field } = request;
  const reveal: PiiReveal = { contactId, conversationId: conversation.id, field, value: null, identities: [], addresses: [] };
  if (field === 'address') {
    const orders = await ordersFor(db, viewer.accountId, ordersContactOf(profile), options);
    if (orders.status === 'ok') {
      for (const order of orders.orders) if (order.shippingAddress) reveal.addresses.push({ orderId: order.id, shippingAddress: order.shippingAddress });
    }
  } else {
    reveal.value = profile.contact[field];
    for (const identity of profile.identities) {
      const externalId = externalIdKind(identity.channelKind, identity.externalId) === field ? identity.externalId : null;
      const phone = field === 'phone' ? identity.phone : null;
      const email = field === 'email' ? identity.email : null;
      if (externalId !== null || phone !== null || email !== null) reveal.identities.push({ id: identity.id, externalId, phone, email });
    }
  }
  await recordAudit(db, {
    accountId: viewer.accountId, actorId: viewer.id, action: 'contact.unmask', targetType: 'contact', targetId: contactId,
    details: { field, conversationId: conversation.id },
  });
  return reveal;
}
