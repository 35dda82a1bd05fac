import type { ChannelKind } from '../../../shared/domain';
import { webhookEndpoints, type ChannelView } from '../../../shared/channels';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';

/** A channel with its secrets, for the server's own use. Never sent to a client as it is. */
export type ChannelRecord = {
  id: string;
  accountId: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  source: 'admin' | 'file';
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  createdAt: string;
  updatedAt: string;
};

type ChannelRow = {
  id: string;
  account_id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  source: 'admin' | 'file';
  config: unknown;
  secrets: unknown;
  created_at: Date | string;
  updated_at: Date | string;
};

const COLUMNS = 'id, account_id, kind, name, enabled, source, config, secrets, created_at, updated_at';

function asObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function toRecord(row: ChannelRow): ChannelRecord {
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(asObject(row.secrets))) if (typeof value === 'string') secrets[key] = value;
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled === true,
    source: row.source,
    config: asObject(row.config),
    secrets,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** A channel as admins see it: the secrets' names, never their values. */
export function toChannelView(channel: ChannelRecord): ChannelView {
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    enabled: channel.enabled,
    source: channel.source,
    config: channel.config,
    secretsSet: Object.keys(channel.secrets).sort(),
    webhooks: webhookEndpoints(channel.kind, channel.id),
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}

export async function findChannel(db: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<ChannelRecord | null> {
  const rows = await db.query<ChannelRow>(`SELECT ${COLUMNS} FROM channels WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listChannels(db: Queryable, accountId: string): Promise<ChannelRecord[]> {
  const rows = await db.query<ChannelRow>(`SELECT ${COLUMNS} FROM channels WHERE account_id = $1 ORDER BY created_at, id`, [accountId]);
  return rows.map(toRecord);
}

/** Enabled email channels of every account (the SMTP listener routes mail by their address). */
export async function listEnabledChannelsOfKind(db: Queryable, kind: ChannelKind): Promise<ChannelRecord[]> {
  const rows = await db.query<ChannelRow>(`SELECT ${COLUMNS} FROM channels WHERE kind = $1 AND enabled ORDER BY created_at, id`, [kind]);
  return rows.map(toRecord);
}

/** What a write stores: the record without the timestamps the database keeps. */
export type ChannelWrite = Omit<ChannelRecord, 'createdAt' | 'updatedAt'>;

export async function insertChannel(tx: Queryable, c: ChannelWrite): Promise<void> {
  await tx.query(
    `INSERT INTO channels (id, account_id, kind, name, enabled, source, config, secrets)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [c.id, c.accountId, c.kind, c.name, c.enabled, c.source, JSON.stringify(c.config), JSON.stringify(c.secrets)],
  );
}

export async function updateChannelRow(tx: Queryable, c: ChannelWrite): Promise<void> {
  await tx.query(
    `UPDATE channels SET name = $2, enabled = $3, source = $4, config = $5::jsonb, secrets = $6::jsonb, updated_at = now()
     WHERE id = $1`,
    [c.id, c.name, c.enabled, c.source, JSON.stringify(c.config), JSON.stringify(c.secrets)],
  );
}

/** Removes a channel and the customer addresses on it (its conversations must be gone: they keep their channel). */
export async function deleteChannelRow(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM contact_identities WHERE channel_id = $1', [id]);
  await tx.query('DELETE FROM channels WHERE id = $1', [id]);
}

/** JSON with object keys sorted: the database's jsonb keeps its own key order, so compare in this form. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether two JSON values are the same whatever their key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}
