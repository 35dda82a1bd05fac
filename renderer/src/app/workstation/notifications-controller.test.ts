import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain';
import type { DesktopNotification } from '../../../../shared/notifications';
import { describeNotice } from '../../features/notices/notice-text';
import { translator } from '../../i18n/translate';
import { conversation } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { answerQuietWorkstation } from '../../testing/workstation-answers';
import { agentUser, online, sessionOf, signedOut, WorkstationHarness } from '../../testing/workstation-harness';

const en = translator('en');
const supervisor: User = { id: 'sup', accountId: 'acc', email: 'supervisor@example.com', name: '陈琳', role: 'supervisor' };
const preferences = { newConversations: true, newMessages: true, sound: true, ticketSla: true, mentions: true };

let h: WorkstationHarness;

async function start(user: User = agentUser) {
  answerQuietWorkstation(h.fake)
    .answer('session.get', () => sessionOf(user))
    .answer('connection.get', () => online)
    .answer('attention.set', () => ({}))
    .answer('conversations.list', () => [
      conversation({ id: 'c1', contactId: 'k1', contactName: 'Zhang Wei', unread: 2, labels: ['new'] }),
      conversation({ id: 'c2', contactId: 'k2' }),
    ])
    .answer('notifications.get', () => ({ preferences, badge: 2 }))
    .answer('notifications.set', (patch) => ({ ...preferences, ...patch }));
  await h.start();
}

beforeEach(() => {
  h = new WorkstationHarness();
});

afterEach(() => h.stop());

describe('notifications and the badge', () => {
  it('reads the preferences and the badge on sign-in, and follows badge changes', async () => {
    await start();
    expect(h.stores.notify.getState()).toMatchObject({ preferences, badge: 2 });
    h.fake.emit('badge.changed', { count: 5 });
    expect(h.stores.notify.getState().badge).toBe(5);
  });

  it('hands the core\'s notifications to the page\'s notifier, and opens the conversation from a click on the shell\'s', async () => {
    await start();
    const notice: DesktopNotification = { kind: 'message', conversationId: 'c2', title: 'Sarah', body: 'Hi', silent: false };
    h.fake.emit('notification.show', notice);
    expect(h.shown).toEqual([notice]);
    h.stores.view.getState().setView('monitor');
    h.fake.emit('notification.opened', { conversationId: 'c2' });
    expect(h.stores.inbox.getState().selectedId).toBe('c2');
    expect(h.stores.view.getState().view).toBe('inbox');
  });

  it('keeps the preferences the core saved, and shows why a change failed', async () => {
    await start();
    await h.controller.setNotificationPreferences({ sound: false });
    expect(h.stores.notify.getState().preferences).toEqual({ ...preferences, sound: false });
    h.fake.failWith('notifications.set', 'internal', 'disk full');
    await expect(h.controller.setNotificationPreferences({ sound: true })).rejects.toMatchObject({ code: 'internal' });
    expect(h.stores.notify.getState().error).toMatchObject({ code: 'internal' });
    expect(h.stores.notify.getState().preferences?.sound).toBe(false);
  });
});

describe('the inbox follows the core', () => {
  it('gives a customer\'s conversations their new tags as labels', async () => {
    await start();
    h.fake.emit('contact.updated', { id: 'k1', name: 'Zhang', email: null, phone: null, vipLevel: 1, tags: ['vip'] });
    expect(h.stores.inbox.getState().byId.c1?.labels).toEqual(['vip']);
    expect(h.stores.inbox.getState().byId.c2?.labels).toEqual([]);
  });

  it('keeps only the answer to the latest search', async () => {
    await start();
    let release: (() => void) | null = null;
    h.fake.answer('conversations.search', async ({ query }) => {
      if (query === 'old') await new Promise<void>((resolve) => (release = resolve));
      return { hits: [{ conversationId: query === 'old' ? 'c1' : 'c2', messageId: 'm', createdAt: '', snippet: [] }], truncated: false };
    });
    const first = h.controller.searchMessages('old');
    await h.controller.searchMessages('new');
    release!();
    await first;
    expect(h.stores.inboxSearch.getState()).toMatchObject({ query: 'new', status: 'ready' });
    expect([...h.stores.inboxSearch.getState().hits.keys()]).toEqual(['c2']);
  });
});

describe('notices', () => {
  const shown = () => h.stores.notices.getState().notices.map((n) => describeNotice(en, n.data));

  it('a mention shows who mentioned the user and what they wrote', async () => {
    await start();
    h.fake.emit('note.mentioned', { conversationId: 'c1', messageId: 'n1', byName: '李雷', excerpt: '@王芳 can you check?' });
    expect(shown()).toEqual(['李雷 mentioned you: @王芳 can you check?']);
  });

  it('a ticket nearing or past its SLA target says so, once per target and kind', async () => {
    await start();
    const sla = { ticketId: 't1', number: 101, subject: '洗衣机不转', priority: 'high', departmentId: 'd1', assigneeId: null, target: 'first_response', dueAt: '2026-12-07T10:00:00.000Z', at: '2026-12-07T09:30:00.000Z' } as const;
    h.fake.emit('ticket.sla', { ...sla, kind: 'warning' });
    h.fake.emit('ticket.sla', { ...sla, kind: 'warning' });
    h.fake.emit('ticket.sla', { ...sla, kind: 'breach' });
    expect(shown()).toEqual([
      expect.stringMatching(/^Ticket #101 missed its first-reply target \(.+\): 洗衣机不转$/),
      expect.stringMatching(/^Ticket #101 needs a first reply by .+: 洗衣机不转$/),
    ]);
  });

  it('a takeover names the customer even when the conversation already left the inbox', async () => {
    await start();
    h.fake.emit('conversation.removed', { conversationId: 'c1' });
    h.fake.emit('conversation.taken', { conversationId: 'c1', byName: '陈琳', reason: 'VIP escalation' });
    expect(shown()).toEqual(['陈琳 took over the conversation with Zhang Wei: “VIP escalation”.']);
  });

  it('sensitive-word alerts reach supervisors only', async () => {
    const alert = {
      conversationId: 'c1',
      messageId: 'm1',
      contactName: 'Zhang Wei',
      senderType: 'contact' as const,
      senderName: 'Zhang Wei',
      words: ['微信'],
      excerpt: '加我微信',
      at: '2025-01-01T10:00:00.000Z',
    };
    await start();
    h.fake.emit('sensitive.alert', alert);
    expect(shown()).toEqual([]);
    h.fake.emit('session.changed', sessionOf(supervisor));
    await untilStore(h.stores.inbox, (s) => s.status === 'ready', "the supervisor's inbox");
    h.fake.emit('sensitive.alert', alert);
    expect(shown()).toEqual(['Sensitive words in Zhang Wei’s conversation: 微信']);
  });

  it('signing out clears them', async () => {
    await start();
    h.fake.emit('note.mentioned', { conversationId: 'c1', messageId: 'n1', byName: '李雷', excerpt: 'hi' });
    h.fake.emit('session.changed', signedOut);
    expect(h.stores.notices.getState().notices).toEqual([]);
  });
});
