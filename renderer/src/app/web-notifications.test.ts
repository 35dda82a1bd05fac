import type { NotificationTarget } from '../../../shared/notifications';
import { describe, expect, it } from 'vitest';
import { titleWithBadge } from '../../../shared/notifications';
import { createWebNotifier, type WebNotificationClass } from './web-notifications';

function fakeApi(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: FakeNotification[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = async () => {
      FakeNotification.permission = answer;
      return answer;
    };
    onclick: ((e: Event) => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options?: unknown,
    ) {
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  return { api: FakeNotification as unknown as WebNotificationClass, shown };
}

const notice = { kind: 'message' as const, conversationId: 'c1', title: 'Sarah', body: 'Any news?', silent: false };

describe('web notifications', () => {
  it('show the core\'s notification once allowed; a click focuses the page and opens the conversation', () => {
    const { api, shown } = fakeApi('granted');
    const focused: string[] = [];
    const opened: NotificationTarget[] = [];
    const notifier = createWebNotifier({ Notification: api, focus: () => focused.push('focus') }, (target) => opened.push(target));
    notifier.show(notice);
    expect(shown.map((n) => [n.title, n.options])).toEqual([['Sarah', { body: 'Any news?', silent: false, tag: 'c1' }]]);
    shown[0]!.onclick?.(new Event('click'));
    expect(focused).toEqual(['focus']);
    expect(opened).toEqual([{ conversationId: 'c1' }]);
    expect(shown[0]!.closed).toBe(true);
  });

  it('write a ticket\'s SLA notice in the page\'s language; a click opens the ticket and names its centre entry', () => {
    const { api, shown } = fakeApi('granted');
    const opened: [NotificationTarget, string | null][] = [];
    const notifier = createWebNotifier({ Notification: api, focus: () => undefined }, (target, entry) => opened.push([target, entry]), () => 'en');
    notifier.show({ kind: 'ticket', ticketId: 't4', number: 4, title: 'Kettle leak', silent: true, sla: { kind: 'warning', target: 'first_response', dueAt: '2026-12-07T09:30:00.000Z' } });
    expect(shown[0]!.title).toBe('Kettle leak');
    expect(shown[0]!.options).toMatchObject({ silent: true, tag: 'ticket:t4' });
    expect((shown[0]!.options as { body: string }).body).toMatch(/^Ticket #4 needs a first reply by .*2026/);
    shown[0]!.onclick?.(new Event('click'));
    // Its entry in the notification centre is named, to be read as opening it from the bell reads it.
    expect(opened).toEqual([[{ ticketId: 't4' }, 'sla:t4:first_response:warning']]);
  });

  it('show nothing until the person allows them, and ask only when they have not answered', async () => {
    const { api, shown } = fakeApi('default');
    const notifier = createWebNotifier({ Notification: api, focus: () => undefined }, () => undefined);
    notifier.show(notice);
    expect(shown).toEqual([]);
    expect(notifier.access()).toBe('default');
    expect(await notifier.requestAccess()).toBe('granted');
    notifier.show(notice);
    expect(shown).toHaveLength(1);

    const denied = fakeApi('denied');
    expect(await createWebNotifier({ Notification: denied.api, focus: () => undefined }, () => undefined).requestAccess()).toBe('denied');
  });

  it('say so where the browser has no notifications', async () => {
    const notifier = createWebNotifier({ focus: () => undefined }, () => undefined);
    expect(notifier.access()).toBe('unsupported');
    expect(await notifier.requestAccess()).toBe('unsupported');
    expect(() => notifier.show(notice)).not.toThrow();
  });

  it('put the unread count in front of the window title', () => {
    expect(titleWithBadge('Switchboard', 0)).toBe('Switchboard');
    expect(titleWithBadge('Switchboard', 3)).toBe('(3) Switchboard');
    expect(titleWithBadge('Switchboard', 1200)).toBe('(999+) Switchboard');
  });
});
