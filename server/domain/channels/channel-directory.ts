import type { Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { findChannel, type ChannelRecord } from './channel-repository';

/**
 * Channels by id for webhooks, kept in memory for `ttlMs`. A stale entry is served while it is read
 * again in the background, so a webhook can be checked and answered in time even while the
 * database is slow (WeChat gives 5 seconds). Changes made on this node apply at once (`forget`);
 * changes made on another node within `ttlMs` plus one read.
 */
export class ChannelDirectory {
  private readonly entries = new Map<string, { at: number; channel: ChannelRecord; refreshing: boolean }>();

  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
    private readonly ttlMs = 5_000,
  ) {}

  async get(id: string): Promise<ChannelRecord | null> {
    const hit = this.entries.get(id);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.channel;
    if (hit) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        void this.load(id).catch(() => {
          hit.refreshing = false;
        });
      }
      return hit.channel;
    }
    return this.load(id);
  }

  /** Drops a channel after a change on this node. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  private async load(id: string): Promise<ChannelRecord | null> {
    const channel = await findChannel(this.db, id);
    // Unknown ids are not remembered: anyone can make them up.
    if (channel) this.entries.set(id, { at: this.clock(), channel, refreshing: false });
    else this.entries.delete(id);
    return channel;
  }
}
