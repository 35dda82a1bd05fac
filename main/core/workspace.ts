import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventSink } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { CacheStore } from './cache/cache-store';
import { migrate } from './cache/migrate';
import { SqliteDb } from './cache/sqlite';
import { CatalogService, type CatalogTransport } from './catalog';
import { InboxService, type InboxTransport } from './inbox';
import { Outbox, type OutboxOptions, type OutboxTransport } from './outbox';
import { SyncEngine, type SyncOptions, type SyncTransport } from './sync';

export type WorkspaceTransport = InboxTransport & OutboxTransport & SyncTransport & CatalogTransport;

export interface WorkspaceOptions {
  sync?: SyncOptions;
  outbox?: OutboxOptions;
}

/** The cache file of one signed-in agent: one database per account, never shared. */
export function cacheFile(dataDir: string, userId: string): string {
  return join(dataDir, 'accounts', encodeURIComponent(userId), 'cache.sqlite');
}

/** One signed-in agent's local world: their cache, the sync that fills it and their outbox. */
export class Workspace {
  private constructor(
    readonly user: User,
    readonly store: CacheStore,
    readonly sync: SyncEngine,
    readonly outbox: Outbox,
    readonly inbox: InboxService,
    readonly catalog: CatalogService,
  ) {}

  static async open(
    dataDir: string,
    user: User,
    transport: WorkspaceTransport,
    emit: EventSink,
    options: WorkspaceOptions = {},
  ): Promise<Workspace> {
    const file = cacheFile(dataDir, user.id);
    await mkdir(join(file, '..'), { recursive: true });
    const db = await SqliteDb.open(file);
    await migrate(db);
    const store = new CacheStore(db);
    const catalog = new CatalogService(store, transport, emit);
    const sync = new SyncEngine(store, transport, emit, {
      ...options.sync,
      onConversations: (conversations) => catalog.ensureContacts(conversations.map((c) => c.contactId)),
    });
    await sync.load();
    const outbox = new Outbox(store, transport, emit, () => user, options.outbox);
    const inbox = new InboxService(store, outbox, transport, emit);
    return new Workspace(user, store, sync, outbox, inbox, catalog);
  }

  /** After every (re)connect: first make the cache equal the server, then send what waits. */
  async resume(): Promise<void> {
    // A failed catch-up retries by itself; replies still go out meanwhile (the server decides).
    await this.sync.catchUp().catch(() => undefined);
    await Promise.all([this.outbox.flush(), this.catalog.refresh()]);
  }

  async close(): Promise<void> {
    await this.sync.dispose();
    this.outbox.dispose();
    await this.store.db.close();
  }
}
