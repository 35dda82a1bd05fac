import { z } from 'zod';

/**
 * How server nodes share sockets: one node alone (socket.io's in-memory adapter, the only choice
 * on PGlite), Redis streams (REDIS_URL), or PostgreSQL's LISTEN/NOTIFY when there is no Redis.
 */
export type ClusterSetting =
  | { kind: 'single' }
  /** `stream`: the Redis stream (and channel prefix) these nodes share, so several deployments can share one Redis. */
  | { kind: 'redis'; url: string; stream?: string }
  | { kind: 'postgres' };

/** The environment variables that choose the cluster setting, as zod reads them. */
export const clusterEnvSchema = z.object({
  REDIS_URL: z.string().trim().regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must start with redis:// or rediss://').optional().or(z.literal('').transform(() => undefined)),
  SWITCHBOARD_CLUSTER: z.enum(['single', 'postgres', 'redis']).optional().or(z.literal('').transform(() => undefined)),
  SWITCHBOARD_REDIS_STREAM: z.string().trim().regex(/^[\w:.-]{1,100}$/, 'SWITCHBOARD_REDIS_STREAM must be letters, digits and _ : . -').optional().or(z.literal('').transform(() => undefined)),
  SWITCHBOARD_NODES: z.coerce.number().int().min(1, 'SWITCHBOARD_NODES must be 1 or more').optional().or(z.literal('').transform(() => undefined)),
});

/**
 * REDIS_URL wins; without it, PostgreSQL with SWITCHBOARD_CLUSTER=postgres or more than one node
 * (SWITCHBOARD_NODES) uses the PostgreSQL adapter; otherwise one node. Several nodes on PGlite are
 * refused: its data folder belongs to one process.
 */
export function chooseClusterSetting(env: z.infer<typeof clusterEnvSchema>, databaseUrl: string | undefined): ClusterSetting {
  const several = env.REDIS_URL !== undefined || env.SWITCHBOARD_CLUSTER === 'postgres' || env.SWITCHBOARD_CLUSTER === 'redis' || (env.SWITCHBOARD_NODES ?? 1) > 1;
  if (several && !databaseUrl) throw new Error('several server nodes need PostgreSQL (DATABASE_URL); PGlite serves one node only');
  if (env.SWITCHBOARD_CLUSTER === 'single') {
    if (env.REDIS_URL || (env.SWITCHBOARD_NODES ?? 1) > 1) throw new Error('SWITCHBOARD_CLUSTER=single contradicts REDIS_URL or SWITCHBOARD_NODES above 1');
    return { kind: 'single' };
  }
  if (env.REDIS_URL) return { kind: 'redis', url: env.REDIS_URL, ...(env.SWITCHBOARD_REDIS_STREAM ? { stream: env.SWITCHBOARD_REDIS_STREAM } : {}) };
  if (env.SWITCHBOARD_CLUSTER === 'redis') throw new Error('SWITCHBOARD_CLUSTER=redis needs REDIS_URL');
  if (several) return { kind: 'postgres' };
  return { kind: 'single' };
}
