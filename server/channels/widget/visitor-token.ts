import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import { readSignedToken, signToken } from '../../domain/auth/signed-token';

const claimsSchema = z.object({ typ: z.literal('visitor'), cid: z.string(), chn: z.string() });

export type VisitorClaims = { contactId: string; channelId: string };

/** A token the widget keeps in localStorage to come back as the same contact. It does not expire. */
export function issueVisitorToken(claims: VisitorClaims, secret: string, clock: Clock): Promise<string> {
  return signToken({ typ: 'visitor', cid: claims.contactId, chn: claims.channelId }, secret, clock);
}

export async function verifyVisitorToken(token: string | undefined, secret: string, clock: Clock): Promise<VisitorClaims | null> {
  if (!token) return null;
  const reading = await readSignedToken(token, secret, clock);
  const parsed = claimsSchema.safeParse(reading.ok ? reading.claims : null);
  return parsed.success ? { contactId: parsed.data.cid, channelId: parsed.data.chn } : null;
}
