import type { CustomerProfile, PiiReveal } from '../../../../shared/contact-profile';
import type { ShippingAddress } from '../../../../shared/orders';
import { uniqueTags } from '../../../../shared/tag-groups';
import type { MessageKey } from '../../i18n/en';

/**
 * The profile as the panel shows it: values the agent revealed for the open conversation put in
 * place of the masked ones (pure; the reveals themselves live only in memory).
 */
export function applyReveals(profile: CustomerProfile, reveals: readonly PiiReveal[]): CustomerProfile {
  let shown = profile;
  for (const reveal of reveals) {
    if (reveal.contactId !== shown.contact.id) continue;
    const contact = reveal.field === 'phone' || reveal.field === 'email' ? { ...shown.contact, [reveal.field]: reveal.value } : shown.contact;
    const identities = shown.identities.map((identity) => {
      const clear = reveal.identities.find((r) => r.id === identity.id);
      if (!clear) return identity;
      return {
        ...identity,
        externalId: clear.externalId ?? identity.externalId,
        phone: clear.phone ?? identity.phone,
        email: clear.email ?? identity.email,
      };
    });
    const orders =
      shown.orders.status === 'ok' && reveal.addresses.length > 0
        ? {
            ...shown.orders,
            orders: shown.orders.orders.map((o) => {
              const clear = reveal.addresses.find((a) => a.orderId === o.id);
              return clear ? { ...o, shippingAddress: clear.shippingAddress } : o;
            }),
          }
        : shown.orders;
    shown = { ...shown, contact, identities, orders };
  }
  return shown;
}

/** Which fields were revealed (their buttons are hidden). */
export function revealedFields(reveals: readonly PiiReveal[], contactId: string): Set<PiiReveal['field']> {
  return new Set(reveals.filter((r) => r.contactId === contactId).map((r) => r.field));
}

/** Money in minor units as the language writes it: 129900 CNY → "¥1,299.00". */
export function formatMoney(minor: number, currency: string, language: string): string {
  try {
    const format = new Intl.NumberFormat(language, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    // A currency code Intl does not know: the number and the code.
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** An address on one line: street, city, region, postcode, country (what is missing left out). */
export function addressLine(address: ShippingAddress): string {
  return [address.line1, address.line2, address.city, address.region, address.postalCode, address.country]
    .filter((part): part is string => !!part && part.trim() !== '')
    .join(', ');
}

/**
 * The group's tags with what the agent typed added ("a, b" or "a、b" adds two); null when it adds
 * nothing new, so nothing is saved.
 */
export function withTypedTags(current: readonly string[], typed: string): string[] | null {
  const added = typed.split(/[,，、;；\n]/).map((t) => t.trim()).filter(Boolean);
  if (added.length === 0) return null;
  const next = uniqueTags([...current, ...added]);
  return next.length === current.length ? null : next;
}

export function withoutTag(current: readonly string[], tag: string): string[] {
  return current.filter((t) => t !== tag);
}

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'orderStatus.pending',
  paid: 'orderStatus.paid',
  processing: 'orderStatus.processing',
  shipped: 'orderStatus.shipped',
  delivered: 'orderStatus.delivered',
  cancelled: 'orderStatus.cancelled',
  canceled: 'orderStatus.cancelled',
  refunded: 'orderStatus.refunded',
  refund_requested: 'orderStatus.refund_requested',
};

/** The words for a shop's order status the UI knows; null for one it does not (shown as the shop wrote it). */
export function orderStatusKey(status: string): MessageKey | null {
  return STATUS_KEYS[status.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? null;
}
