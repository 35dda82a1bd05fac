import type { EventSink } from '../../shared/contract';
import type { Contact, Conversation, Message } from '../../shared/domain';
import type { AgentRequestResult } from '../../shared/protocol';
import type { CacheStore, RemovalOutcome } from './cache/cache-store';
import type { SqlWriter } from './cache/sqlite';
import { SeqTracker } from './seq-tracker';

/** The part of the connection the sync engine needs. */
export interface SyncTransport {
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
}

type Removal = { conversationId: string; outcome: RemovalOutcome };

type Batch = {
  conversations: Conversation[];
  contacts?: Contact[];
  messages: Message[];
  removed: { conversationId: string; seq: number }[];
};

/**
 * Keeps the cache equal to what the server lets this agent see. On every connect it pages
 * through everything after the cursor; live pushes are applied as they come, and a sequence
 * number that stays missing triggers a catch-up instead of being ignored.
 */
export class SyncEngine {
  private readonly tracker = new SeqTracker(0);
  private running: Promise<void> | null = null;
  private again = false;
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly pageSize: number;
  private readonly gapWaitMs: number;
  private readonly eventBatchLimit: number;
  private readonly onConversations: SyncOptions['onConversations'];

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
  }

  async load(): Promise<void> {
    this.tracker.reset(await this.store.cursor());
  }

  cursor(): number {
    return this.tracker.cursor;
  }

  /** Fetches every change after the cursor, page by page; concurrent callers share one run. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pageThrough();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
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

  onRemoved(removed: { conversationId: string; seq: number }): Promise<void> {
    return this.applyLive({ conversations: [], messages: [], removed: [removed] }, removed.seq);
  }

  onTick(seq: number): Promise<void> {
    return this.applyLive({ conversations: [], messages: [], removed: [] }, seq);
  }

  dispose(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  private async applyLive(batch: Batch, seq: number): Promise<void> {
    const outcome = await this.store.db.write(async (tx) => {
      const applied = await this.applyBatch(tx, batch);
      if (this.tracker.see(seq)) await this.store.setCursor(tx, this.tracker.cursor);
      return applied;
    });
    await this.announce(batch, outcome);
    this.watchForGap();
  }

  private watchForGap(): void {
    if (!this.tracker.hasGap()) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.tracker.hasGap()) this.catchUp().catch(() => undefined);
    }, this.gapWaitMs);
    this.gapTimer.unref?.();
  }

  // ---- catch-up ---------------------------------------------------------------------------------

  private async pageThrough(): Promise<void> {
    let reloaded = false;
    for (;;) {
      const page = await this.transport.request('sync:changes', { after: this.tracker.cursor, limit: this.pageSize });
      if (page.reset) {
        await this.store.db.write(async (tx) => {
          await this.store.resetSyncedData(tx);
          this.tracker.reset(0);
        });
        reloaded = true;
        continue;
      }
      const outcome = await this.store.db.write(async (tx) => {
        const applied = await this.applyBatch(tx, page);
        this.tracker.jumpTo(page.cursor);
        await this.store.setCursor(tx, this.tracker.cursor);
        return applied;
      });
      if (reloaded || this.isLarge(page)) reloaded = true;
      else await this.announce(page, outcome);
      if (!page.hasMore) break;
    }
    if (reloaded) this.emit('inbox.reloaded', {});
    this.watchForGap();
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
      removals.push({ conversationId: r.conversationId, outcome: await this.store.removeConversation(tx, r.conversationId) });
    }
    return removals;
  }

  private async announce(batch: Batch, removals: Removal[]): Promise<void> {
    for (const conversation of batch.conversations) this.emit('conversation.updated', { ...conversation, access: 'full' });
    // A stored copy of our own reply replaces its pending bubble: the UI matches them by client id.
    for (const message of batch.messages) this.emit('message.updated', { ...message, delivery: 'sent', error: null });
    for (const { conversationId, outcome } of removals) {
      if (outcome === 'deleted') this.emit('conversation.removed', { conversationId });
      if (outcome === 'kept-lost') {
        const kept = await this.store.conversation(conversationId);
        if (kept) this.emit('conversation.updated', kept);
      }
    }
  }
}
