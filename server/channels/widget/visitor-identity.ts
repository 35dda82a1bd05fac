import { hmacSha256Hex, safeEqual } from '../framework/signatures';

export type VisitorIdentityClaim = { phone?: string; email?: string; expires?: number; signature: string };
export type VerifiedIdentity = { phone: string | null; email: string | null };

/** How far a signed identity may be past its `expires`, for clocks that disagree a little. */
export const IDENTITY_CLOCK_SKEW_SECONDS = 60;
/** The longest a shop's site may make an identity valid for, from now. */
export const IDENTITY_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * What the shop's site signs for a signed-in customer: "<phone>\n<email>\n<expires>", missing ones
 * empty, `expires` in unix seconds.
 */
export function visitorIdentityPayload(phone: string | undefined, email: string | undefined, expires: number): string {
  return `${phone ?? ''}\n${email ?? ''}\n${expires}`;
}

/** The signed identity a shop's site puts in the chat page's address (README: verified widget visitors). */
export function signVisitorIdentity(
  identitySecret: string,
  identity: { phone?: string; email?: string; expires: number },
): Required<Pick<VisitorIdentityClaim, 'expires' | 'signature'>> & Pick<VisitorIdentityClaim, 'phone' | 'email'> {
  const { phone, email, expires } = identity;
  const signature = hmacSha256Hex(identitySecret, visitorIdentityPayload(phone, email, expires));
  return { ...(phone ? { phone } : {}), ...(email ? { email } : {}), expires, signature };
}

/**
 * The phone and email a widget visitor brings, when the shop's site signed them with the channel's
 * identity secret and the signature has not expired at `now` (ms); null when unsigned, wrongly
 * signed, empty, expired, valid for longer than IDENTITY_MAX_LIFETIME_SECONDS, or the channel has
 * no secret.
 */
export function verifyVisitorIdentity(
  claim: VisitorIdentityClaim | undefined,
  identitySecret: string | undefined,
  now: number,
): VerifiedIdentity | null {
  if (!claim || !identitySecret) return null;
  const phone = claim.phone?.trim() || undefined;
  const email = claim.email?.trim() || undefined;
  if (!phone && !email) return null;
  const { expires } = claim;
  if (expires === undefined || !Number.isSafeInteger(expires)) return null;
  const nowSeconds = Math.floor(now / 1000);
  if (expires + IDENTITY_CLOCK_SKEW_SECONDS < nowSeconds) return null;
  if (expires > nowSeconds + IDENTITY_MAX_LIFETIME_SECONDS + IDENTITY_CLOCK_SKEW_SECONDS) return null;
  const expected = hmacSha256Hex(identitySecret, visitorIdentityPayload(phone, email, expires));
  return safeEqual(claim.signature.trim().toLowerCase(), expected) ? { phone: phone ?? null, email: email ?? null } : null;
}
