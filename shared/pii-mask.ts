import type { CustomerProfile, ContactIdentity, ContactProfile } from './contact-profile';
import type { ChannelKind, Contact, Role } from './domain';
import type { OrdersSection, ShippingAddress } from './orders';

/**
 * Personal data on the desktop: phone numbers, email addresses and shipping addresses. The server
 * masks them for roles that may not see them (agents: `138****5678`, `e***@example.com`) wherever
 * they reach a client — profiles, synced and pushed contacts, and so the quick-reply variables.
 */

/**
 * What each role gets. `clear`: sees the values. `unmask`: sees them masked and may reveal one for
 * a conversation they can read (each reveal is audited, shown until they leave the conversation,
 * never written to the desktop's cache). `masked`: masked, no reveal.
 */
export type PiiAccess = 'clear' | 'unmask' | 'masked';
export const PII_ACCESS: Readonly<Record<Role, PiiAccess>> = { agent: 'unmask', supervisor: 'clear', admin: 'clear', staff: 'masked' };

/** Whether `role` sees personal data in clear. */
export function seesPii(role: Role, access: Readonly<Record<Role, PiiAccess>> = PII_ACCESS): boolean {
  return access[role] === 'clear';
}

/** Whether `role` may reveal a masked value (roles who see clear values may too; it is audited either way). */
export function mayUnmask(role: Role, access: Readonly<Record<Role, PiiAccess>> = PII_ACCESS): boolean {
  return access[role] !== 'masked';
}

const STARS = '****';

/**
 * `13812345678` → `138****5678`, `+1 650 555 0199` → `+165****0199`: the first three and last four
 * digits of a full number, the last two of a short one. A masked number stays as it is.
 */
export function maskPhone(phone: string): string {
  if (phone.includes(STARS)) return phone;
  const digits = phone.replace(/\D/g, '');
  const plus = phone.trim().startsWith('+') ? '+' : '';
  if (digits.length >= 10) return `${plus}${digits.slice(0, 3)}${STARS}${digits.slice(-4)}`;
  if (digits.length >= 4) return `${plus}${STARS}${digits.slice(-2)}`;
  return STARS;
}

/** `emma@example.com` → `e***@example.com`; the domain stays (it says which provider, not who). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskText(email);
  return `${maskText(email.slice(0, at))}${email.slice(at)}`;
}

/** The first character and `***`. */
export function maskText(text: string): string {
  const first = Array.from(text.trim())[0];
  return first ? `${first}***` : '';
}

/** City, region and country stay (where a parcel goes); recipient, street, postcode and phone are masked. */
export function maskAddress(address: ShippingAddress): ShippingAddress {
  return {
    ...address,
    recipient: maskText(address.recipient),
    phone: address.phone === null ? null : maskPhone(address.phone),
    line1: '***',
    line2: address.line2 === null ? null : '***',
    postalCode: address.postalCode === null ? null : '***',
  };
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;

/**
 * Whether a channel's id for a customer is their phone number or email address (so it is masked
 * like one): WhatsApp ids are numbers, email ids addresses; Telegram chat ids are numeric but not
 * phones; elsewhere it is judged by its shape.
 */
export function externalIdKind(channelKind: ChannelKind, externalId: string): 'phone' | 'email' | null {
  if (EMAIL_SHAPE.test(externalId.trim())) return 'email';
  if (channelKind === 'whatsapp') return 'phone';
  if (channelKind === 'telegram') return null;
  return PHONE_SHAPE.test(externalId.trim()) && externalId.replace(/\D/g, '').length >= 6 ? 'phone' : null;
}

export function maskExternalId(channelKind: ChannelKind, externalId: string): string {
  const kind = externalIdKind(channelKind, externalId);
  return kind === 'phone' ? maskPhone(externalId) : kind === 'email' ? maskEmail(externalId) : externalId;
}

export function maskContact(contact: Contact): Contact {
  return {
    ...contact,
    phone: contact.phone === null ? null : maskPhone(contact.phone),
    email: contact.email === null ? null : maskEmail(contact.email),
  };
}

export function maskIdentity(identity: ContactIdentity): ContactIdentity {
  return {
    ...identity,
    externalId: maskExternalId(identity.channelKind, identity.externalId),
    phone: identity.phone === null ? null : maskPhone(identity.phone),
    email: identity.email === null ? null : maskEmail(identity.email),
  };
}

export function maskOrders(section: OrdersSection): OrdersSection {
  if (section.status !== 'ok') return section;
  return {
    ...section,
    orders: section.orders.map((o) => (o.shippingAddress ? { ...o, shippingAddress: maskAddress(o.shippingAddress) } : o)),
  };
}

/** The contact part of a profile with its phones and emails masked. */
export function maskContactProfile<P extends ContactProfile>(profile: P): P {
  return { ...profile, contact: maskContact(profile.contact), identities: profile.identities.map(maskIdentity) };
}

/** A whole profile masked (idempotent: masking a masked profile changes nothing). */
export function maskCustomerProfile(profile: CustomerProfile): CustomerProfile {
  return { ...maskContactProfile(profile), orders: maskOrders(profile.orders), masked: true };
}

/** The contact as `role` may see it. */
export function contactFor(role: Role, contact: Contact): Contact {
  return seesPii(role) ? contact : maskContact(contact);
}
