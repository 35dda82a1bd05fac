import type { Queryable } from '../../db/db';
import { channelSender, smtpConfigOf } from '../../channels/email/smtp-transport';
import { listChannels, type ChannelRecord } from '../channels/channel-repository';

/** The channel the weekly summary goes out through: the account's first active email channel with an address and an SMTP server, or null. */
export async function reportChannel(db: Queryable, accountId: string): Promise<ChannelRecord | null> {
  const channels = await listChannels(db, accountId);
  return channels.find((c) => c.kind === 'email' && c.enabled && smtpConfigOf(c) !== null && channelSender(c) !== null) ?? null;
}
