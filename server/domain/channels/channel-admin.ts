import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ChannelKind } from '../../../shared/domain';
import { AppError, describeZodError } from '../../../shared/errors';
import {
  channelConfigSchemas, channelCreateSchema, channelIssueField, channelSecretSchemas, channelUpdateSchema, SECRET_RULE_TEXT, secretRuleOf,
  type ChannelView,
} from '../../../shared/channels';
import type { Db, Queryable } from '../../db/db';
import { auditChange } from '../audit/audit-change';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import {
  deleteChannelRow, findChannel, insertChannel, listChannels, sameJson, toChannelView, updateChannelRow, type ChannelRecord, type ChannelWrite,
} from './channel-repository';

/**
 * Parses or refuses with 400, naming the first problem's form field in `details.field` (the admin
 * screen marks it) and, for a secret that breaks its platform's rule, the rule in `details.rule`.
 */
function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, part: 'channel' | 'config' | 'secrets'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = channelIssueField(part, first?.path ?? []);
    const rule = part === 'secrets' ? secretRuleOf(first?.message) : null;
    if (rule) throw new AppError('bad_request', `${field}: ${SECRET_RULE_TEXT[rule]}`, { field, rule });
    throw new AppError('bad_request', `${part}: ${describeZodError(parsed.error)}`, { field });
  }
  return parsed.data;
}

/** A kind's config, checked and normalised (400 with the first problems when it is not valid). */
export function checkConfig(kind: ChannelKind, config: unknown): Record<string, unknown> {
  return parseOrRefuse(channelConfigSchemas[kind], config, 'config') as Record<string, unknown>;
}

/** A kind's secrets, checked: only known names, only strings. */
export function checkSecrets(kind: ChannelKind, secrets: unknown): Record<string, string> {
  const parsed = parseOrRefuse(channelSecretSchemas[kind], secrets, 'secrets') as Record<string, string | undefined>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
  return out;
}

const requireAdmin = (user: Viewer, what: string) => {
  if (user.role !== 'admin') throw new AppError('forbidden', `Only admins can ${what}.`);
};

/** The account's channels, for admins. */
export async function listChannelViews(db: Queryable, user: Viewer): Promise<ChannelView[]> {
  requireAdmin(user, 'manage channels');
  return (await listChannels(db, user.accountId)).map(toChannelView);
}

export async function getChannelView(db: Queryable, user: Viewer, id: string): Promise<ChannelView> {
  requireAdmin(user, 'manage channels');
  const channel = await findChannel(db, id);
  if (!channel || channel.accountId !== user.accountId) throw new AppError('not_found', 'no such channel');
  return toChannelView(channel);
}

/** Creates a channel (audited, secrets named but never their values). */
export async function createChannel(db: Db, user: Viewer, input: unknown): Promise<ChannelRecord> {
  requireAdmin(user, 'manage channels');
  const body = parseOrRefuse(channelCreateSchema, input, 'channel');
  const write: ChannelWrite = {
    id: body.id ?? randomUUID(),
    accountId: user.accountId,
    kind: body.kind,
    name: body.name,
    enabled: body.enabled,
    source: 'admin',
    config: checkConfig(body.kind, body.config),
    secrets: checkSecrets(body.kind, body.secrets),
  };
  return db.transaction(async (tx) => {
    if (await findChannel(tx, write.id)) throw new AppError('conflict', `a channel with id ${write.id} exists already`);
    await insertChannel(tx, write);
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'channel.create', targetType: 'channel', targetId: write.id,
      details: { kind: write.kind, name: write.name, enabled: write.enabled, secrets: Object.keys(write.secrets).sort() },
    });
    const stored = await findChannel(tx, write.id);
    if (!stored) throw new Error('channel vanished inside its transaction');
    return stored;
  });
}

/**
 * Changes a channel: name, enabled, config (replaced whole, checked against the kind) and secrets
 * (each named one set, or removed with null; unnamed ones stay). Audited with what changed.
 */
export async function updateChannel(db: Db, user: Viewer, id: string, input: unknown): Promise<ChannelRecord> {
  requireAdmin(user, 'manage channels');
  const body = parseOrRefuse(channelUpdateSchema, input, 'channel');
  return db.transaction(async (tx) => {
    const current = await findChannel(tx, id, { forUpdate: true });
    if (!current || current.accountId !== user.accountId) throw new AppError('not_found', 'no such channel');
    // Only what is set now is checked against the platform's rules: a stored secret stays usable.
    checkSecrets(current.kind, Object.fromEntries(Object.entries(body.secrets ?? {}).filter(([, value]) => value !== null)));
    const secrets = { ...current.secrets };
    const removed: string[] = [];
    const set: string[] = [];
    for (const [key, value] of Object.entries(body.secrets ?? {})) {
      if (value === null) {
        if (key in secrets) removed.push(key);
        delete secrets[key];
      } else {
        secrets[key] = value;
        set.push(key);
      }
    }
    const next: ChannelWrite = {
      ...current,
      name: body.name ?? current.name,
      enabled: body.enabled ?? current.enabled,
      config: body.config === undefined ? current.config : checkConfig(current.kind, body.config),
      secrets,
    };
    await updateChannelRow(tx, next);
    const changed = [
      ...(next.name !== current.name ? ['name'] : []),
      ...(next.enabled !== current.enabled ? ['enabled'] : []),
      ...(!sameJson(next.config, current.config) ? ['config'] : []),
    ];
    const action = current.enabled && !next.enabled ? 'channel.disable' : current.enabled === next.enabled ? 'channel.update' : 'channel.enable';
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action, targetType: 'channel', targetId: id,
      details: {
        name: next.name,
        changed,
        ...auditChange({ name: current.name, enabled: current.enabled, config: current.config }, { name: next.name, enabled: next.enabled, config: next.config }),
        secretsSet: set.sort(),
        secretsRemoved: removed.sort(),
      },
    });
    const stored = await findChannel(tx, id);
    if (!stored) throw new Error('channel vanished inside its transaction');
    return stored;
  });
}

/**
 * Deletes a channel no conversation ever came through (one set up by mistake); a channel with
 * conversations is refused with `conflict` (`details.reason` `has_conversations`): disable it
 * instead, so its conversations keep their channel. Audited with its kind and name.
 */
export async function deleteChannel(db: Db, user: Viewer, id: string): Promise<{ deleted: boolean }> {
  requireAdmin(user, 'manage channels');
  return db.transaction(async (tx) => {
    const current = await findChannel(tx, id, { forUpdate: true });
    if (!current || current.accountId !== user.accountId) throw new AppError('not_found', 'no such channel');
    const used = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM conversations WHERE channel_id = $1', [id]);
    const conversations = Number(used[0]?.n ?? 0);
    if (conversations > 0) {
      throw new AppError('conflict', `the channel has ${conversations} conversation(s): disable it instead`, {
        reason: 'has_conversations', conversations: String(conversations),
      });
    }
    await deleteChannelRow(tx, id);
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'channel.delete', targetType: 'channel', targetId: id,
      details: { kind: current.kind, name: current.name },
    });
    return { deleted: true };
  });
}
