import type { EventSink, InboxConversation } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { defaultNotificationPreferences, type NotificationPreferences } from '../../shared/notifications';
import type { FeedEntry } from '../../shared/notification-feed';
import type { TicketSlaNotice } from '../../shared/ticket-sla';
import type { CacheStore } from './cache/cache-store';
import { badgeCount, markThreadRead, readMark } from './cache/read-state';
import { Coalescer } from './coalescer';
import { decideNotifications, type Attention, type LiveChange } from './notification-policy';
import type { SettingsStore } from './types';
import { systemClock, type CoreClock, type ScheduledTimer } from './clock';

/** One agent's notification preferences, wherever they are kept. */
export interface PreferenceStore {
  get(): NotificationPreferences;
  set(preferences: NotificationPreferences): void;
}

/** The preferences of `userId` in the core's settings (each agent on this machine has their own). */
export function preferencesIn(settings: SettingsStore, userId: string): PreferenceStore {
  return {
    get: () => ({ ...defaultNotificationPreferences, ...settings.get().notificationPreferences[userId] }),
    set: (preferences) =>
      settings.set({ notificationPreferences: { ...settings.get().notificationPreferences, [userId]: preferences } }),
  };
}

/** Tells the server how far this agent read a conversation (the customer's widget shows it read); best effort. */
export type ReadReporter = (conversationId: string, seq: number) => void;

const BADGE_DELAY_MS = 50;
/** A conversation announced this recently is not announced again as new (queued, then offered a moment later). */
const REPEAT_QUIET_MS = 30_000;

/**
 * Read marks, notifications and the badge for one signed-in agent. The UI says which conversation
 * is in front of the agent; that one stays read while the window has the focus. Live changes are
 * judged by the notification policy; the badge is counted again (coalesced) after every change.
 */
export class AttentionService {
  private attention: Attention = { conversationId: null, focused: false };
  private lastBadge: number | null = null;
  private badgeTimer: ScheduledTimer | null = null;
  private closed = false;
  /** When each conversation last raised a notification. */
  private readonly lastShown = new Map<string, number>();
  private readonly badgeRun = new Coalescer(() => this.recountBadge(), () => !this.closed);

  constructor(
    private readonly store: CacheStore,
    private readonly emit: EventSink,
    private readonly user: User,
    private readonly preferences: PreferenceStore,
    private readonly badgeDelayMs = BADGE_DELAY_MS,
    private readonly clock: CoreClock = systemClock,
    private readonly reportRead: ReadReporter = () => undefined,
  ) {}

  getPreferences(): NotificationPreferences {
    return this.preferences.get();
  }

  setPreferences(patch: Partial<NotificationPreferences>): NotificationPreferences {
    const next = { ...this.preferences.get(), ...patch };
    this.preferences.set(next);
    return next;
  }

  /** The conversation in front of the agent changed, or the window gained or lost the focus. */
  async setAttention(next: Attention): Promise<void> {
    this.attention = { ...next };
    if (next.focused && next.conversationId) {
      // A conversation that just left the inbox has nothing left to read.
      await this.markRead(next.conversationId).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === 'not_found')) throw err;
      });
    }
  }

  /** Moves the read mark to the newest cached message; announces the conversation when it moved. */
  async markRead(conversationId: string): Promise<InboxConversation> {
    const moved = await this.store.db.write((tx) => markThreadRead(tx, conversationId));
    const conversation = await this.store.conversation(conversationId);
    if (!conversation) throw new AppError('not_found', 'That conversation is not in the inbox');
    if (moved) {
      this.emit('conversation.updated', conversation);
      this.badgeSoon();
      this.reportRead(conversationId, await readMark(this.store.db, conversationId));
    }
    return conversation;
  }

  /**
   * A live change was stored and announced: the conversation in front of a focused agent stays
   * read, the rest may deserve a notification.
   */
  async onLive(change: LiveChange): Promise<void> {
    const inFront = this.attention.focused ? this.attention.conversationId : null;
    if (inFront && change.messages.some((m) => m.message.conversationId === inFront)) {
      await this.markRead(inFront).catch(() => undefined);
    }
    if (this.closed) return;
    const at = this.clock.now();
    for (const notification of decideNotifications(change, this.user.id, this.preferences.get(), this.attention)) {
      const last = this.lastShown.get(notification.conversationId);
      if (notification.kind === 'conversation' && last !== undefined && at - last < REPEAT_QUIET_MS) continue;
      this.lastShown.set(notification.conversationId, at);
      this.emit('notification.show', notification);
    }
    if (this.lastShown.size > 1000) this.forgetShownBefore(at - REPEAT_QUIET_MS);
    this.badgeSoon();
  }

  /**
   * A ticket of this user's nears or missed an SLA target (the server pushes it to the assignee and
   * the department's leads): a notification, unless the window has the focus (the app's notice
   * centre shows it then) or the user turned these off.
   */
  onTicketSla(notice: TicketSlaNotice): void {
    const preferences = this.preferences.get();
    if (this.closed || !preferences.ticketSla || this.attention.focused) return;
    this.emit('notification.show', {
      kind: 'ticket',
      ticketId: notice.ticketId,
      number: notice.number,
      title: notice.subject,
      sla: { kind: notice.kind, target: notice.target, dueAt: notice.dueAt },
      silent: !preferences.sound,
    });
  }

  /**
   * A new entry of the notification centre: a mention, whisper or takeover becomes a notification
   * while the window is in the background (the bell and the notices show it in front), unless the
   * user turned these off. Offers and SLA notices have their own notifications (above).
   */
  onFeedEntry(entry: FeedEntry): void {
    const preferences = this.preferences.get();
    if (this.closed || this.attention.focused || !preferences.mentions) return;
    if (entry.event.kind === 'offer' || entry.event.kind === 'ticketSla') return;
    this.emit('notification.show', { kind: 'feed', entryId: entry.id, event: entry.event, silent: !preferences.sound });
  }

  private forgetShownBefore(limit: number): void {
    for (const [id, at] of this.lastShown) if (at < limit) this.lastShown.delete(id);
  }

  /** The badge count now (and remembered, so only changes are announced after this). */
  async badge(): Promise<number> {
    const count = await badgeCount(this.store.db, this.user.id);
    this.lastBadge = count;
    return count;
  }

  /** Counts the badge again shortly (many changes in a burst are counted once). */
  badgeSoon(): void {
    if (this.badgeTimer || this.closed) return;
    this.badgeTimer = this.clock.after(this.badgeDelayMs, () => {
      this.badgeTimer = null;
      return this.badgeRun.run().catch(() => undefined);
    });
  }

  private async recountBadge(): Promise<void> {
    if (this.closed) return;
    const previous = this.lastBadge;
    const count = await badgeCount(this.store.db, this.user.id);
    if (this.closed || count === previous) return;
    this.lastBadge = count;
    this.emit('badge.changed', { count });
  }

  dispose(): void {
    this.closed = true;
    this.badgeTimer?.cancel();
    this.badgeTimer = null;
  }
}
