import type { ChannelKind } from '../../../shared/domain';
import type { Order, OrderSource, OrdersUnavailableReason } from '../../../shared/orders';

/** Who the orders are asked for: what a shop can recognise a customer by. Values are clear. */
export type OrdersContact = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  identities: { channelId: string; channelKind: ChannelKind; externalId: string }[];
};

/**
 * Where an account's orders come from: the built-in `orders` table, or the shop's own REST endpoint.
 * `list` answers the customer's orders in clear (addresses too: mask before they reach an agent)
 * or throws `OrdersUnavailable`.
 */
export interface OrdersConnector {
  readonly source: OrderSource;
  list(contact: OrdersContact): Promise<Order[]>;
}

/** The connector could not answer, and why (shown in the profile instead of the orders). */
export class OrdersUnavailable extends Error {
  constructor(
    readonly reason: OrdersUnavailableReason,
    readonly detail: string,
  ) {
    super(`orders unavailable (${reason}): ${detail}`);
    this.name = 'OrdersUnavailable';
  }
}
