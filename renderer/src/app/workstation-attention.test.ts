import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SessionState } from '../../../shared/contract';
import type { DesktopNotification } from '../../../shared/notifications';
import { useConnectionStore } from '../stores/connection-store';
import { useInboxSearchStore } from '../stores/inbox-search-store';
import { useInboxStore } from '../stores/inbox-store';
import { useNotifyStore } from '../stores/notify-store';
import { useSessionStore } from '../stores/session-store';
import { useViewStore } from '../stores/view-store';
import { FakeBridge, settle } from '../testing/fake-bridge';
import { conversation } from '../testing/fixtures';
import { ManualTimers } from '../testing/manual-timers';
import { createWorkstationController, type WorkstationController } from './workstation-controller';
import { answerQuietWorkstation } from '../testing/workstation-answers';

const user = { id: 'u1', accountId: 'acc', email: 'li@example.com', name: 'Li Na', role: 'agent' as const };
const signedIn: SessionState = { signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email };
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const preferences = { newConversations: true, newMessages: true, sound: true };

let fake: FakeBridge;
let controller: WorkstationController;
let stop: () => void;
let shown: DesktopNotification[];

beforeEach(async () => {
  useSessionStore.setState({ phase: 'loading', session: null, error: null });
  useConnectionStore.setState({ connection: null });
  useInboxStore.getState().reset();
  useNotifyStore.getState().reset();
  useInboxSearchStore.getState().reset();
  useViewStore.getState().reset();
  fake = new FakeBridge();
  shown = [];
  controller = createWorkstationController(fake.bridge, () => undefined, {
    timers: new ManualTimers(),
    notifier: { show: (n) => shown.push(n) },
  });
  answerQuietWorkstation(fake)
    .answer('session.get', () => signedIn)
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [
      conversation({ id: 'c1', contactId: 'k1', unread: 2, labels: ['new'] }),
      conversation({ id: 'c2', contactId: 'k2' }),
    ])

    .answer('attention.set', () => ({}))
    .answer('notifications.get', () => ({ preferences, badge: 2 }))
    .answer('notifications.set', (patch) => ({ ...preferences, ...patch }));
  stop = controller.start();
  await settle();
});

afterEach(() => stop());

describe('the workstation and the agent\'s attention', () => {
  it('reads the preferences and the badge on sign-in, and follows badge changes', async () => {
    expect(useNotifyStore.getState()).toMatchObject({ preferences, badge: 2 });
    fake.emit('badge.changed', { count: 5 });
    expect(useNotifyStore.getState().badge).toBe(5);
  });

  it('tells the core which conversation is open and whether the window has the focus', async () => {
    controller.selectConversation('c1');
    await settle();
    controller.setWindowVisible(false);
    controller.setWindowVisible(false);
    controller.setWindowVisible(true);
    await settle();
    expect(fake.callsOf('attention.set').slice(-3)).toEqual([
      { conversationId: 'c1', focused: true },
      { conversationId: 'c1', focused: false },
      { conversationId: 'c1', focused: true },
    ]);
  });

  it('hands the core\'s notifications to the page\'s notifier, and opens the conversation from a click on the shell\'s', async () => {
    const notice: DesktopNotification = { kind: 'message', conversationId: 'c2', title: 'Sarah', body: 'Hi', silent: false };
    fake.emit('notification.show', notice);
    expect(shown).toEqual([notice]);
    useViewStore.getState().setView('monitor');
    fake.emit('notification.opened', { conversationId: 'c2' });
    await settle();
    expect(useInboxStore.getState().selectedId).toBe('c2');
    expect(useViewStore.getState().view).toBe('inbox');
  });

  it('gives a customer\'s conversations their new tags as labels', () => {
    fake.emit('contact.updated', { id: 'k1', name: 'Zhang', email: null, phone: null, vipLevel: 1, tags: ['vip'] });
    expect(useInboxStore.getState().byId.c1?.labels).toEqual(['vip']);
    expect(useInboxStore.getState().byId.c2?.labels).toEqual([]);
  });

  it('keeps only the answer to the latest search', async () => {
    let release: (() => void) | null = null;
    fake.answer('conversations.search', async ({ query }) => {
      if (query === 'old') await new Promise<void>((resolve) => (release = resolve));
      return { hits: [{ conversationId: query === 'old' ? 'c1' : 'c2', messageId: 'm', createdAt: '', snippet: [] }], truncated: false };
    });
    const first = controller.searchMessages('old');
    await controller.searchMessages('new');
    release!();
    await first;
    expect(useInboxSearchStore.getState()).toMatchObject({ query: 'new', status: 'ready' });
    expect([...useInboxSearchStore.getState().hits.keys()]).toEqual(['c2']);
  });

  it('keeps the preferences the core saved, and shows why a change failed', async () => {
    await controller.setNotificationPreferences({ sound: false });
    expect(useNotifyStore.getState().preferences).toEqual({ ...preferences, sound: false });
    fake.failWith('notifications.set', 'internal', 'disk full');
    await expect(controller.setNotificationPreferences({ sound: true })).rejects.toMatchObject({ code: 'internal' });
    expect(useNotifyStore.getState().error).toMatchObject({ code: 'internal' });
    expect(useNotifyStore.getState().preferences?.sound).toBe(false);
  });
});
