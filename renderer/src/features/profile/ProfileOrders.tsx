import type { Order, OrdersSection, Spend } from '../../../../shared/orders';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { addressLine, formatMoney, orderStatusKey } from './profile-logic';
import type { RevealContext } from './reveal-context';
import { UnmaskButton } from './UnmaskButton';

type Props = { orders: OrdersSection; lifetimeSpend: readonly Spend[] | null; context: RevealContext };

/** Lifetime spend and the orders (status, items, where they went), or why the shop's orders are unavailable. */
export function ProfileOrders({ orders, lifetimeSpend, context }: Props) {
  const t = useT();
  const language = useLanguage();
  const hasAddress = orders.status === 'ok' && orders.orders.some((o) => o.shippingAddress);
  return (
    <section className="profile-section" aria-labelledby="profile-orders-title" data-testid="profile-orders">
      <h3 className="profile-section-title" id="profile-orders-title">
        {t('profile.orders')}
      </h3>
      {hasAddress && context.masked && !context.revealed.has('address') ? (
        <p className="profile-muted">
          {t('profile.addressesMasked')}
          <UnmaskButton field="address" context={context} />
        </p>
      ) : null}
      {orders.status === 'unavailable' ? (
        <p className="profile-problem" role="status" data-testid="profile-orders-unavailable" title={orders.detail}>
          {t('profile.ordersUnavailable', { reason: t(`profile.ordersReason.${orders.reason}`) })}
        </p>
      ) : (
        <>
          <p className="profile-spend" data-testid="profile-spend">
            <span className="profile-muted">{t('profile.lifetimeSpend')}</span>{' '}
            {lifetimeSpend && lifetimeSpend.length > 0
              ? lifetimeSpend.map((s) => formatMoney(s.totalCents, s.currency, language)).join(' · ')
              : t('profile.spendNone')}
          </p>
          {orders.orders.length === 0 ? (
            <p className="profile-muted">{t('profile.ordersNone')}</p>
          ) : (
            <ul className="profile-list">
              {orders.orders.map((order) => (
                <OrderRow key={order.id} order={order} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function OrderRow({ order }: { order: Order }) {
  const t = useT();
  const language = useLanguage();
  const statusKey = orderStatusKey(order.status);
  return (
    <li className="profile-order" data-testid={`profile-order-${order.number}`}>
      <div className="profile-order-head">
        <span className="profile-order-number">{order.number}</span>
        <span className="profile-order-status" data-status={order.status}>
          {statusKey ? t(statusKey) : order.status}
        </span>
      </div>
      <div className="profile-order-meta">
        <time dateTime={order.createdAt}>{formatFull(order.createdAt, language)}</time>
        <span>{formatMoney(order.totalCents, order.currency, language)}</span>
      </div>
      {order.items.length > 0 ? (
        <ul className="profile-order-items" aria-label={t('profile.orderItems', { number: order.number })}>
          {order.items.map((item, i) => (
            <li key={`${item.name}-${i}`}>
              {t('profile.orderItem', { name: item.name, quantity: item.quantity, price: formatMoney(item.unitPriceCents, order.currency, language) })}
            </li>
          ))}
        </ul>
      ) : null}
      {order.shippingAddress ? (
        <p className="profile-order-address">
          <span className="profile-muted">{t('profile.shipTo')}</span>{' '}
          <span className="profile-value">
            {order.shippingAddress.recipient}
            {order.shippingAddress.phone ? ` · ${order.shippingAddress.phone}` : ''} · {addressLine(order.shippingAddress)}
          </span>
        </p>
      ) : null}
    </li>
  );
}
