import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../shared/contract';
import { FieldCipher } from './core/cache/field-cipher';
import { migrate } from './core/cache/migrate';
import { SqliteDb } from './core/cache/sqlite';
import { NotificationFeed } from './core/notification-feed';
import { ManualClock } from './core/testing/manual-clock';
import { withDesktopAttention, type AttentionWindowLike, type NotificationLike } from './desktop-attention';

/** A faked Electron Notification class recording what was shown. */
function fakeNotificationClass(supported = true) {
  const shown: FakeNotification[] = [];
  class FakeNotification implements NotificationLike {
    static isSupported = () => supported;
    readonly listeners = new Map<string, () => void>();
    visible = false;
    constructor(readonly options: { title: string; body: string; silent: boolean }) {}
    on(event: 'click' | 'close', listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      this.visible = true;
      shown.push(this);
    }
  }
  return { FakeNotification, shown };
}

class FakeWindow implements AttentionWindowLike {
  calls: string[] = [];
  constructor(
    private readonly state: { minimized?: boolean; focused?: boolean; destroyed?: boolean } = {},
  ) {}
  isDestroyed = () => this.state.destroyed ?? false;
  isMinimized = () => this.state.minimized ?? false;
  isFocused = () => this.state.focused ?? false;
  restore = () => void this.calls.push('restore');
  show = () => void this.calls.push('show');
  focus = () => void this.calls.push('focus');
  flashFrame = (flag: boolean) => void this.calls.push(`flash:${flag}`);
}

function setUp(window: FakeWindow | null = new FakeWindow(), supported = true) {
  const forwarded: { event: EventName; payload: unknown }[] = [];
  const badges: number[] = [];
  const overlays: number[] = [];
  const markedRead: string[] = [];
  const { FakeNotification, shown } = fakeNotificationClass(supported);
  const emit = withDesktopAttention((event, payload) => forwarded.push({ event, payload }), {
    markFeedRead: (entryId) => markedRead.push(entryId),
    Notification: FakeNotification,
    setBadgeCount: (count) => badges.push(count),
    onUnread: (count) => overlays.push(count),
    window: () => window,
    language: () => 'zh-CN',
  });
  return { emit, forwarded, badges, overlays, shown, window, markedRead };
}

const notice = { kind: 'message' as const, conversationId: 'c1', title: '张伟', body: '我的订单还没到', silent: true };

