import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
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
 * Who a widget visitor is: the contact behind a valid token, or a new contact with an identity
 * on the channel. Without a channel id, the first widget channel is used.
 */
export async function resolveVisitorSession(
  db: Db,
  secret: string,
  auth: { channelId?: string; visitorToken?: string; name?: string },
): Promise<VisitorSession> {
  const channel = await findWidgetChannel(db, auth.channelId);
  const claims = verifyVisitorToken(auth.visitorToken, secret);
  if (claims && claims.channelId === channel.id) {
    const rows = await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM contacts WHERE id = $1 AND account_id = $2',
      [claims.contactId, channel.account_id],
    );
    const contact = rows[0];
    if (contact) {
      return { accountId: channel.account_id, channelId: channel.id, contactId: contact.id, name: contact.name, visitorToken: auth.visitorToken! };
    }
  }
  const contactId = randomUUID();
  const name = auth.name || `Visitor ${randomInt(1000, 10000)}`;
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [contactId, channel.account_id, name]);
    await tx.query('INSERT INTO contact_identities (contact_id, channel_id, external_id) VALUES ($1, $2, $3)', [
      contactId,
      channel.id,
      randomUUID(),
    ]);
  });
  const visitorToken = issueVisitorToken({ contactId, channelId: channel.id }, secret);
  return { accountId: channel.account_id, channelId: channel.id, contactId, name, visitorToken };
}

async function findWidgetChannel(db: Db, channelId: string | undefined): Promise<ChannelRow> {
  const rows = channelId
    ? await db.query<ChannelRow>("SELECT id, account_id FROM channels WHERE id = $1 AND kind = 'widget'", [channelId])
    : await db.query<ChannelRow>("SELECT id, account_id FROM channels WHERE kind = 'widget' ORDER BY created_at, id LIMIT 1");
  const channel = rows[0];
  if (!channel) throw new AppError('not_found', 'this chat is not available');
  return channel;
}
