import type { ChannelKind } from '../../../shared/domain';
import { newestFirst, type OrderSource, type OrdersSection } from '../../../shared/orders';
import type { Queryable } from '../../db/db';
import { canonicalContactId } from '../contacts/contact-repository';
import { OrdersUnavailable, type OrdersConnector, type OrdersContact } from './connector-types';
import { loadOrdersConnectorConfig } from './orders-settings';
import { RestOrdersConnector } from './rest-orders';
import { StoreOrdersConnector } from './store-orders';

export { OrdersUnavailable, type OrdersConnector, type OrdersContact } from './connector-types';

export type OrdersOptions = {
  /** For tests and the bot: the HTTP client the REST connector uses. */
  fetch?: typeof fetch;
};

/** The account's connector: the REST one when an admin configured it, the built-in store otherwise. */
export async function getOrdersConnector(db: Queryable, accountId: string, options: OrdersOptions = {}): Promise<OrdersConnector> {
  const config = await loadOrdersConnectorConfig(db, accountId);
  return config ? new RestOrdersConnector(config, options.fetch) : new StoreOrdersConnector(db, accountId);
}

/** What a shop can recognise the contact by (after merges: the contact that stayed); null for an unknown id. */
export async function loadOrdersContact(db: Queryable, accountId: string, contactId: string): Promise<OrdersContact | null> {
  const id = await canonicalContactId(db, contactId);
  const [contact] = await db.query<{ id: string; name: string; phone: string | null; email: string | null }>(
    'SELECT id, name, phone, email FROM contacts WHERE id = $1 AND account_id = $2',
    [id, accountId],
  );
  if (!contact) return null;
  const identities = await db.query<{ channel_id: string; kind: ChannelKind; external_id: string }>(
    `SELECT i.channel_id, ch.kind, i.external_id FROM contact_identities i JOIN channels ch ON ch.id = i.channel_id
     WHERE i.contact_id = $1 ORDER BY i.created_at, ch.kind, i.external_id`,
    [id],
  );
  return {
    ...contact,
    identities: identities.map((i) => ({ channelId: i.channel_id, channelKind: i.kind, externalId: i.external_id })),
  };
}

/**
 * A customer's orders, newest first, from the account's connector (a contact or its id). Never
 * throws for a connector that fails: the answer says `unavailable` with the reason, so a profile
 * or a bot reply can go on without them. Values are clear: mask them before they reach an agent.
 */
export async function ordersFor(
  db: Queryable,
  accountId: string,
  contact: OrdersContact | string,
  options: OrdersOptions = {},
): Promise<OrdersSection> {
  let source: OrderSource = 'store';
  try {
    const connector = await getOrdersConnector(db, accountId, options);
    source = connector.source;
    const who = typeof contact === 'string' ? await loadOrdersContact(db, accountId, contact) : contact;
    if (!who) return { status: 'ok', source, orders: [] };
    return { status: 'ok', source, orders: newestFirst(await connector.list(who)) };
  } catch (err) {
    if (err instanceof OrdersUnavailable) return { status: 'unavailable', source, reason: err.reason, detail: err.detail };
    return { status: 'unavailable', source, reason: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}
