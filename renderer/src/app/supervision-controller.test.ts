import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, MethodResult, SessionState } from '../../../shared/contract';
import type { AuditEntryView, SensitiveWord } from '../../../shared/domain';
import type { ManagedUser, RoutingSettingsView } from '../../../shared/team-admin';
import { useMonitorFilterStore } from '../features/monitor/monitor-filter-store';
import { useAuditStore } from '../stores/audit-store';
import { useConnectionStore } from '../stores/connection-store';
import { useInboxFilterStore } from '../stores/inbox-filter-store';
import { useInboxStore } from '../stores/inbox-store';
import { useRoutingSettingsStore } from '../stores/routing-settings-store';
import { useSensitiveWordsStore } from '../stores/sensitive-words-store';
import { useTeamAdminStore } from '../stores/team-admin-store';
import { useSessionStore } from '../stores/session-store';
import { useSupervisionStore } from '../stores/supervision-store';
import { useTeamStore } from '../stores/team-store';
import { useViewStore } from '../stores/view-store';
import { FakeBridge } from '../testing/fake-bridge';
import { untilStore } from '../testing/until-store';
import { conversation, skillGroup, teamMember } from '../testing/fixtures';
import { createSupervisionController, type SupervisionController } from './supervision-controller';

const supervisor = { id: 'sup', accountId: 'acc', email: 'supervisor@example.com', name: 'Chen Lin', role: 'supervisor' as const };
const signedIn = (user = supervisor): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const offline: ConnectionState = { ...online, status: 'offline', since: '2025-01-01T10:05:00.000Z' };

function entry(id: number, action = 'takeover'): AuditEntryView {
  return {
    id,
    action,
    actorId: 'sup',
    actorName: 'Chen Lin',
    targetType: 'conversation',
    targetId: `c${id}`,
    details: {},
    createdAt: '2025-01-01T10:00:00.000Z',
  };
}

function word(id: string, pattern: string): SensitiveWord {
  return { id, pattern, kind: 'word', action: 'alert', updatedAt: '2025-01-01T10:00:00.000Z' };
}

