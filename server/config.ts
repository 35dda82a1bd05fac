import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SERVER_PORT } from '../shared/defaults';
import { parseTrustProxy, type TrustProxySetting } from './http/client-address';
import type { AttachmentOptions } from './domain/attachments/attachment-options';
import { chooseClusterSetting, clusterEnvSchema, type ClusterSetting } from './nodes/cluster-setting';

export const DEFAULT_PORT = DEFAULT_SERVER_PORT;

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** SWITCHBOARD_CHANNELS_FILE: channels declared in a JSON file, applied at start. */
  channelsFile?: string;
  /** SWITCHBOARD_SMTP_PORT (and SWITCHBOARD_SMTP_HOST): the SMTP listener for email channels. */
  smtp?: { port: number; host: string };
  /** SWITCHBOARD_NEW_VISITORS_PER_MINUTE: new widget visitors accepted per address each minute. */
  newVisitorsPerMinute?: number;
  /** SWITCHBOARD_TRUST_PROXY: the reverse proxies allowed to say who the client is. */
  trustProxy?: TrustProxySetting;
  /** SWITCHBOARD_PUBLIC_URL: the server's address as customers reach it (satisfaction survey links in WeChat and email). */
  publicUrl?: string;
  /** SWITCHBOARD_FILE_* and SWITCHBOARD_S3_*: where customers' files are kept and how large they may be. */
  attachments?: Pick<AttachmentOptions, 's3' | 'limits'>;
  /** REDIS_URL, SWITCHBOARD_CLUSTER, SWITCHBOARD_NODES: how this node reaches the other nodes' sockets. */
  cluster: ClusterSetting;
  /** SWITCHBOARD_DRAIN_MS: how long a node answers "not ready" on SIGTERM before it lets sockets go. */
  drainMs: number;
  /** SWITCHBOARD_NODE_LEASE_MS: how long a node counts as alive after its last heartbeat. */
  nodeLeaseMs?: number;
};

const MIB = 1024 * 1024;
const megabytes = (name: string) =>
  z.string().trim().regex(/^\d{1,9}$/, `${name} must be a whole number of megabytes (MiB)`).transform(Number)
    .refine((n) => n > 0, `${name} must be above 0`).optional();

/** The variables of customers' file storage (README, Server settings); unset ones take their defaults. */
const attachmentEnvSchema = z.object({
  SWITCHBOARD_FILE_MAX_MB: megabytes('SWITCHBOARD_FILE_MAX_MB'),
  SWITCHBOARD_FILE_QUOTA_MB: megabytes('SWITCHBOARD_FILE_QUOTA_MB'),
  SWITCHBOARD_S3_ENDPOINT: z.string().trim().regex(/^https?:\/\/[^\s/]+\/?$/, 'SWITCHBOARD_S3_ENDPOINT must be http(s)://host[:port] without a path').optional(),
  SWITCHBOARD_S3_BUCKET: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'SWITCHBOARD_S3_BUCKET must be an S3 bucket name').optional(),
  SWITCHBOARD_S3_REGION: z.string().trim().min(1).optional(),
  SWITCHBOARD_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  SWITCHBOARD_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  SWITCHBOARD_S3_PREFIX: z.string().trim().max(200).optional(),
});

