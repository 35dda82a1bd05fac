import { dirname, join } from 'node:path';
import type { EventSink } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { defaultNotificationPreferences } from '../../shared/notifications';
import { AttentionService, type PreferenceStore } from './attention';
import { CacheStore } from './cache/cache-store';
import { systemClock, type CoreClock } from './clock';
import type { FieldCipher } from './cache/field-cipher';
import { openSealedCache } from './cache/sealed-cache';
import { CatalogService, type CatalogTransport } from './catalog';
import { ConversationTagService } from './conversation-tags';
import { ChannelDeliveries, type DeliveriesOptions, type DeliveriesTransport } from './channel-deliveries';
import { feedEventsOf } from './feed-events';
import { InboxService, type InboxTransport } from './inbox';
import { NotificationFeed } from './notification-feed';
import { OutboxFiles, outboxFilesFolder } from './cache/outbox-files';
import { Outbox, type OutboxOptions, type OutboxTransport, type OutboxUploader } from './outbox';
import { SyncEngine, type SyncOptions, type SyncTransport } from './sync';
import { TicketCache } from './cache/ticket-cache';
import type { TicketTransport } from './tickets/ticket-transport';
import { TicketsService, type TicketsOptions } from './tickets/tickets-service';

/** The part of the connection that tells the server how far this agent read a conversation. */
export interface ReadTransport {
  isOnline(): boolean;
  request(name: 'conversation:read', payload: { conversationId: string; seq: number }): Promise<unknown>;
}

export type WorkspaceTransport = InboxTransport & OutboxTransport & SyncTransport & CatalogTransport & DeliveriesTransport & ReadTransport & TicketTransport;

export interface WorkspaceOptions {
  sync?: SyncOptions;
  outbox?: OutboxOptions;
  deliveries?: DeliveriesOptions;
  tickets?: TicketsOptions;
  /** The clock behind every timer of the workspace (the system clock when omitted). */
  clock?: CoreClock;
  /** Uploads the files of queued replies; without it replies in the outbox take no file. */
  uploader?: OutboxUploader;
}

/** The cache file of one signed-in agent: one database per account, never shared. */
export function cacheFile(dataDir: string, userId: string): string {
  return join(dataDir, 'accounts', encodeURIComponent(userId), 'cache.sqlite');
}

/** One signed-in agent's local world: their cache, the sync that fills it and their outbox. */
export class Workspace {
  private constructor(
    private currentUser: User,
    readonly store: CacheStore,
    readonly sync: SyncEngine,
    readonly outbox: Outbox,
    readonly inbox: InboxService,
    readonly catalog: CatalogService,
    readonly attention: AttentionService,
    readonly deliveries: ChannelDeliveries,
    readonly tickets: TicketsService,
    readonly conversationTags: ConversationTagService,
    readonly feed: NotificationFeed,
  ) {}

  static async open(
    dataDir: string,
    user: User,
    cipher: FieldCipher,
    transport: WorkspaceTransport,
    emit: EventSink,
    options: WorkspaceOptions = {},
    preferences: PreferenceStore = memoryPreferences(),
  ): Promise<Workspace> {
    const file = cacheFile(dataDir, user.id);
    // Owner-only from the accounts folder down: the cache holds customers' conversations.
    const db = await openSealedCache(file, cipher, [join(dataDir, 'accounts'), join(file, '..')]);
    const store = new CacheStore(db, cipher);
    const catalog = new CatalogService(store, transport, emit);
    // A read the server misses (offline, a failed request) is told with the next one.
    const reportRead = (conversationId: string, seq: number) => {
      if (transport.isOnline()) void transport.request('conversation:read', { conversationId, seq }).catch(() => undefined);
    };
    const attention = new AttentionService(store, emit, user, preferences, undefined, options.clock, reportRead);
    const feed = new NotificationFeed(db, cipher, emit, options.clock ?? systemClock, (entry) => attention.onFeedEntry(entry));
    const sync = new SyncEngine(store, transport, emit, {
      clock: options.clock,
      ...options.sync,
      onConversations: (conversations) => catalog.ensureContacts(conversations.map((c) => c.contactId)),
      onLive: async (change) => {
        await attention.onLive(change);
        // Offers and whispers go into the notification centre (a failed write only loses that entry).
        for (const event of feedEventsOf(change, user.id)) await feed.add(event).catch(() => undefined);
      },
      onApplied: () => attention.badgeSoon(),
    });
    await sync.load();
    // Files of queued replies wait beside the cache, sealed with its key, and go with it.
    const files = new OutboxFiles(outboxFilesFolder(dirname(file)), cipher);
    const outbox = new Outbox(store, transport, emit, () => user, { clock: options.clock, files, uploader: options.uploader, ...options.outbox });
    await outbox.pruneFiles();
    const inbox = new InboxService(store, outbox, transport, emit);
    const deliveries = new ChannelDeliveries(store, transport, emit, options.deliveries);
    let workspace: Workspace | null = null;
    const tickets = new TicketsService(new TicketCache(db, cipher), transport, emit, () => workspace?.user ?? user, { clock: options.clock, ...options.tickets });
    const conversationTags = new ConversationTagService(store, transport, emit);
    workspace = new Workspace(user, store, sync, outbox, inbox, catalog, attention, deliveries, tickets, conversationTags, feed);
    return workspace;
  }

  get user(): User {
    return this.currentUser;
  }

  /**
   * The server says this user's role changed: what they may see changed with it, so the cache is
   * synced again from the start at the next catch-up (the reconnect that brought the news).
   */
  roleChanged(user: User): void {
    if (user.id !== this.currentUser.id || user.role === this.currentUser.role) return;
    this.currentUser = user;
    this.sync.startOver();
    this.tickets.sync.startOver();
  }

  /** After every (re)connect: first make the cache equal the server, then send what waits. */
  async resume(): Promise<void> {
    // Department staff have no inbox: the server refuses them conversations, knowledge and quick replies.
    if (this.currentUser.role === 'staff') {
      // Conversations cached while this user was an agent are no longer theirs to read.
      await this.store.db.write((tx) => this.store.resetSyncedData(tx)).catch(() => undefined);
      await this.tickets.resume().catch(() => undefined);
      return;
    }
    // A failed catch-up retries by itself; replies still go out meanwhile (the server decides).
    await this.sync.catchUp().catch(() => undefined);
    // Delivery changes missed while away are not in the sync stream: read them again (a failed
    // read leaves the states as they were until the next reconnect, as a failed catch-up does).
    await Promise.all([
      this.outbox.flush(),
      this.catalog.refresh(),
      this.deliveries.refresh().catch(() => undefined),
      // A failed read keeps the cached tags until the next connect.
      this.conversationTags.refresh().catch(() => undefined),
      // Tickets sync on their own cursor; a failed catch-up runs again at the next connect.
      this.tickets.resume().catch(() => undefined),
    ]);
  }

  async close(): Promise<void> {
    this.attention.dispose();
    this.feed.dispose();
    await this.sync.dispose();
    this.outbox.dispose();
    this.tickets.dispose();
    await this.store.db.close();
  }
}

/** Preferences kept for this run only (a workspace opened without the settings store). */
function memoryPreferences(): PreferenceStore {
  let preferences = { ...defaultNotificationPreferences };
  return {
    get: () => preferences,
    set: (next) => {
      preferences = { ...next };
    },
  };
}
