import { AppError } from '../../../shared/errors';
import {
  ordersConnectorConfigSchema,
  type OrdersConnectorConfig,
  type OrdersConnectorSave,
  type OrdersConnectorView,
} from '../../../shared/orders';
import type { Db, Queryable } from '../../db/db';
import { auditChange } from '../audit/audit-change';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';
import { OrdersUnavailable } from './connector-types';

/** The account's REST connector, or null for the built-in store. A stored value that no longer reads is an error shown as such. */
export async function loadOrdersConnectorConfig(db: Queryable, accountId: string): Promise<OrdersConnectorConfig | null> {
  const [row] = await db.query<{ orders_connector: unknown }>('SELECT orders_connector FROM accounts WHERE id = $1', [accountId]);
  const stored = typeof row?.orders_connector === 'string' ? (JSON.parse(row.orders_connector) as unknown) : row?.orders_connector;
  if (stored === null || stored === undefined) return null;
  const parsed = ordersConnectorConfigSchema.safeParse(stored);
  if (!parsed.success) throw new OrdersUnavailable('failed', 'the orders connector settings are not valid; an admin should save them again');
  return parsed.data;
}

const viewOf = (config: OrdersConnectorConfig | null): OrdersConnectorView =>
  config
    ? { kind: 'rest', url: config.url, hasToken: true, timeoutMs: config.timeoutMs }
    : { kind: 'store', url: null, hasToken: false, timeoutMs: null };

/** Admins: how the account's orders are reached (the token is never shown). */
export async function getOrdersConnectorView(db: Queryable, admin: Viewer): Promise<OrdersConnectorView> {
  requireAdmin(admin, 'read the orders connector');
  return viewOf(await loadOrdersConnectorConfig(db, admin.accountId).catch(() => null));
}

/** Admins: switches the account to the shop's endpoint or back to the built-in store; audited (`settings.update`, no token). */
export async function saveOrdersConnector(db: Db, admin: Viewer, input: OrdersConnectorSave): Promise<OrdersConnectorView> {
  requireAdmin(admin, 'change the orders connector');
  const config = input.kind === 'store' ? null : ordersConnectorConfigSchema.parse(input);
  return db.transaction(async (tx) => {
    const was = viewOf(await loadOrdersConnectorConfig(tx, admin.accountId).catch(() => null));
    const updated = await tx.query('UPDATE accounts SET orders_connector = $2::jsonb WHERE id = $1 RETURNING id', [
      admin.accountId,
      config ? JSON.stringify(config) : null,
    ]);
    if (updated.length === 0) throw new AppError('not_found', 'this account no longer exists');
    await recordAudit(tx, {
      accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'orders_connector', targetId: admin.accountId,
      // The token is a secret: the entry says it was set, never what it is.
      details: {
        kind: config ? 'rest' : 'store', url: config?.url ?? null, timeoutMs: config?.timeoutMs ?? null,
        ...auditChange({ kind: was.kind, url: was.url, timeoutMs: was.timeoutMs }, { kind: config ? 'rest' : 'store', url: config?.url ?? null, timeoutMs: config?.timeoutMs ?? null }),
        secretsSet: config ? ['token'] : [],
      },
    });
    return viewOf(config);
  });
}
