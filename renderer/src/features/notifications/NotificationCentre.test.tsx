// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Feed } from '../../../../shared/notification-feed';
import { AppUnderTest } from '../../testing/app-under-test';
import { NotificationCentre } from './NotificationCentre';

let app: AppUnderTest;

const feed: Feed = {
  unread: 2,
  entries: [
    {
      id: 'note:m1',
      at: new Date().toISOString(),
      read: false,
      event: { kind: 'mention', conversationId: 'c1', messageId: 'm1', byName: '陈琳', excerpt: '@王芳 check the refund' },
    },
    {
      id: 'sla:t1:resolution:warning',
      at: new Date().toISOString(),
      read: false,
      event: {
        kind: 'ticketSla',
        sla: { ticketId: 't1', number: 7, subject: 'Blender repair', priority: 'normal', departmentId: null, assigneeId: null, target: 'resolution', kind: 'warning', dueAt: '2026-12-07T12:00:00.000Z', at: '2026-12-07T11:00:00.000Z' },
      },
    },
    {
      id: 'offer:c2:x',
      at: new Date().toISOString(),
      read: true,
      event: { kind: 'offer', conversationId: 'c2', contactName: 'Zhang Wei', excerpt: 'Where is my parcel?' },
    },
  ],
};

beforeEach(() => {
  app = new AppUnderTest('en');
  app.stores.notify.getState().setFeed(feed);
  app.fake.answer('notificationFeed.markRead', (selection) =>
    'all' in selection
      ? { unread: 0, entries: feed.entries.map((e) => ({ ...e, read: true })) }
      : { unread: 1, entries: feed.entries.map((e) => (selection.ids.includes(e.id) ? { ...e, read: true } : e)) },
  );
  app.fake.answer('attention.set', () => ({}));
  app.fake.answer('desktop.get', () => ({ openAtLogin: false, openAtLoginAvailable: false }));
});

afterEach(() => cleanup());

describe('the notification centre behind the bell', () => {
  it('says how many are unread and lists what happened, the unread ones marked', async () => {
    render(<NotificationCentre takesConversations />, { wrapper: app.wrapper });
    const bell = screen.getByRole('button', { name: app.t('notify.settingsBadge', { count: 2 }) });
    expect(bell.getAttribute('aria-haspopup')).toBe('dialog');
    await userEvent.click(bell);
    const dialog = screen.getByRole('dialog', { name: app.t('feed.title') });
    const rows = within(dialog).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('陈琳 mentioned you: @王芳 check the refund'),
      expect.stringContaining('Ticket #7 must be solved by'),
      expect.stringContaining('The conversation with Zhang Wei was offered to you: Where is my parcel?'),
    ]);
    expect(rows.map((r) => within(r).queryByText(app.t('feed.unread')) !== null)).toEqual([true, true, false]);
  });

  it('a click opens the conversation and marks the entry read; "Mark all read" reads the rest', async () => {
    render(<NotificationCentre takesConversations />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('notify-button'));
    await userEvent.click(screen.getByRole('button', { name: /mentioned you/ }));
    expect(app.fake.callsOf('notificationFeed.markRead')).toEqual([{ ids: ['note:m1'] }]);
    expect(app.stores.inbox.getState().selectedId).toBe('c1');
    expect(app.stores.view.getState().view).toBe('inbox');
    // The popover closed; the bell shows one left.
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByRole('button', { name: app.t('notify.settingsBadge', { count: 1 }) });

    await userEvent.click(screen.getByTestId('notify-button'));
    await userEvent.click(screen.getByRole('button', { name: app.t('feed.markAllRead') }));
    await screen.findByRole('button', { name: app.t('notify.settings') });
    expect(app.fake.callsOf('notificationFeed.markRead').at(-1)).toEqual({ all: true });
  });

  it('keeps the notification choices behind the gear', async () => {
    app.stores.notify.getState().setPreferences({ newConversations: true, newMessages: true, sound: true, ticketSla: true, mentions: true });
    render(<NotificationCentre takesConversations={false} />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('notify-button'));
    await userEvent.click(screen.getByRole('button', { name: app.t('feed.settings') }));
    expect(screen.getByRole('checkbox', { name: app.t('notify.mentions') })).toHaveProperty('checked', true);
    // Department staff take no conversations: no choices about them.
    expect(screen.queryByRole('checkbox', { name: app.t('notify.newMessages') })).toBeNull();
  });
});