describe('desktop notifications and badge in the Electron shell', () => {
  it('shows the notification the core decided on as an OS notification, not in the page too', () => {
    const { emit, forwarded, shown, window } = setUp();
    emit('notification.show', notice);
    expect(shown.map((n) => [n.options, n.visible])).toEqual([[{ title: '张伟', body: '我的订单还没到', silent: true }, true]]);
    expect(forwarded).toEqual([]);
    // The taskbar button flashes while the window is in the background.
    expect(window?.calls).toEqual(['flash:true']);
  });

  it('brings the window forward on a click and tells the page which conversation to open', () => {
    const { emit, forwarded, shown, window } = setUp(new FakeWindow({ minimized: true }));
    emit('notification.show', notice);
    shown[0]!.listeners.get('click')?.();
    expect(window?.calls).toEqual(['flash:true', 'restore', 'show', 'focus']);
    expect(forwarded).toEqual([{ event: 'notification.opened', payload: { conversationId: 'c1' } }]);
    // A customer's message has no entry in the notification centre.
    expect(setUp().markedRead).toEqual([]);
  });

  it('writes a ticket\'s SLA notice in the shell\'s language, and a click opens the ticket', () => {
    const { emit, forwarded, shown } = setUp();
    emit('notification.show', {
      kind: 'ticket', ticketId: 't9', number: 9, title: '吹风机维修', silent: false,
      sla: { kind: 'breach', target: 'resolution', dueAt: '2026-12-07T09:30:00.000Z' },
    });
    expect(shown[0]!.options.title).toBe('吹风机维修');
    expect(shown[0]!.options.body).toMatch(/^工单 #9 .*2026/);
    shown[0]!.listeners.get('click')?.();
    expect(forwarded).toEqual([{ event: 'notification.opened', payload: { ticketId: 't9' } }]);
  });

  it('does not flash a focused window, and shows nothing where the system has no notifications', () => {
    const focused = setUp(new FakeWindow({ focused: true }));
    focused.emit('notification.show', notice);
    expect(focused.window?.calls).toEqual([]);
    const unsupported = setUp(new FakeWindow(), false);
    unsupported.emit('notification.show', notice);
    expect(unsupported.shown).toEqual([]);
  });

  it('puts the unread count on the badge and passes it on for the window title; other events pass unchanged', () => {
    const { emit, forwarded, badges } = setUp(null);
    emit('badge.changed', { count: 3 });
    emit('inbox.reloaded', {});
    expect(badges).toEqual([3]);
    expect(forwarded).toEqual([
      { event: 'badge.changed', payload: { count: 3 } },
      { event: 'inbox.reloaded', payload: {} },
    ]);
  });

  it('a mention or whisper in the background is an OS notification in the shell\'s words; a click opens its conversation and reads its entry', () => {
    const { emit, forwarded, shown, markedRead } = setUp();
    emit('notification.show', {
      kind: 'feed', entryId: 'note:m1', silent: false,
      event: { kind: 'mention', conversationId: 'c7', messageId: 'm1', byName: '陈琳', excerpt: '@王芳 先退款' },
    });
    expect(shown[0]!.options).toEqual({ title: '提及', body: '陈琳 提到了您：@王芳 先退款', silent: false });
    expect(markedRead).toEqual([]);
    shown[0]!.listeners.get('click')?.();
    expect(forwarded).toEqual([{ event: 'notification.opened', payload: { conversationId: 'c7' } }]);
    expect(markedRead).toEqual(['note:m1']);
  });

  it('the dock badge, the taskbar overlay and the tray count unread messages and unread notifications together', () => {
    const { emit, badges, overlays } = setUp(null);
    emit('badge.changed', { count: 2 });
    emit('notificationFeed.changed', { entries: [], unread: 3 });
    emit('notificationFeed.changed', { entries: [], unread: 3 });
    emit('badge.changed', { count: 0 });
    expect(badges).toEqual([2, 5, 3]);
    expect(overlays).toEqual([2, 5, 3]);
    emit('session.changed', { signedIn: false, user: null, serverUrl: null, lastEmail: null });
    expect(badges.at(-1)).toBe(0);
  });
});

describe('opening an OS notification reads its entry in the notification centre', () => {
  const closing: SqliteDb[] = [];
  afterEach(async () => {
    for (const db of closing.splice(0)) await db.close();
  });

  it('a clicked mention and a clicked SLA notice are read in the centre; the others stay unread', async () => {
    const db = await SqliteDb.open(':memory:');
    closing.push(db);
    await migrate(db);
    const { FakeNotification, shown } = fakeNotificationClass();
    let marking: Promise<unknown> = Promise.resolve();
    const feed = new NotificationFeed(db, FieldCipher.random(), () => undefined, new ManualClock());
    const emit = withDesktopAttention(() => undefined, {
      Notification: FakeNotification,
      setBadgeCount: () => undefined,
      window: () => null,
      language: () => 'en',
      markFeedRead: (entryId) => {
        marking = feed.markRead({ ids: [entryId] });
      },
    });
    const sla = {
      ticketId: 't9', number: 9, subject: 'Hair dryer repair', priority: 'high' as const, departmentId: null, assigneeId: 'u1',
      target: 'resolution' as const, kind: 'breach' as const, dueAt: '2026-12-07T09:30:00.000Z', at: '2026-12-07T09:31:00.000Z',
    };
    const mention = await feed.add({ kind: 'mention', conversationId: 'c7', messageId: 'm1', byName: 'Chen Lin', excerpt: '@Wang refund first' });
    await feed.add({ kind: 'ticketSla', sla });
    await feed.add({ kind: 'taken', conversationId: 'c2', byName: 'Chen Lin', reason: 'VIP', contactName: 'Zhang Wei' });
    emit('notification.show', { kind: 'feed', entryId: mention!.id, event: mention!.event, silent: true });
    emit('notification.show', {
      kind: 'ticket', ticketId: 't9', number: 9, title: sla.subject, silent: true,
      sla: { kind: sla.kind, target: sla.target, dueAt: sla.dueAt },
    });
    expect((await feed.list()).unread).toBe(3);

    shown[0]!.listeners.get('click')?.();
    await marking;
    shown[1]!.listeners.get('click')?.();
    await marking;
    const { entries, unread } = await feed.list();
    expect(unread).toBe(1);
    expect(entries.filter((e) => !e.read).map((e) => e.event.kind)).toEqual(['taken']);
  });
});
