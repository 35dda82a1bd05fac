import type { EventSink } from '../../shared/contract';
import { FEED_LIMIT, feedEventSchema, feedKey, type Feed, type FeedEntry, type FeedEvent } from '../../shared/notification-feed';
import type { FieldCipher } from './cache/field-cipher';
import type { SqliteDb } from './cache/sqlite';
import type { CoreClock } from './clock';

type FeedRow = { id: string; at: string; read_at: string | null; data: string };

/** Which entries to mark read: some, or every one. */
export type FeedSelection = { ids: string[] } | { all: true };

/**
 * The notification centre of one signed-in user, kept in their cache (table `notification_feed`,
 * migration 0010), so it outlives a restart. Every change is announced as `notificationFeed.changed`
 * with the whole list (it is short); a new entry is also passed to `onNew` (the OS notification's
 * decision).
 */
export class NotificationFeed {
  private closed = false;

  constructor(
    private readonly db: SqliteDb,
    private readonly cipher: FieldCipher,
    private readonly emit: EventSink,
    private readonly clock: CoreClock,
    private readonly onNew: (entry: FeedEntry) => void = () => undefined,
  ) {}

  /**
   * Records what happened, once: the same thing told again changes nothing, except that a mention
   * replaces the whisper of the same note (it says more). Resolves to the entry when it is new.
   */
  async add(event: FeedEvent): Promise<FeedEntry | null> {
    if (this.closed) return null;
    const at = new Date(this.clock.now()).toISOString();
    const id = feedKey(event, at);
    const data = this.cipher.seal(event);
    const outcome = await this.db.write(async (tx): Promise<'added' | 'replaced' | 'known'> => {
      const existing = await tx.get<{ kind: string }>('SELECT kind FROM notification_feed WHERE id = ?', [id]);
      if (existing) {
        if (existing.kind !== 'whisper' || event.kind !== 'mention') return 'known';
        await tx.run('UPDATE notification_feed SET kind = ?, data = ? WHERE id = ?', [event.kind, data, id]);
        return 'replaced';
      }
      await tx.run('INSERT INTO notification_feed (id, kind, at, read_at, data) VALUES (?, ?, ?, NULL, ?)', [id, event.kind, at, data]);
      await tx.run(
        'DELETE FROM notification_feed WHERE id NOT IN (SELECT id FROM notification_feed ORDER BY at DESC, id DESC LIMIT ?)',
        [FEED_LIMIT],
      );
      return 'added';
    });
    if (outcome === 'known') return null;
    await this.announce();
    if (outcome !== 'added') return null;
    const entry: FeedEntry = { id, at, read: false, event };
    this.onNew(entry);
    return entry;
  }

  /** The newest entries first, and how many are unread. */
  async list(): Promise<Feed> {
    const rows = await this.db.all<FeedRow>('SELECT id, at, read_at, data FROM notification_feed ORDER BY at DESC, id DESC LIMIT ?', [FEED_LIMIT]);
    const entries: FeedEntry[] = [];
    for (const row of rows) {
      // An entry written by a later version (a kind this one does not know) is left out, not fatal.
      const event = feedEventSchema.safeParse(this.cipher.open(row.data));
      if (event.success) entries.push({ id: row.id, at: row.at, read: row.read_at !== null, event: event.data });
    }
    return { entries, unread: entries.filter((e) => !e.read).length };
  }

  /** Marks the entries read (all of them, or those named); announces the list when any changed. */
  async markRead(selection: FeedSelection): Promise<Feed> {
    const at = new Date(this.clock.now()).toISOString();
    const { changes } = await this.db.write((tx) =>
      'all' in selection
        ? tx.run('UPDATE notification_feed SET read_at = ? WHERE read_at IS NULL', [at])
        : tx.run(
          `UPDATE notification_feed SET read_at = ? WHERE read_at IS NULL AND id IN (${selection.ids.map(() => '?').join(', ')})`,
          [at, ...selection.ids],
        ),
    );
    const feed = await this.list();
    if (changes > 0 && !this.closed) this.emit('notificationFeed.changed', feed);
    return feed;
  }

  private async announce(): Promise<void> {
    const feed = await this.list();
    if (!this.closed) this.emit('notificationFeed.changed', feed);
  }

  dispose(): void {
    this.closed = true;
  }
}
