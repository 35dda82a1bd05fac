import type { CustomerProfile } from '../../../shared/contact-profile';
import { lifetimeSpend } from '../../../shared/orders';
import { maskCustomerProfile, seesPii } from '../../../shared/pii-mask';
import type { Queryable } from '../../db/db';
import type { Viewer } from '../conversations/permissions';
import { ordersFor, type OrdersContact, type OrdersOptions } from '../orders/orders-connector';
import { listContactNotes } from './contact-notes';
import { clearContactProfile } from './contact-profile';

/**
 * The profile panel's whole profile for `viewer`: the contact with identities, conversations and
 * merges, orders from the account's connector (a failing connector makes only the orders
 * `unavailable`), lifetime spend, and notes. Phones, emails and addresses are masked unless the
 * viewer's role sees them.
 */
export async function customerProfile(db: Queryable, viewer: Viewer, contactId: string, options: OrdersOptions = {}): Promise<CustomerProfile> {
  const base = await clearContactProfile(db, viewer, contactId);
  const [orders, notes] = await Promise.all([ordersFor(db, viewer.accountId, ordersContactOf(base), options), listContactNotes(db, base.contact.id)]);
  const profile: CustomerProfile = {
    ...base,
    orders,
    lifetimeSpend: orders.status === 'ok' ? lifetimeSpend(orders.orders) : null,
    notes,
    masked: false,
  };
  return seesPii(viewer.role) ? profile : maskCustomerProfile(profile);
}

/** What a shop can recognise the customer of a profile by (clear values). */
export function ordersContactOf(profile: Pick<CustomerProfile, 'contact' | 'identities'>): OrdersContact {
  return {
    id: profile.contact.id,
    name: profile.contact.name,
    phone: profile.contact.phone,
    email: profile.contact.email,
    identities: profile.identities.map((i) => ({ channelId: i.channelId, channelKind: i.channelKind, externalId: i.externalId })),
  };
}
