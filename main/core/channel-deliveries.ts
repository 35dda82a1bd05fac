import type { MessageDeliveryPush } from '../../shared/channels';
import type { EventSink } from '../../shared/contract';
import type { AgentRequestResult } from '../../shared/protocol';
import type { CacheStore } from './cache/cache-store';
import { asSent } from './thread-message';

/** The part of the connection delivery tracking needs. */
export interface DeliveriesTransport {
  isOnline(): boolean;
  request(name: 'messages:deliveries', payload: { messageIds: string[] }): Promise<AgentRequestResult<'messages:deliveries'>>;
}

export interface DeliveriesOptions {
  /** Conversations active this long ago or later have their replies' delivery read again after a reconnect. */
  recentMs?: number;
  /** At most this many replies are asked about after a reconnect (newest conversations first). */
  maxRefresh?: number;
  now?: () => Date;
}

const BATCH = 500;

/**
 * How far replies on platform channels got (sent, delivered, read, failed with the platform's
 * reason): the server pushes each change, the cache keeps the latest state on the message, and
 * the thread hears `message.updated`. Changes carry no sequence number, so the sync cannot bring
 * the ones missed while offline: after each reconnect the replies still on their way are asked about.
 */
export class ChannelDeliveries {
  private readonly recentMs: number;
  private readonly maxRefresh: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: CacheStore,
    private readonly transport: DeliveriesTransport,
    private readonly emit: EventSink,
    options: DeliveriesOptions = {},
  ) {
    this.recentMs = options.recentMs ?? 7 * 24 * 3600_000;
    this.maxRefresh = options.maxRefresh ?? 2 * BATCH;
    this.now = options.now ?? (() => new Date());
  }

  /** Stores later delivery states of cached replies and announces the messages that changed. */
  async apply(updates: readonly MessageDeliveryPush[]): Promise<void> {
    if (updates.length === 0) return;
    const changed = await this.store.db.write((tx) => this.store.putDeliveries(tx, updates));
    for (const message of changed) this.emit('message.updated', asSent(message));
  }

  /** Reads again the delivery of recent replies that may have moved on while the desktop was away. */
  async refresh(): Promise<void> {
    const since = new Date(this.now().getTime() - this.recentMs).toISOString();
    const ids = await this.store.deliveriesInFlight(since, this.maxRefresh);
    for (let i = 0; i < ids.length && this.transport.isOnline(); i += BATCH) {
      const { deliveries } = await this.transport.request('messages:deliveries', { messageIds: ids.slice(i, i + BATCH) });
      await this.apply(deliveries);
    }
  }
}
