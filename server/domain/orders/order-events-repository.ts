import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { contactsMatching } from '../contacts/contact-identities';
import { emailKey, phoneKey } from '../contacts/contact-keys';
import { canonicalContactId } from '../contacts/contact-repository';

/**
 * The order-status events table (migration 0011), the account's order-events secret, and the two
 * reads and one write of the built-in `orders` table a status change needs. (The orders
 * connector's StoreOrdersConnector lists a customer's orders; it has no single-order read or a
 * status write, so those few lines live here.)
 */

export type OrderEventSource = 'store' | 'rest';
export type OrderEventOutcome = 'replied' | 'no_rule' | 'no_contact' | 'no_conversation' | 'window_closed';

export type NewOrderEvent = {
  accountId: string;
  source: OrderEventSource;
  /** The sender's id for the event (a generated one when it sent none). */
  externalId: string;
  orderId: string | null;
  orderNumber: string | null;
  status: string;
  previousStatus: string | null;
  contactId: string | null;
  actorId: string | null;
  occurredAt: string | null;
};

export type StoredOrderEvent = { id: string; outcome: OrderEventOutcome; conversationId: string | null; messageId: string | null };

/**
 * Stores an event once per sender's event id: its new id, or null when the same event was stored
 * before (a concurrent duplicate waits for the first one's transaction, then gets null).
 */
export async function claimOrderEvent(tx: Queryable, e: NewOrderEvent): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO order_events (id, account_id, source, external_id, order_id, order_number, status, previous_status, contact_id, actor_id,
       outcome, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'no_rule', $11)
     ON CONFLICT (account_id, source, external_id) DO NOTHING RETURNING id`,
    [randomUUID(), e.accountId, e.source, e.externalId, e.orderId, e.orderNumber, e.status, e.previousStatus, e.contactId, e.actorId,
      e.occurredAt],
  );
  return rows[0]?.id ?? null;
}

/** What became of an event stored before (for answering a redelivery). */
export async function findOrderEvent(db: Queryable, accountId: string, source: OrderEventSource, externalId: string): Promise<StoredOrderEvent | null> {
  const rows = await db.query<{ id: string; outcome: OrderEventOutcome; conversation_id: string | null; message_id: string | null }>(
    'SELECT id, outcome, conversation_id, message_id FROM order_events WHERE account_id = $1 AND source = $2 AND external_id = $3',
    [accountId, source, externalId],
  );
  const row = rows[0];
  return row ? { id: row.id, outcome: row.outcome, conversationId: row.conversation_id, messageId: row.message_id } : null;
}

/** Records what the bot did about an event (in the transaction that stored it). */
export async function settleOrderEvent(
  tx: Queryable,
  id: string,
  s: { outcome: OrderEventOutcome; contactId: string | null; ruleId: string | null; conversationId: string | null; messageId: string | null },
): Promise<void> {
  await tx.query(
    'UPDATE order_events SET outcome = $2, contact_id = $3, rule_id = $4, conversation_id = $5, message_id = $6 WHERE id = $1',
    [id, s.outcome, s.contactId, s.ruleId, s.conversationId, s.messageId],
  );
}

/** The key signed order requests of an account are checked with; null when none was made. */
export async function orderEventsSecret(db: Queryable, accountId: string): Promise<string | null> {
  const rows = await db.query<{ order_events_secret: string | null }>('SELECT order_events_secret FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.order_events_secret ?? null;
}

export async function setOrderEventsSecret(tx: Queryable, accountId: string, secret: string): Promise<void> {
  await tx.query('UPDATE accounts SET order_events_secret = $2 WHERE id = $1', [accountId, secret]);
}

export type StoreOrder = { id: string; number: string; status: string; contactId: string };

/** One order of the built-in store, row-locked for the rest of the transaction; null when the account has no such order. */
export async function lockStoreOrder(tx: Queryable, accountId: string, orderId: string): Promise<StoreOrder | null> {
  const rows = await tx.query<{ id: string; number: string; status: string; contact_id: string }>(
    'SELECT id, number, status, contact_id FROM orders WHERE account_id = $1 AND id = $2 FOR UPDATE',
    [accountId, orderId],
  );
  const row = rows[0];
  return row ? { id: row.id, number: row.number, status: row.status, contactId: row.contact_id } : null;
}

export async function setStoreOrderStatus(tx: Queryable, orderId: string, status: string): Promise<void> {
  await tx.query('UPDATE orders SET status = $2 WHERE id = $1', [orderId, status]);
}

/**
 * The contact a shop's event is about, after merges: by the shop's id for them on one of the
 * account's channels first (the API channel's `contact.id`, a WhatsApp number, …), then by phone,
 * then by email, compared as contacts are matched across channels; null when none matches.
 */
export async function findEventContact(
  db: Queryable,
  accountId: string,
  who: { externalId?: string; phone?: string; email?: string },
): Promise<string | null> {
  if (who.externalId) {
    // The shop's own app (the API channel) first: that is whose ids the shop knows.
    const rows = await db.query<{ contact_id: string }>(
      `SELECT i.contact_id FROM contact_identities i JOIN channels ch ON ch.id = i.channel_id
       WHERE ch.account_id = $1 AND i.external_id = $2 ORDER BY (ch.kind = 'api') DESC, i.created_at LIMIT 1`,
      [accountId, who.externalId],
    );
    if (rows[0]) return canonicalContactId(db, rows[0].contact_id);
  }
  for (const [phone, email] of [[phoneKey(who.phone), null], [null, emailKey(who.email)]] as const) {
    if (!phone && !email) continue;
    const [first] = await contactsMatching(db, accountId, phone, email);
    if (first) return first.id;
  }
  return null;
}
