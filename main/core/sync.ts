import type { EventSink } from '../../shared/contract';
import type { Contact, Conversation, Message } from '../../shared/domain';
import type { AgentRequestResult, RemovedConversation } from '../../shared/protocol';
import type { CacheStore, RemovalOutcome } from './cache/cache-store';
import type { SqlWriter } from './cache/sqlite';
import { Coalescer } from './coalescer';
import type { LiveChange } from './notification-policy';
import { SeqTracker } from './seq-tracker';
import { asSent } from './thread-message';
import { backoffDelay, type BackoffCurve } from '../../shared/backoff';
import { retryAfterMs, toAppError } from '../../shared/errors';
import { systemClock, type CoreClock, type ScheduledTimer } from './clock';

/** The part of the connection the sync engine needs. */
export interface SyncTransport {
  isOnline(): boolean;
  request(name: 'sync:changes', payload: { after: number; limit: number }): Promise<AgentRequestResult<'sync:changes'>>;
}

export interface SyncOptions {
  pageSize?: number;
  /** How long a missing sequence number may stay missing before a catch-up is asked for. */
  gapWaitMs?: number;
  /** More changes than this in one batch are announced as `inbox.reloaded`, not one by one. */
  eventBatchLimit?: number;
  /** Called after live conversations were stored (to fetch what they refer to). */
  onConversations?: (conversations: Conversation[]) => Promise<void>;
  /** Called with each live change once it is stored and announced (notifications, read marks). */
  onLive?: (change: LiveChange) => Promise<void>;
  /** Called after any change was stored, live or caught up (the badge is counted again). */
  onApplied?: () => void;
  /** The system clock when omitted. */
  clock?: CoreClock;
}

/** A failed catch-up is tried again after 1 s, doubling to 30 s while the socket stays up. */
const CATCH_UP_RETRY: BackoffCurve = { baseMs: 1_000, capMs: 30_000 };

const FIRST_SYNC_PAGE = 5000;

type Removal = { conversationId: string; outcome: RemovalOutcome };

type Batch = {
  conversations: Conversation[];
  contacts?: Contact[];
  messages: Message[];
  removed: RemovedConversation[];
};

/**
 * Keeps the cache equal to what the server lets this agent see. On every connect it pages
 * through everything after the cursor; live pushes are applied as they come, and a sequence
 * number that stays missing triggers a catch-up instead of being ignored.
 */
export class SyncEngine {
  private readonly tracker = new SeqTracker(0);
  /** A catch-up has gone through the whole inbox once (now or in an earlier run). */
  private inboxLoaded = false;
  private readonly pages = new Coalescer(() => this.pageThrough());
  private gapTimer: ScheduledTimer | null = null;
  private retryTimer: ScheduledTimer | null = null;
  private failures = 0;
  private cursorTimer: ScheduledTimer | null = null;
  private savedCursor = 0;
  private startOverPending = false;
  private readonly pageSize: number;
  private readonly gapWaitMs: number;
  private readonly eventBatchLimit: number;
  private readonly onConversations: SyncOptions['onConversations'];
  private readonly onLive: SyncOptions['onLive'];
  private readonly onApplied: SyncOptions['onApplied'];
  private readonly clock: CoreClock;

  constructor(
    private readonly store: CacheStore,
    private readonly transport: SyncTransport,
    private readonly emit: EventSink,
    options: SyncOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.gapWaitMs = options.gapWaitMs ?? 300;
    this.eventBatchLimit = options.eventBatchLimit ?? 200;
    this.onConversations = options.onConversations;
    this.onLive = options.onLive;
    this.onApplied = options.onApplied;
    this.clock = options.clock ?? systemClock;
  }

  async load(): Promise<void> {
    this.savedCursor = await this.store.cursor();
    this.tracker.reset(this.savedCursor);
    this.inboxLoaded = this.savedCursor > 0;
  }

  cursor(): number {
    return this.tracker.cursor;
  }

  /**
   * What this user may see changed (a new role): the next catch-up drops the synced conversations
   * and messages and fetches everything again from the start, as after a reset. Drafts and the
   * outbox stay.
   */
  startOver(): void {
    this.startOverPending = true;
  }

