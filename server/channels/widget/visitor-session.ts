import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { findChannel } from '../../domain/channels/channel-repository';
import { resolveIdentity } from '../../domain/contacts/contact-identities';
import { contactNameFrom, visitorStandIn } from '../../domain/contacts/contact-name';
import { canonicalContactId } from '../../domain/contacts/contact-repository';
import type { ConversationChange } from '../../domain/conversations/message-change';
import { verifyVisitorIdentity, type VisitorIdentityClaim } from './visitor-identity';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token';

export type VisitorSession = {
  accountId: string;
  channelId: string;
  contactId: string;
  name: string;
  visitorToken: string;
};

type ChannelRow = { id: string; account_id: string };

/**
 * Who a widget visitor is: the contact behind a valid token (or the contact it was merged into),
 * or a new contact with an identity on the channel. Without a channel id, the first widget channel
 * is used. A phone or email the shop's site signed (`identity`, until its `expires`) links the visitor
 * to the contact that has it on any channel, merging when needed; `publish` gets the conversations
 * that moved. An expired or forged identity is ignored: the visitor is who their token says, or new.
 * `admitNew` is asked (and may throw) before a visitor without a valid token becomes a new contact.
 */
export async function resolveVisitorSession(
  db: Db,
  secret: string,
  clock: Clock,
  auth: { channelId?: string; visitorToken?: string; name?: string; identity?: VisitorIdentityClaim },
  publish: (changes: ConversationChange[]) => void = () => {},
  admitNew: () => void | Promise<void> = () => {},
): Promise<VisitorSession> {
  const channel = await findWidgetChannel(db, auth.channelId);
  const verified = auth.identity ? verifyVisitorIdentity(auth.identity, (await findChannel(db, channel.id))?.secrets.identitySecret, clock()) : null;
  const claims = await verifyVisitorToken(auth.visitorToken, secret, clock);
  if (claims && claims.channelId === channel.id) {
    const contactId = await canonicalContactId(db, claims.contactId);
    const rows = await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM contacts WHERE id = $1 AND account_id = $2',
      [contactId, channel.account_id],
    );
    const contact = rows[0];
    if (contact) {
      if (!verified) {
        const visitorToken = contactId === claims.contactId ? auth.visitorToken! : await issueVisitorToken({ contactId, channelId: channel.id }, secret, clock);
        return { accountId: channel.account_id, channelId: channel.id, contactId, name: contact.name, visitorToken };
      }
      const identities = await db.query<{ external_id: string }>(
        'SELECT external_id FROM contact_identities WHERE contact_id = $1 AND channel_id = $2 ORDER BY created_at DESC LIMIT 1',
        [contactId, channel.id],
      );
      return linkVerified(db, secret, clock, channel, identities[0]?.external_id ?? randomUUID(), null, verified, publish, contact.name);
    }
  }
  await admitNew();
  const { name, generated } = contactNameFrom(auth.name, visitorStandIn);
  if (verified) return linkVerified(db, secret, clock, channel, randomUUID(), generated ? null : name, verified, publish, name);
  const contactId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO contacts (id, account_id, name, name_generated) VALUES ($1, $2, $3, $4)', [contactId, channel.account_id, name, generated]);
    await tx.query('INSERT INTO contact_identities (contact_id, channel_id, external_id) VALUES ($1, $2, $3)', [
      contactId,
      channel.id,
      randomUUID(),
    ]);
  });
  const visitorToken = await issueVisitorToken({ contactId, channelId: channel.id }, secret, clock);
  return { accountId: channel.account_id, channelId: channel.id, contactId, name, visitorToken };
}

/** The visitor's widget identity with its verified phone or email: joins (or merges with) the contact that has them. */
async function linkVerified(
  db: Db,
  secret: string,
  clock: Clock,
  channel: ChannelRow,
  externalId: string,
  /** The name the visitor gave; null when they gave none (`standIn` is then what a new contact is called). */
  name: string | null,
  verified: { phone: string | null; email: string | null },
  publish: (changes: ConversationChange[]) => void,
  standIn: string,
): Promise<VisitorSession> {
  const resolved = await resolveIdentity(db, {
    accountId: channel.account_id, channelId: channel.id, externalId, name, standInName: standIn,
    verifiedPhone: verified.phone, verifiedEmail: verified.email,
  });
  if (resolved.changes.length > 0) publish(resolved.changes);
  const rows = await db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [resolved.contactId]);
  const visitorToken = await issueVisitorToken({ contactId: resolved.contactId, channelId: channel.id }, secret, clock);
  return { accountId: channel.account_id, channelId: channel.id, contactId: resolved.contactId, name: rows[0]?.name ?? name ?? standIn, visitorToken };
}

async function findWidgetChannel(db: Db, channelId: string | undefined): Promise<ChannelRow> {
  const rows = channelId
    ? await db.query<ChannelRow>("SELECT id, account_id FROM channels WHERE id = $1 AND kind = 'widget' AND enabled", [channelId])
    : await db.query<ChannelRow>("SELECT id, account_id FROM channels WHERE kind = 'widget' AND enabled ORDER BY created_at, id LIMIT 1");
  const channel = rows[0];
  if (!channel) throw new AppError('not_found', 'this chat is not available');
  return channel;
}
