/**
 * The forms phones and emails are compared in when contacts are matched across channels. Pure, so
 * every path (webhooks, the widget, merges) matches the same way.
 */

/**
 * Digits only: "+1 (415) 555-0134", "14155550134" and WhatsApp's wa_id "14155550134" are one
 * number. Null for anything with fewer than 6 digits, which cannot identify a person.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.normalize('NFKC').replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= 6 && digits.length <= 20 ? digits : null;
}

/** Trimmed and lower-cased; null unless it looks like an address. */
export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const key = email.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(key) && key.length <= 254 ? key : null;
}

/** How a phone key is shown when it becomes a contact's phone: with the leading +. */
export function displayPhone(key: string): string {
  return `+${key}`;
}
