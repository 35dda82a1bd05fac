import { hmacSha256Hex, safeEqual } from '../framework/signatures';

export type VisitorIdentityClaim = { phone?: string; email?: string; signature: string };
export type VerifiedIdentity = { phone: string | null; email: string | null };

/** What the shop's site signs for a signed-in customer: "<phone>\n<email>", missing ones empty. */
export function visitorIdentityPayload(phone: string | undefined, email: string | undefined): string {
  return `${phone ?? ''}\n${email ?? ''}`;
}

/**
 * The phone and email a widget visitor brings, when the shop's site signed them with the channel's
 * identity secret; null when unsigned, wrongly signed, empty, or the channel has no secret.
 */
export function verifyVisitorIdentity(claim: VisitorIdentityClaim | undefined, identitySecret: string | undefined): VerifiedIdentity | null {
  if (!claim || !identitySecret) return null;
  const phone = claim.phone?.trim() || undefined;
  const email = claim.email?.trim() || undefined;
  if (!phone && !email) return null;
  const expected = hmacSha256Hex(identitySecret, visitorIdentityPayload(phone, email));
  return safeEqual(claim.signature.trim().toLowerCase(), expected) ? { phone: phone ?? null, email: email ?? null } : null;
}