  /** Fetches every change after the cursor, page by page; concurrent callers share one run. */
  catchUp(): Promise<void> {
    return this.pages.run().then(
      () => {
        this.failures = 0;
      },
      (err: unknown) => {
        // A failed page must not leave the cache silently behind while the socket stays up.
        this.scheduleRetry(retryAfterMs(toAppError(err)));
        throw err;
      },
    );
  }

  /** The next catch-up on the backoff curve, and no sooner than the server asked (`atLeastMs`). */
  private scheduleRetry(atLeastMs = 0): void {
    if (this.retryTimer || !this.transport.isOnline()) return;
    const delay = Math.max(atLeastMs, backoffDelay(CATCH_UP_RETRY, this.failures++));
    this.retryTimer = this.clock.after(delay, () => {
      this.retryTimer = null;
      return this.transport.isOnline() ? this.catchUp().catch(() => undefined) : undefined;
    });
  }

  // ---- live pushes: apply at once, then account for the sequence number --------------------

  async onConversation(conversation: Conversation): Promise<void> {
    await this.applyLive({ conversations: [conversation], messages: [], removed: [] }, conversation.seq);
    // Pushes carry no contact; a customer seen for the first time is fetched once.
    await this.onConversations?.([conversation]).catch(() => undefined);
  }

  onMessage(message: Message): Promise<void> {
    return this.applyLive({ conversations: [], messages: [message], removed: [] }, message.seq);
  }

  onRemoved(removed: RemovedConversation): Promise<void> {
    return this.applyLive({ conversations: [], messages: [], removed: [removed] }, removed.seq);
  }

  onTick(seq: number): Promise<void> {
    return this.applyLive({ conversations: [], messages: [], removed: [] }, seq);
  }

  /** Stops timers and writes the cursor one last time. */
  async dispose(): Promise<void> {
    for (const timer of [this.gapTimer, this.retryTimer, this.cursorTimer]) timer?.cancel();
    this.gapTimer = this.retryTimer = this.cursorTimer = null;
    await this.saveCursor().catch(() => undefined);
  }

  private async applyLive(batch: Batch, seq: number): Promise<void> {
    // A push repeating what an ack already stored (our own reply) only moves the cursor.
    if (batch.removed.length === 0 && !this.store.claimWrite(batch.conversations, batch.messages)) {
      this.tracker.see(seq);
      this.saveCursorSoon();
      this.watchForGap();
      return;
    }
    // Pushed before the inbox was first loaded: the cache is behind (see LiveChange.behind).
    const behind = !this.inboxLoaded;
    const { outcome, previous } = await this.store.db.write(async (tx) => {
      // What the cache held before this change: the notification policy tells what is new by it.
      const previous = this.onLive ? await Promise.all(batch.conversations.map((c) => this.store.conversation(c.id))) : [];
      return { outcome: await this.applyBatch(tx, batch), previous };
    });
    this.tracker.see(seq);
    this.saveCursorSoon();
    const stored = await this.announce(batch, outcome);
    // A notification that could not be decided is not worth failing the push for.
    if (this.onLive) await this.reportLive(batch, previous, stored, behind).catch(() => undefined);
    // Counted after the live change was judged: a message in the conversation in front of a
    // focused agent is already read then, so the badge never flickers up and back.
    this.onApplied?.();
    this.watchForGap();
  }

  private async reportLive(
    batch: Batch,
    previous: readonly (Conversation | null)[],
    stored: Map<string, Conversation | null>,
    behind: boolean,
  ): Promise<void> {
    // Each conversation is read once: the ones just announced are reused.
    for (const { conversationId } of batch.messages) {
      if (!stored.has(conversationId)) stored.set(conversationId, await this.store.conversation(conversationId));
    }
    const messages = batch.messages.map((message) => ({ message, conversation: stored.get(message.conversationId) ?? null }));
    const conversations = batch.conversations.map((current, i) => ({ current, previous: previous[i] ?? null }));
    await this.onLive?.({ conversations, messages, behind });
  }

  /**
   * The cursor is written a moment later, not with every push: a cursor older than the content
   * only means a little is fetched again after a crash, never that something is skipped.
   */
  private saveCursorSoon(): void {
    if (this.cursorTimer) return;
    this.cursorTimer = this.clock.after(500, () => {
      this.cursorTimer = null;
      return this.saveCursor().catch(() => undefined);
    });
  }

