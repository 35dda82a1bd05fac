import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { channelKindSchema } from '../../../shared/domain';
import { describeZodError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import { auditChange } from '../audit/audit-change';
import { recordAudit } from '../audit/audit-log';
import { checkConfig, checkSecrets } from './channel-admin';
import { findChannel, insertChannel, sameJson, updateChannelRow, type ChannelWrite } from './channel-repository';

/** A secret written in the file, or the name of an environment variable holding it (so the file can be committed). */
const secretValue = z.union([z.string().min(1), z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) })]);

export const channelsFileSchema = z.strictObject({
  /** The account the channels belong to; may be left out when the server has one account. */
  accountId: z.string().min(1).optional(),
  channels: z.array(
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)'),
      kind: channelKindSchema,
      name: z.string().trim().min(1).max(100),
      enabled: z.boolean().default(true),
      config: z.record(z.string(), z.unknown()).default({}),
      secrets: z.record(z.string(), secretValue).default({}),
    }),
  ),
});

export type ChannelsFileResult = { created: string[]; updated: string[]; unchanged: string[] };

/** A channels file that cannot be applied: the server does not start with half of it. */
export class ChannelsFileError extends Error {
  constructor(path: string, reason: string) {
    super(`channels file ${path}: ${reason}`);
    this.name = 'ChannelsFileError';
  }
}

/**
 * Applies the channels declared in a JSON file (SWITCHBOARD_CHANNELS_FILE) at start: new ones are
 * created, changed ones updated (a secret the file names replaces the stored one; secrets set
 * through the admin API and absent from the file stay), in one transaction, each change audited
 * without an actor. Channels created through the admin API are never touched.
 */
export async function applyChannelsFile(db: Db, path: string, env: NodeJS.ProcessEnv = process.env): Promise<ChannelsFileResult> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new ChannelsFileError(path, `cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ChannelsFileError(path, `is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = channelsFileSchema.safeParse(json);
  if (!parsed.success) throw new ChannelsFileError(path, describeZodError(parsed.error));
  const file = parsed.data;
  const ids = file.channels.map((c) => c.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new ChannelsFileError(path, `channel ids declared twice: ${[...new Set(twice)].join(', ')}`);

  const declared = file.channels.map((c) => {
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(c.secrets)) {
      const resolved = typeof value === 'string' ? value : env[value.env];
      if (!resolved) throw new ChannelsFileError(path, `${c.id}.secrets.${name}: environment variable ${typeof value === 'string' ? '' : value.env} is not set`);
      secrets[name] = resolved;
    }
    try {
      return { ...c, config: checkConfig(c.kind, c.config), secrets: checkSecrets(c.kind, secrets) };
    } catch (err) {
      throw new ChannelsFileError(path, `${c.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  return db.transaction(async (tx) => {
    const accounts = await tx.query<{ id: string }>('SELECT id FROM accounts ORDER BY id');
    const accountId = file.accountId ?? (accounts.length === 1 ? accounts[0]!.id : undefined);
    if (!accountId || !accounts.some((a) => a.id === accountId)) {
      throw new ChannelsFileError(path, accounts.length === 1 ? `no account ${file.accountId}` : 'say which account with "accountId"');
    }
    const result: ChannelsFileResult = { created: [], updated: [], unchanged: [] };
    for (const c of declared) {
      const current = await findChannel(tx, c.id, { forUpdate: true });
      if (current && current.accountId !== accountId) throw new ChannelsFileError(path, `${c.id} belongs to another account`);
      if (current && current.kind !== c.kind) throw new ChannelsFileError(path, `${c.id} is a ${current.kind} channel, not ${c.kind}`);
      if (current && current.source !== 'file') throw new ChannelsFileError(path, `${c.id} was created by an admin; give the file's channel another id`);
      const next: ChannelWrite = {
        id: c.id, accountId, kind: c.kind, name: c.name, enabled: c.enabled, source: 'file', config: c.config,
        secrets: { ...(current?.secrets ?? {}), ...c.secrets },
      };
      if (!current) {
        await insertChannel(tx, next);
        await recordAudit(tx, {
          accountId, actorId: null, action: 'channel.create', targetType: 'channel', targetId: c.id,
          details: { kind: c.kind, name: c.name, source: 'file', secrets: Object.keys(next.secrets).sort() },
        });
        result.created.push(c.id);
        continue;
      }
      const same = current.name === next.name && current.enabled === next.enabled
        && sameJson(current.config, next.config) && sameJson(current.secrets, next.secrets);
      if (same) {
        result.unchanged.push(c.id);
        continue;
      }
      await updateChannelRow(tx, next);
      await recordAudit(tx, {
        accountId, actorId: null, action: 'channel.update', targetType: 'channel', targetId: c.id,
        details: {
          source: 'file',
          ...auditChange({ name: current.name, enabled: current.enabled, config: current.config }, { name: next.name, enabled: next.enabled, config: next.config }),
          secretsSet: Object.keys(c.secrets).filter((k) => current.secrets[k] !== c.secrets[k]).sort(),
        },
      });
      result.updated.push(c.id);
    }
    return result;
  });
}