/** A promise the test settles by hand, to answer calls out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let fake: FakeBridge;
let controller: SupervisionController;
let stop: () => void;
let reports: string[];
let selected: (string | null)[];

beforeEach(() => {
  useSessionStore.setState({ phase: 'ready', session: signedIn(), error: null });
  useConnectionStore.setState({ connection: online });
  useInboxStore.getState().reset();
  useInboxStore.getState().setMe('sup');
  useInboxFilterStore.setState({ filter: 'mine' });
  useTeamStore.getState().reset();
  useSupervisionStore.getState().reset();
  useAuditStore.getState().reset();
  useSensitiveWordsStore.getState().reset();
  useTeamAdminStore.getState().reset();
  useRoutingSettingsStore.getState().reset();
  useMonitorFilterStore.getState().reset();
  useViewStore.getState().reset();
  fake = new FakeBridge();
  reports = [];
  selected = [];
  controller = createSupervisionController(fake.bridge, { selectConversation: (id) => selected.push(id) }, (m) => reports.push(m));
  stop = controller.start();
});

afterEach(() => stop());

describe('the live agent board', () => {
  it('follows a colleague’s presence and load as the server reports them', () => {
    useTeamStore.getState().setLoaded([teamMember({ id: 'wang', name: '王芳', load: 1 })], [skillGroup({ id: 'pre' })]);
    fake.emit('team.member', teamMember({ id: 'wang', name: '王芳', presence: 'busy', load: 4 }));
    fake.emit('team.member', teamMember({ id: 'emma', name: 'Emma Clark' }));
    expect(useTeamStore.getState().agents.map((a) => [a.name, a.presence, a.load])).toEqual([
      ['王芳', 'busy', 4],
      ['Emma Clark', 'online', 0],
    ]);
  });

  it('drops an event of the wrong shape and says so', () => {
    fake.emit('team.member', { id: 'wang' } as never);
    expect(useTeamStore.getState().agents).toEqual([]);
    expect(reports.join('\n')).toMatch(/dropped team\.member/);
  });
});

describe('alerts and who is where', () => {
  it('flags a conversation when its messages match sensitive words', () => {
    fake.emit('sensitive.alert', {
      conversationId: 'c1',
      messageId: 'm1',
      contactName: 'Zhang Wei',
      senderType: 'contact',
      senderName: 'Zhang Wei',
      words: ['scam'],
      excerpt: 'a scam',
      at: '2025-01-01T10:00:00.000Z',
    });
    expect(useSupervisionStore.getState().alerts.c1).toMatchObject({ count: 1, words: ['scam'] });
  });

  it('keeps a long wait supervisors were alerted of until it is dismissed, and drops an invalid push', () => {
    const alert = {
      conversationId: 'c2', contactName: 'Nora', groupName: '售后 After-sales', waitingSince: '2025-01-01T10:00:00.000Z',
      afterSeconds: 300, nobodyOnline: true, at: '2025-01-01T10:05:00.000Z',
    };
    fake.emit('queue.escalated', alert);
    fake.emit('queue.escalated', { conversationId: 'c3' } as never);
    expect(useSupervisionStore.getState().escalations).toEqual({ c2: alert });
    useSupervisionStore.getState().dismissEscalation('c2');
    expect(useSupervisionStore.getState().escalations).toEqual({});
  });

  it('forgets who is viewing when the connection drops, since nobody can say when they leave', () => {
    fake.emit('activity.changed', {
      conversationId: 'c1',
      userId: 'wang',
      name: '王芳',
      role: 'agent',
      state: 'typing',
      preview: 'hi',
      at: '2025-01-01T10:00:00.000Z',
    });
    expect(Object.keys(useSupervisionStore.getState().activity)).toEqual(['c1']);
    useConnectionStore.getState().setConnection(offline);
    expect(useSupervisionStore.getState().activity).toEqual({});
  });
});

describe('opening a conversation from the monitor', () => {
  it('shows the inbox with the conversation open, under All when the current tab would hide it', () => {
    useInboxStore.getState().setLoaded([conversation({ id: 'c7', assigneeId: 'wang', assigneeName: '王芳' })]);
    useViewStore.getState().setView('monitor');
    controller.openConversation('c7');
    expect(selected).toEqual(['c7']);
    expect(useViewStore.getState().view).toBe('inbox');
    expect(useInboxFilterStore.getState().filter).toBe('all');
  });

  it('keeps the tab when it already lists the conversation', () => {
    useInboxStore.getState().setLoaded([conversation({ id: 'c8', assigneeId: 'sup' })]);
    controller.openConversation('c8');
    expect(useInboxFilterStore.getState().filter).toBe('mine');
  });
});

describe('the audit log', () => {
  it('shows the newest entries first and adds older pages with load more', async () => {
    fake.answer('audit.list', ({ before }) =>
      before === undefined ? { entries: [entry(3), entry(2)], nextBefore: 2 } : { entries: [entry(1)], nextBefore: null },
    );
    await controller.searchAudit('');
    expect(useAuditStore.getState()).toMatchObject({ status: 'ready', nextBefore: 2 });
    await controller.loadMoreAudit();
    expect(useAuditStore.getState().entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(useAuditStore.getState().nextBefore).toBeNull();
    expect(fake.callsOf('audit.list')).toEqual([{}, { before: 2 }]);
    // Nothing older: load more asks nothing.
    await controller.loadMoreAudit();
    expect(fake.callsOf('audit.list')).toHaveLength(2);
  });

  it('sends the search to the server and pages within it', async () => {
    fake.answer('audit.list', () => ({ entries: [entry(9, 'whisper')], nextBefore: 9 }));
    await controller.searchAudit('  whisper ');
    await controller.loadMoreAudit();
    expect(fake.callsOf('audit.list')).toEqual([{ query: 'whisper' }, { query: 'whisper', before: 9 }]);
  });

  it('shows only the latest search when an earlier one answers late', async () => {
    const slow = deferred<MethodResult<'audit.list'>>();
    fake.answer('audit.list', ({ query }) => (query === 'takeover' ? slow.promise : { entries: [entry(5, 'whisper')], nextBefore: null }));
    const first = controller.searchAudit('takeover');
    await controller.searchAudit('whisper');
    slow.resolve({ entries: [entry(4)], nextBefore: null });
    await first;
    expect(useAuditStore.getState()).toMatchObject({ query: 'whisper', status: 'ready' });
    expect(useAuditStore.getState().entries.map((e) => e.action)).toEqual(['whisper']);
  });

  it('keeps the error when the log cannot be read, and reads again when the connection returns', async () => {
    fake.failWith('audit.list', 'offline', 'The audit log needs the connection');
    await controller.searchAudit('export');
    expect(useAuditStore.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    fake.answer('audit.list', () => ({ entries: [entry(1, 'audit_export')], nextBefore: null }));
    useConnectionStore.getState().setConnection(offline);
    useConnectionStore.getState().setConnection(online);
    await untilStore(useAuditStore, (s) => s.status === 'ready', 'the audit log read again');
    expect(useAuditStore.getState()).toMatchObject({ status: 'ready', query: 'export' });
    expect(fake.callsOf('audit.list').at(-1)).toEqual({ query: 'export' });
  });

  it('keeps the shown page when an older page fails, with the reason', async () => {
    fake.answer('audit.list', () => ({ entries: [entry(2)], nextBefore: 2 }));
    await controller.searchAudit('');
    fake.failWith('audit.list', 'timeout');
    await controller.loadMoreAudit();
    expect(useAuditStore.getState()).toMatchObject({ entries: [entry(2)], loadingMore: false, moreError: { code: 'timeout' } });
  });

  it('hands the export to the screen, and its failure too', async () => {
    fake.answer('audit.export', () => ({ filename: 'audit.csv', csv: 'id\r\n1\r\n' }));
    await expect(controller.exportAudit(' takeover ')).resolves.toEqual({ filename: 'audit.csv', csv: 'id\r\n1\r\n' });
    expect(fake.callsOf('audit.export')).toEqual([{ query: 'takeover' }]);
    fake.failWith('audit.export', 'forbidden');
    await expect(controller.exportAudit('')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the sensitive word list', () => {
  it('reads the list again when it changed, once the admin screen has it', async () => {
    let list = [word('w1', 'scam')];
    fake.answer('sensitive.list', () => list);
    // Not shown yet: the change is not even read (the handler would ask at once).
    fake.emit('catalog.updated', {});
    expect(fake.callsOf('sensitive.list')).toHaveLength(0);
    await controller.loadSensitiveWords();
    list = [word('w1', 'scam'), word('w2', 'idiot')];
    fake.emit('catalog.updated', {});
    await untilStore(useSensitiveWordsStore, (s) => s.words.length === 2, 'the list read again');
    expect(useSensitiveWordsStore.getState().words.map((w) => w.pattern)).toEqual(['scam', 'idiot']);
  });

  it('shows a saved entry at once and drops a deleted one', async () => {
    fake.answer('sensitive.list', () => [word('w1', 'scam')]);
    await controller.loadSensitiveWords();
    fake.answer('sensitive.save', (args) => ({ ...word(args.id ?? 'w2', args.pattern), action: args.action }));
    await controller.saveSensitiveWord({ pattern: 'idiot', kind: 'word', action: 'block' });
    await controller.saveSensitiveWord({ id: 'w1', pattern: 'scam', kind: 'word', action: 'mask' });
    expect(useSensitiveWordsStore.getState().words.map((w) => [w.pattern, w.action])).toEqual([
      ['scam', 'mask'],
      ['idiot', 'block'],
    ]);
    fake.answer('sensitive.delete', () => ({ deleted: true }));
    await controller.deleteSensitiveWord('w1');
    expect(useSensitiveWordsStore.getState().words.map((w) => w.id)).toEqual(['w2']);
  });

  it('lets the form show why a save was refused, changing nothing', async () => {
    fake.answer('sensitive.list', () => [word('w1', 'scam')]);
    await controller.loadSensitiveWords();
    fake.failWith('sensitive.save', 'bad_request', 'pattern: invalid regular expression');
    await expect(controller.saveSensitiveWord({ pattern: '(', kind: 'regex', action: 'block' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(useSensitiveWordsStore.getState().words.map((w) => w.id)).toEqual(['w1']);
  });
});

describe('the team and the routing settings', () => {
  const member = (id: string, role: 'agent' | 'admin' = 'agent'): ManagedUser => ({
    id, name: id, email: `${id}@demo.test`, role, maxChats: 5, groupIds: [], presence: 'online', active: true,
  });
  const settingsView: RoutingSettingsView = {
    settings: { autoAwaySeconds: 600, reconnectGraceSeconds: 180, acceptTimeoutSeconds: 30, reofferCooldownSeconds: 60, escalateAfterSeconds: 300 },
    groups: [],
  };

  it('shows a saved or added person at once', async () => {
    fake.answer('admin.team', () => ({ users: [member('wang'), member('boss', 'admin')], groups: [] }));
    await controller.loadTeamAdmin();
    fake.answer('admin.saveUser', ({ id }) => ({ ...member(id), role: 'supervisor' }));
    await controller.saveUser({ id: 'wang', role: 'supervisor' });
    fake.answer('admin.createUser', ({ email, name, role }) => ({ ...member('zhao'), email, name, role }));
    await controller.createUser({ email: 'zhao@demo.test', name: '赵敏', role: 'agent', password: 'first-pass' });
    expect(useTeamAdminStore.getState().users.map((u) => [u.id, u.role])).toEqual([
      ['wang', 'supervisor'],
      ['boss', 'admin'],
      ['zhao', 'agent'],
    ]);
  });

  it('reads the team again when a save was refused because it changed meanwhile, and lets the row show why', async () => {
    fake.answer('admin.team', () => ({ users: [member('boss', 'admin')], groups: [] }));
    await controller.loadTeamAdmin();
    fake.failWith('admin.saveUser', 'conflict', 'last admin', { reason: 'last_admin' });
    await expect(controller.saveUser({ id: 'boss', role: 'agent' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'last_admin' } });
    expect(fake.callsOf('admin.team')).toHaveLength(2);
    await untilStore(useTeamAdminStore, (s) => s.status === 'ready', 'the team read again');
    expect(useTeamAdminStore.getState().users[0]?.role).toBe('admin');
  });

  it('keeps a failed load and reads again when the connection returns', async () => {
    fake.failWith('admin.settings', 'offline');
    fake.failWith('admin.team', 'offline');
    await controller.loadRoutingSettings();
    await controller.loadTeamAdmin();
    expect(useRoutingSettingsStore.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    fake.answer('admin.settings', () => settingsView);
    fake.answer('admin.team', () => ({ users: [], groups: [] }));
    useConnectionStore.getState().setConnection(offline);
    useConnectionStore.getState().setConnection(online);
    await untilStore(useRoutingSettingsStore, (s) => s.status === 'ready', 'the routing settings read again');
    await untilStore(useTeamAdminStore, (s) => s.status === 'ready', 'the team read again');
    expect(useRoutingSettingsStore.getState()).toMatchObject({ status: 'ready', view: settingsView });
    expect(useTeamAdminStore.getState().status).toBe('ready');
  });

  it('holds what the server answered to a save', async () => {
    const saved = { ...settingsView, settings: { ...settingsView.settings, autoAwaySeconds: 300 } };
    fake.answer('admin.saveSettings', () => saved);
    await expect(controller.saveRoutingSettings({ autoAwaySeconds: 300 })).resolves.toEqual(saved);
    expect(useRoutingSettingsStore.getState().view).toEqual(saved);
  });

  it('forgets the team and the settings when someone else signs in', async () => {
    fake.answer('admin.settings', () => settingsView);
    await controller.loadRoutingSettings();
    useSessionStore.getState().setSession(signedIn({ ...supervisor, id: 'other' }));
    expect(useRoutingSettingsStore.getState()).toMatchObject({ status: 'idle', view: null });
  });
});

describe('signing out or in as someone else', () => {
  it('forgets the audit log, the word list, alerts and the chosen screen', async () => {
    fake.answer('audit.list', () => ({ entries: [entry(1)], nextBefore: null }));
    await controller.searchAudit('');
    useViewStore.getState().setView('admin');
    useMonitorFilterStore.getState().setFilter({ state: 'queued' });
    useSessionStore.getState().setSession({ signedIn: false, user: null, serverUrl: null, lastEmail: null });
    expect(useAuditStore.getState().entries).toEqual([]);
    expect(useViewStore.getState().view).toBe('inbox');
    expect(useMonitorFilterStore.getState().filter.state).toBe('any');
  });

  it('keeps everything when the same user’s session is reported again', async () => {
    useViewStore.getState().setView('monitor');
    useSessionStore.getState().setSession(signedIn());
    expect(useViewStore.getState().view).toBe('monitor');
  });
});