  private async saveCursor(): Promise<void> {
    const cursor = this.tracker.cursor;
    if (cursor === this.savedCursor) return;
    await this.store.db.write((tx) => this.store.setCursor(tx, cursor));
    this.savedCursor = cursor;
  }

  private watchForGap(): void {
    if (!this.tracker.hasGap()) {
      this.gapTimer?.cancel();
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer) return;
    this.gapTimer = this.clock.after(this.gapWaitMs, () => {
      this.gapTimer = null;
      return this.tracker.hasGap() ? this.catchUp().catch(() => undefined) : undefined;
    });
  }

  // ---- catch-up ---------------------------------------------------------------------------------

  /**
   * Pages through the changes after the cursor. The next page is asked for while the current one
   * is written, so the server and the local disk work at the same time.
   */
  private async pageThrough(): Promise<void> {
    let reloaded = false;
    if (this.startOverPending) {
      this.startOverPending = false;
      await this.dropSynced();
      reloaded = true;
    }
    let fromStart = this.tracker.cursor === 0;
    // A first sync moves the whole inbox: bigger pages mean fewer round trips and commits.
    const fetch = (after: number) => {
      const page = this.transport.request('sync:changes', { after, limit: fromStart ? FIRST_SYNC_PAGE : this.pageSize });
      page.catch(() => undefined); // a prefetched page that fails is reported when it is awaited
      return page;
    };
    let next = fetch(this.tracker.cursor);
    for (;;) {
      const page = await next;
      if (page.reset) {
        await this.dropSynced();
        reloaded = true;
        fromStart = true;
        next = fetch(0);
        continue;
      }
      if (page.hasMore) next = fetch(page.cursor);
      const outcome = await this.store.db.write(async (tx) => {
        const applied = await this.applyBatch(tx, page);
        this.tracker.jumpTo(page.cursor);
        await this.store.setCursor(tx, this.tracker.cursor);
        if (!page.hasMore && fromStart) await this.store.markAllThreadsComplete(tx);
        return applied;
      });
      this.savedCursor = this.tracker.cursor;
      this.onApplied?.();
      if (reloaded || this.isLarge(page)) reloaded = true;
      else await this.announce(page, outcome);
      if (!page.hasMore) break;
    }
    this.inboxLoaded = true;
    if (reloaded) this.emit('inbox.reloaded', {});
    this.watchForGap();
  }

  private async dropSynced(): Promise<void> {
    await this.store.db.write(async (tx) => {
      await this.store.resetSyncedData(tx);
      this.tracker.reset(0);
      this.savedCursor = 0;
      this.inboxLoaded = false;
    });
  }

  private isLarge(batch: Batch): boolean {
    return batch.conversations.length + batch.messages.length + batch.removed.length > this.eventBatchLimit;
  }

  /** Writes a batch; our own replies that arrive here leave the outbox (the server has them). */
  private async applyBatch(tx: SqlWriter, batch: Batch): Promise<Removal[]> {
    await this.store.putConversations(tx, batch.conversations);
    await this.store.putContacts(tx, batch.contacts ?? []);
    await this.store.putMessages(tx, batch.messages);
    const removals: Removal[] = [];
    for (const r of batch.removed) {
      removals.push({ conversationId: r.conversationId, outcome: await this.store.removeConversation(tx, r.conversationId, r) });
    }
    return removals;
  }

  /** Answers the stored copies it read, by id, so the caller need not read them again. */
  private async announce(batch: Batch, removals: Removal[]): Promise<Map<string, Conversation | null>> {
    const read = new Map<string, Conversation | null>();
    // The stored copy carries what the inbox adds (unread count, labels), and may be newer still.
    for (const { id } of batch.conversations) {
      const stored = await this.store.conversation(id);
      read.set(id, stored);
      if (stored) this.emit('conversation.updated', stored);
    }
    // A stored copy of our own reply replaces its pending bubble: the UI matches them by client id.
    for (const message of batch.messages) this.emit('message.updated', asSent(message));
    for (const { conversationId, outcome } of removals) {
      if (outcome === 'deleted') this.emit('conversation.removed', { conversationId });
      if (outcome === 'kept-lost') {
        const kept = await this.store.conversation(conversationId);
        read.set(conversationId, kept);
        if (kept) this.emit('conversation.updated', kept);
      }
    }
    return read;
  }
}
