import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import type { ErrorLogger } from '../lib/error-logger';
import { systemTimers, type TimerHandle, type Timers } from '../lib/timers';

/** How long a node counts as alive after its last heartbeat, unless told otherwise. */
export const DEFAULT_NODE_LEASE_MS = 15_000;

/** One workstation socket as the cluster knows it. */
export type AgentSocketRow = { socketId: string; userId: string; accountId: string };

/** A user who lost sockets because a node went away; routing decides whether they are gone. */
export type LostAgent = { userId: string; accountId: string };

export type NodeLeaseOptions = {
  db: Db;
  clock: Clock;
  timers?: Timers;
  logError: ErrorLogger;
  /** How long the lease lasts; the heartbeat renews it three times within that. */
  leaseMs?: number;
  /** This node's sockets now: written again when the lease had been taken away (a frozen node woke). */
  localSockets(): AgentSocketRow[];
  /**
   * This node is the only one (PGlite, or one node without a socket adapter): rows of any other
   * node are a previous run's, removed at once instead of after their lease.
   */
  alone?: boolean;
  /** Agents whose sockets were on a dead node (or on this one as it drains). */
  onAgentsLost(agents: LostAgent[]): Promise<void>;
};

/**
 * This node's row in `server_nodes`, renewed by a heartbeat, and the record of its workstation
 * sockets in `agent_sockets`. Any node's heartbeat also removes nodes whose lease ran out, with
 * their sockets, and hands their agents to routing: a killed node's agents count as connected until
 * its lease expires, never because another node cannot see their sockets.
 */
export class NodeLease {
  readonly id = randomUUID();
  readonly leaseMs: number;
  private readonly timers: Timers;
  private heartbeat: TimerHandle | null = null;
  private beating: Promise<void> | null = null;
  private released = false;

  constructor(private readonly options: NodeLeaseOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_NODE_LEASE_MS;
    this.timers = options.timers ?? systemTimers;
  }

  /** Writes this node's row; call before any socket is accepted (and before routing counts sockets). */
  async register(): Promise<void> {
    const now = this.options.clock();
    if (this.options.alone) await this.options.db.query('DELETE FROM server_nodes WHERE id <> $1', [this.id]);
    await this.options.db.query(
      `INSERT INTO server_nodes (id, started_at, lease_expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET lease_expires_at = EXCLUDED.lease_expires_at, draining = false`,
      [this.id, new Date(now), new Date(now + this.leaseMs)],
    );
  }

  /** Starts the heartbeat (renew, then reap dead nodes); unref'd like every server timer. */
  start(): void {
    if (this.heartbeat || this.released) return;
    this.heartbeat = this.timers.interval(Math.max(50, Math.floor(this.leaseMs / 3)), () => void this.beat());
  }

  /** One heartbeat: renews this node's lease and removes nodes whose lease ran out. */
  beat(): Promise<void> {
    this.beating ??= (async () => {
      try {
        await this.renew();
        await this.reapExpired();
      } catch (err) {
        if (!this.released) this.options.logError(err, 'node heartbeat');
      } finally {
        this.beating = null;
      }
    })();
    return this.beating;
  }

  /** Records a workstation socket of this node. */
  async addSocket(row: AgentSocketRow): Promise<void> {
    if (this.released) return;
    await this.options.db.query(
      `INSERT INTO agent_sockets (socket_id, node_id, user_id, account_id, connected_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (socket_id) DO NOTHING`,
      [row.socketId, this.id, row.userId, row.accountId, new Date(this.options.clock())],
    );
  }

  async removeSocket(socketId: string): Promise<void> {
    // Released: the node's rows are gone already (and the database may be closing).
    if (this.released) return;
    await this.options.db.query('DELETE FROM agent_sockets WHERE socket_id = $1', [socketId]);
  }

  /**
   * How many sockets the user has on live nodes, leaving out `exceptId`. This node's own count
   * whatever its lease says: it knows they are here.
   */
  async countSockets(userId: string, exceptId?: string): Promise<number> {
    const rows = await this.options.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM agent_sockets s JOIN server_nodes n ON n.id = s.node_id
       WHERE s.user_id = $1 AND s.socket_id <> $2 AND (n.id = $3 OR n.lease_expires_at > $4)`,
      [userId, exceptId ?? '', this.id, new Date(this.options.clock())],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Says this node is going away: readiness fails and other nodes may tell so from the row. */
  async markDraining(): Promise<void> {
    await this.options.db.query('UPDATE server_nodes SET draining = true WHERE id = $1', [this.id]);
  }

  /**
   * Stops the heartbeat and removes this node's row and sockets; their agents go to routing
   * (whoever reconnected elsewhere keeps their presence).
   */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.heartbeat?.cancel();
    this.heartbeat = null;
    await this.beating;
    const lost = await this.options.db.transaction(async (tx) => {
      const rows = await tx.query<{ user_id: string; account_id: string }>(
        'DELETE FROM agent_sockets WHERE node_id = $1 RETURNING user_id, account_id', [this.id],
      );
      await tx.query('DELETE FROM server_nodes WHERE id = $1', [this.id]);
      return distinctAgents(rows);
    });
    if (lost.length > 0) await this.options.onAgentsLost(lost);
  }

  private async renew(): Promise<void> {
    const now = this.options.clock();
    const renewed = await this.options.db.query<{ id: string }>(
      'UPDATE server_nodes SET lease_expires_at = $2 WHERE id = $1 RETURNING id', [this.id, new Date(now + this.leaseMs)],
    );
    if (renewed.length > 0 || this.released) return;
    // Another node took this one for dead (it was frozen or cut off) and removed its sockets: the
    // ones still connected here are written again.
    await this.register();
    for (const row of this.options.localSockets()) await this.addSocket(row);
  }

  private async reapExpired(): Promise<void> {
    const now = new Date(this.options.clock());
    const lost = await this.options.db.transaction(async (tx) => {
      const dead = await tx.query<{ id: string }>(
        'SELECT id FROM server_nodes WHERE lease_expires_at <= $1 AND id <> $2 FOR UPDATE SKIP LOCKED', [now, this.id],
      );
      if (dead.length === 0) return [];
      const ids = dead.map((d) => d.id);
      const rows = await tx.query<{ user_id: string; account_id: string }>(
        'DELETE FROM agent_sockets WHERE node_id = ANY($1::text[]) RETURNING user_id, account_id', [ids],
      );
      await tx.query('DELETE FROM server_nodes WHERE id = ANY($1::text[])', [ids]);
      return distinctAgents(rows);
    });
    if (lost.length > 0) await this.options.onAgentsLost(lost);
  }
}

function distinctAgents(rows: { user_id: string; account_id: string }[]): LostAgent[] {
  const byUser = new Map(rows.map((r) => [r.user_id, { userId: r.user_id, accountId: r.account_id }]));
  return [...byUser.values()];
}
