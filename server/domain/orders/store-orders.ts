import { orderSchema, shippingAddressSchema, type Order, type OrderItem } from '../../../shared/orders';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';
import type { OrdersConnector, OrdersContact } from './connector-types';

type OrderRow = {
  id: string;
  number: string;
  status: string;
  total_cents: number;
  currency: string;
  created_at: Date | string;
  shipping_address: unknown;
};
type ItemRow = { order_id: string; name: string; quantity: number; unit_price_cents: number };

/** The built-in store: the account's `orders` table with `order_items`, for shops that sync orders into Switchboard. */
export class StoreOrdersConnector implements OrdersConnector {
  readonly source = 'store' as const;

  constructor(
    private readonly db: Queryable,
    private readonly accountId: string,
  ) {}

  async list(contact: OrdersContact): Promise<Order[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT id, number, status, total_cents, currency, created_at, shipping_address FROM orders
       WHERE account_id = $1 AND contact_id = $2 ORDER BY created_at DESC, number DESC`,
      [this.accountId, contact.id],
    );
    if (rows.length === 0) return [];
    const items = await this.db.query<ItemRow>(
      'SELECT order_id, name, quantity, unit_price_cents FROM order_items WHERE order_id = ANY($1::text[]) ORDER BY order_id, position',
      [rows.map((r) => r.id)],
    );
    const byOrder = new Map<string, OrderItem[]>();
    for (const item of items) {
      const list = byOrder.get(item.order_id) ?? [];
      list.push({ name: item.name, quantity: Number(item.quantity), unitPriceCents: Number(item.unit_price_cents) });
      byOrder.set(item.order_id, list);
    }
    return rows.map((r) => {
      const stored = typeof r.shipping_address === 'string' ? (JSON.parse(r.shipping_address) as unknown) : r.shipping_address;
      const address = stored === null ? null : shippingAddressSchema.safeParse(stored);
      return orderSchema.parse({
        id: r.id,
        number: r.number,
        status: r.status,
        totalCents: Number(r.total_cents),
        currency: r.currency,
        createdAt: toIso(r.created_at),
        items: byOrder.get(r.id) ?? [],
        shippingAddress: address?.success ? address.data : null,
      });
    });
  }
}
