import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/db';
import { migrations } from '../db/migrations';

export type HealthDeps = {
  db: Queryable;
  /** Whether the link to the other nodes' sockets works (always true on one node). */
  adapterConnected(): Promise<boolean>;
  /** True from SIGTERM on: a load balancer stops sending new clients here. */
  draining(): boolean;
};

/** Why a node is not ready, as /healthz/ready answers it. */
type NotReady = 'draining' | 'database_unreachable' | 'migrations_pending' | 'adapter_disconnected';

const LATEST_MIGRATION = Math.max(...migrations.map((m) => m.version));

/**
 * `/healthz` and `/healthz/live`: the process answers. `/healthz/ready`: this node should get
 * traffic: its database answers with every migration applied, its socket adapter is connected and
 * it is not draining; 503 with the reason otherwise.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/healthz/live', async () => ({ ok: true }));
  app.get('/healthz/ready', async (_request, reply) => {
    const reason = await notReadyReason(deps);
    if (reason) return reply.status(503).send({ ok: false, reason });
    return { ok: true };
  });
}

async function notReadyReason(deps: HealthDeps): Promise<NotReady | null> {
  if (deps.draining()) return 'draining';
  let latest: number;
  try {
    const rows = await deps.db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    latest = Number(rows[0]?.v ?? 0);
  } catch {
    return 'database_unreachable';
  }
  if (latest < LATEST_MIGRATION) return 'migrations_pending';
  if (!(await deps.adapterConnected().catch(() => false))) return 'adapter_disconnected';
  return deps.draining() ? 'draining' : null;
}
