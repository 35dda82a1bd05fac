import type { ChannelKind } from '../../../shared/domain';
import { backoffDelay } from '../../../shared/backoff';
import type { Db } from '../../db/db';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import type { ChannelDirectory } from '../../domain/channels/channel-directory';
import type { ErrorLogger } from '../../lib/error-logger';
import { systemClock, type Clock } from '../../lib/clock';
import { PollingWorker } from '../../lib/polling-worker';
import { delay, systemTimers, type Timers } from '../../lib/timers';

/** What turns one stored webhook delivery of a channel kind into messages. Must be safe to run twice. */
export type WebhookProcessor = (channel: ChannelRecord, payload: string) => Promise<void>;

export type WebhookInboxOptions = {
  db: Db;
  directory: ChannelDirectory;
  logError: ErrorLogger;
  processors: Partial<Record<ChannelKind, WebhookProcessor>>;
  timers?: Timers;
  clock?: Clock;
  /** How often stored deliveries are looked for (other nodes' deliveries, retries). */
  pollMs?: number;
  /** Deliveries taken per run, processed one after another in the order they arrived. */
  batch?: number;
  /** How long a worker may hold a delivery before another one takes it over. */
  leaseMs?: number;
  /** Tries before a delivery that keeps failing is set aside (with its error). */
  maxAttempts?: number;
};

type Claimed = { id: string | number; channel_id: string; payload: string; attempts: number };

const RETRY = { baseMs: 1_000, capMs: 60_000 };

/** Processed deliveries are kept this long (platform retries come within minutes), then removed. */
const KEEP_PROCESSED_HOURS = 7 * 24;
const PRUNE_EVERY_MS = 60 * 60_000;

/** Processing waits while deliveries keep arriving this close together… */
const INTAKE_QUIET_MS = 100;
/** …but never longer than this before the next one, so a steady stream is still processed. */
const MAX_YIELD_MS = 1_000;

/**
 * Webhook deliveries stored before they are processed: the request only checks the signature and
 * stores the raw payload (once per platform id), so the platform is answered at once whatever else
 * the server is doing; this worker processes what is stored, in arrival order, each delivery once
 * (a processed one is never taken again, and processing itself stores each message once). What a
 * stopped server left unprocessed is processed after its next start.
 */
export class WebhookInbox {
  private readonly timers: Timers;
  private readonly worker: PollingWorker;
  private lastStoredAt = Number.NEGATIVE_INFINITY;
  /** Deliveries stored by this node so far: processing waits while it keeps growing. */
  private storedCount = 0;
  private lastPrunedAt = Number.NEGATIVE_INFINITY;
  private readonly clock: Clock;

  constructor(private readonly options: WebhookInboxOptions) {
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? systemClock;
    this.worker = new PollingWorker({
      timers: this.timers, pollMs: options.pollMs ?? 1_000, runOnce: () => this.runOnce(), afterRun: () => this.prune(),
      logError: options.logError, name: 'webhook inbox',
    });
  }

  private get stopped(): boolean {
    return this.worker.stopped;
  }

  /** Stores a verified delivery; false when the same platform id was stored before (a retry). */
  async store(channelId: string, dedupeKey: string, payload: string): Promise<boolean> {
    const rows = await this.options.db.query(
      `INSERT INTO webhook_events (channel_id, dedupe_key, payload) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, dedupe_key) DO NOTHING RETURNING id`,
      [channelId, dedupeKey, payload],
    );
    this.lastStoredAt = this.clock();
    this.storedCount += 1;
    return rows.length > 0;
  }

  /**
   * Answering the platform in time comes first: while deliveries arrive in a burst, processing
   * (which on PGlite runs on this same thread) waits for a pause, at most MAX_YIELD_MS at a time.
   */
  private async yieldToIntake(): Promise<void> {
    // PGlite answers queries in microtasks: without a turn of the event loop, a run of events would
    // never let a waiting request in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.clock() - this.lastStoredAt >= INTAKE_QUIET_MS) return;
    // Counted by pauses, not by the clock: an injected clock that stands still never holds it longer.
    let seen = this.storedCount;
    for (let waited = 0; !this.stopped && waited < MAX_YIELD_MS; waited += INTAKE_QUIET_MS) {
      await delay(this.timers, INTAKE_QUIET_MS, undefined);
      if (this.storedCount === seen) return;
      seen = this.storedCount;
    }
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Processes what is stored now; a kick during a run folds into one more run. */
  kick(): void {
    this.worker.kick();
  }

  /** Resolves when no run is going. */
  settled(): Promise<void> {
    return this.worker.settled();
  }

  /** How many stored deliveries wait to be processed (for tests and health checks). */
  async backlog(): Promise<number> {
    const rows = await this.options.db.query<{ n: number | string }>('SELECT count(*) AS n FROM webhook_events WHERE processed_at IS NULL');
    return Number(rows[0]?.n ?? 0);
  }

  private async runOnce(): Promise<number> {
    const claimed = await this.options.db.query<Claimed>(
      `UPDATE webhook_events e SET attempts = e.attempts + 1, lease_expires_at = now() + make_interval(secs => $2)
       WHERE e.id IN (
         SELECT id FROM webhook_events
         WHERE processed_at IS NULL AND (lease_expires_at IS NULL OR lease_expires_at < now())
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING e.id, e.channel_id, e.payload, e.attempts`,
      [this.options.batch ?? 20, (this.options.leaseMs ?? 60_000) / 1000],
    );
    claimed.sort((a, b) => Number(a.id) - Number(b.id));
    for (const row of claimed) {
      await this.yieldToIntake();
      if (this.stopped) break;
      await this.process(row);
    }
    return claimed.length;
  }

  /** Removes deliveries processed long ago (at most once an hour). */
  private async prune(): Promise<void> {
    if (this.clock() - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    this.lastPrunedAt = this.clock();
    await this.options.db.query('DELETE FROM webhook_events WHERE processed_at < now() - make_interval(hours => $1)', [KEEP_PROCESSED_HOURS]);
  }

  private async process(row: Claimed): Promise<void> {
    const { db } = this.options;
    try {
      const channel = await this.options.directory.get(row.channel_id);
      const processor = channel ? this.options.processors[channel.kind] : undefined;
      if (!channel || !processor) {
        await this.finish(row, `no processor for channel ${row.channel_id}`);
        return;
      }
      await processor(channel, row.payload);
      await this.finish(row, null);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (row.attempts >= (this.options.maxAttempts ?? 5)) {
        this.options.logError(err, `webhook delivery ${row.id} set aside after ${row.attempts} attempts`);
        await this.finish(row, reason);
        return;
      }
      await db.query(
        `UPDATE webhook_events SET last_error = $2, lease_expires_at = now() + make_interval(secs => $3) WHERE id = $1`,
        [row.id, reason, backoffDelay(RETRY, row.attempts - 1) / 1000],
      );
    }
  }

  private async finish(row: Claimed, error: string | null): Promise<void> {
    await this.options.db.query('UPDATE webhook_events SET processed_at = now(), lease_expires_at = NULL, last_error = $2 WHERE id = $1', [row.id, error]);
  }
}