/** Customers' file storage from the environment: a bucket needs its endpoint, name and both keys. */
function attachmentsFromEnv(env: NodeJS.ProcessEnv): ServerConfig['attachments'] {
  const set = Object.fromEntries(Object.keys(attachmentEnvSchema.shape).map((k) => [k, env[k]?.trim() ? env[k] : undefined]));
  const parsed = attachmentEnvSchema.safeParse(set);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  const limits = {
    ...(e.SWITCHBOARD_FILE_MAX_MB !== undefined ? { maxFileBytes: e.SWITCHBOARD_FILE_MAX_MB * MIB } : {}),
    ...(e.SWITCHBOARD_FILE_QUOTA_MB !== undefined ? { accountQuotaBytes: e.SWITCHBOARD_FILE_QUOTA_MB * MIB } : {}),
  };
  const s3Named = [e.SWITCHBOARD_S3_ENDPOINT, e.SWITCHBOARD_S3_BUCKET, e.SWITCHBOARD_S3_ACCESS_KEY_ID, e.SWITCHBOARD_S3_SECRET_ACCESS_KEY];
  if (s3Named.some((v) => v !== undefined) && s3Named.some((v) => v === undefined)) {
    throw new Error('S3 file storage needs SWITCHBOARD_S3_ENDPOINT, SWITCHBOARD_S3_BUCKET, SWITCHBOARD_S3_ACCESS_KEY_ID and SWITCHBOARD_S3_SECRET_ACCESS_KEY together');
  }
  const s3 = e.SWITCHBOARD_S3_ENDPOINT && e.SWITCHBOARD_S3_BUCKET && e.SWITCHBOARD_S3_ACCESS_KEY_ID && e.SWITCHBOARD_S3_SECRET_ACCESS_KEY
    ? {
      endpoint: e.SWITCHBOARD_S3_ENDPOINT, bucket: e.SWITCHBOARD_S3_BUCKET, region: e.SWITCHBOARD_S3_REGION ?? 'us-east-1',
      accessKeyId: e.SWITCHBOARD_S3_ACCESS_KEY_ID, secretAccessKey: e.SWITCHBOARD_S3_SECRET_ACCESS_KEY, ...(e.SWITCHBOARD_S3_PREFIX ? { prefix: e.SWITCHBOARD_S3_PREFIX } : {}),
    }
    : undefined;
  if (!s3 && Object.keys(limits).length === 0) return undefined;
  return { ...(s3 ? { s3 } : {}), ...(Object.keys(limits).length > 0 ? { limits } : {}) };
}

/** The node settings (all optional), read with zod. */
const nodeEnvSchema = clusterEnvSchema.extend({
  SWITCHBOARD_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).optional().or(z.literal('').transform(() => undefined)),
  SWITCHBOARD_NODE_LEASE_MS: z.coerce.number().int().min(300).max(600_000).optional().or(z.literal('').transform(() => undefined)),
});

/**
 * How long a draining node of several keeps answering 503 on /healthz/ready before it lets its
 * clients go, unless told. A lone node has nobody to hand them to, so it does not wait.
 */
export const DEFAULT_DRAIN_MS = 5_000;

/** Reads the server's settings from the environment; throws on a malformed value. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const smtpPort = env.SWITCHBOARD_SMTP_PORT?.trim() ? Number(env.SWITCHBOARD_SMTP_PORT) : undefined;
  if (smtpPort !== undefined && (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535)) {
    throw new Error(`SWITCHBOARD_SMTP_PORT must be a port number, got "${env.SWITCHBOARD_SMTP_PORT}"`);
  }
  const channelsFile = env.SWITCHBOARD_CHANNELS_FILE?.trim();
  const newVisitors = env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE?.trim() ? Number(env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE) : undefined;
  if (newVisitors !== undefined && (!Number.isInteger(newVisitors) || newVisitors < 1)) {
    throw new Error(`SWITCHBOARD_NEW_VISITORS_PER_MINUTE must be a whole number above 0, got "${env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE}"`);
  }
  const trustProxy = parseTrustProxy(env.SWITCHBOARD_TRUST_PROXY);
  const publicUrl = env.SWITCHBOARD_PUBLIC_URL?.trim() || undefined;
  if (publicUrl && !/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new Error(`SWITCHBOARD_PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  const attachments = attachmentsFromEnv(env);
  const parsed = nodeEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  const nodes = parsed.data;
  const cluster = chooseClusterSetting(nodes, databaseUrl);
  return {
    port,
    host,
    dataDir: path.resolve(env.SWITCHBOARD_DATA_DIR?.trim() || path.join(os.homedir(), '.switchboard', 'server-data')),
    databaseUrl,
    ...(channelsFile ? { channelsFile: path.resolve(channelsFile) } : {}),
    ...(smtpPort !== undefined ? { smtp: { port: smtpPort, host: env.SWITCHBOARD_SMTP_HOST?.trim() || host } } : {}),
    ...(newVisitors !== undefined ? { newVisitorsPerMinute: newVisitors } : {}),
    ...(trustProxy ? { trustProxy } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(attachments ? { attachments } : {}),
    cluster,
    drainMs: nodes.SWITCHBOARD_DRAIN_MS ?? (cluster.kind === 'single' ? 0 : DEFAULT_DRAIN_MS),
    ...(nodes.SWITCHBOARD_NODE_LEASE_MS !== undefined ? { nodeLeaseMs: nodes.SWITCHBOARD_NODE_LEASE_MS } : {}),
  };
}
