import { z } from 'zod';
import { readSignedToken, signToken } from '../../domain/auth/signed-token';

const claimsSchema = z.object({ typ: z.literal('visitor'), cid: z.string(), chn: z.string() });

export type VisitorClaims = { contactId: string; channelId: string };

/** A token the widget keeps in localStorage to come back as the same contact. It does not expire. */
export function issueVisitorToken(claims: VisitorClaims, secret: string): string {
  return signToken({ typ: 'visitor', cid: claims.contactId, chn: claims.channelId }, secret);
}

export function verifyVisitorToken(token: string | undefined, secret: string): VisitorClaims | null {
  if (!token) return null;
  const parsed = claimsSchema.safeParse(readSignedToken(token, secret));
  return parsed.success ? { contactId: parsed.data.cid, channelId: parsed.data.chn } : null;
}
