import { describe, expect, it } from 'vitest';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import type { DemoPerson } from '../support/server-fixture';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// The real client cores of an admin, a supervisor and agents against the real server.
describe.each(targets)('team and settings administration through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  const cores = new Map<DemoPerson, Promise<TestCore>>();

  /** One desktop per person, signed in once: a second one would be another device of theirs. */
  function signIn(who: DemoPerson): Promise<TestCore> {
    const existing = cores.get(who);
    if (existing) return existing;
    const core = bed.signIn(who);
    cores.set(who, core);
    return core;
  }

  it('an admin changes the auto-away time through the contract; the agent’s desktop hears it at once', async () => {
    const admin = await signIn('admin');
    const wang = await signIn('wang');
    await waitUntil(() => wang.eventsOf('presence.changed').at(-1)?.autoAwaySeconds === 600, 'the agent’s first presence');

    const before = await admin.call('admin.settings', {});
    expect(before.settings.autoAwaySeconds).toBe(600);
    const saved = await admin.call('admin.saveSettings', { autoAwaySeconds: 240 });
    expect(saved.settings.autoAwaySeconds).toBe(240);
    await waitUntil(() => wang.eventsOf('presence.changed').at(-1)?.autoAwaySeconds === 240, 'the agent to hear the new auto-away time');
    expect((await wang.call('presence.get', {}))?.autoAwaySeconds).toBe(240);

    const audit = await admin.call('audit.list', { query: 'settings.update' });
    expect(audit.entries[0]).toMatchObject({ action: 'settings.update', details: { before: { autoAwaySeconds: 600 }, after: { autoAwaySeconds: 240 } } });

    // An agent asking is refused by the server; bad values never leave the desktop.
    expect(await wang.invoke('admin.saveSettings', { autoAwaySeconds: 60 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await admin.invoke('admin.saveSettings', { autoAwaySeconds: 5 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('a promoted agent’s desktop learns the new role without signing in again and syncs what it may now see', async () => {
    const admin = await signIn('admin');
    const wang = await signIn('wang');
    const li = await signIn('li');
    const liId = (await li.call('session.get', {})).user!.id;
    // 李雷 takes no new chats for now, so the customer's chat is offered to 王芳, not to him.
    await li.call('presence.set', { presence: 'busy' });

    // A colleague's chat: an agent does not see it, a supervisor does.
    const visitor = await bed.visitor({ name: 'Promotion visitor' });
    await visitor.send('Promotion visitor: 我的订单到哪了？');
    const waiting = await waitUntil(
      () => wang.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.startsWith('Promotion visitor')),
      'the customer’s conversation',
    );
    await wang.call('outbox.send', { conversationId: waiting.id, body: '我来帮您查' });
    await visitor.waitFor((m) => m.body === '我来帮您查');
    await waitUntil(
      async () => !(await li.call('conversations.list', {})).some((c) => c.id === waiting.id),
      'the claimed chat to leave the other agent’s inbox',
    );
    const mark = li.eventsOf('connection.changed').length;
    const reloads = li.eventsOf('inbox.reloaded').length;

    const promoted = await admin.call('admin.saveUser', { id: liId, role: 'supervisor' });
    expect(promoted.role).toBe('supervisor');
    await waitUntil(() => li.eventsOf('session.changed').some((s) => s.user?.role === 'supervisor'), 'li’s session to say supervisor');
    await li.waitForStatusSince(mark, 'online');
    expect(await li.call('session.get', {})).toMatchObject({ signedIn: true, user: { id: liId, role: 'supervisor' } });
    // The cache starts over with a supervisor's view: the whole inbox is read again.
    await waitUntil(() => li.eventsOf('inbox.reloaded').length > reloads, 'li’s inbox to reload');
    await waitUntil(
      async () => (await li.call('conversations.list', {})).find((c) => c.id === waiting.id && c.assigneeId !== liId),
      'the colleague’s chat in the new supervisor’s inbox',
    );
    // Still signed in: the reconnect was silent.
    expect(li.eventsOf('session.changed').every((s) => s.signedIn)).toBe(true);

    const team = await admin.call('admin.team', {});
    expect(team.users.find((u) => u.id === liId)).toMatchObject({ role: 'supervisor', active: true });
  });

  it('signing out on the desktop takes the agent offline at once: the supervisor’s board says so', async () => {
    const supervisor = await signIn('supervisor');
    const wang = await signIn('wang');
    const wangId = (await wang.call('session.get', {})).user!.id;
    await waitUntil(
      async () => (await supervisor.call('team.list', {})).agents.find((a) => a.id === wangId && a.presence === 'online'),
      'wang online on the board',
    );
    const mark = supervisor.eventsOf('team.member').length;
    const started = Date.now();
    await wang.call('session.logout', {});
    await waitUntil(
      () => supervisor.eventsOf('team.member').slice(mark).some((m) => m.id === wangId && m.presence === 'offline'),
      'the supervisor to see wang offline',
      30_000,
    );
    // The reconnect grace period (three minutes) did not apply.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('offline, the admin methods answer offline', async () => {
    const admin = await signIn('admin');
    await bed.server.close();
    await admin.waitForStatus('offline');
    expect(await admin.invoke('admin.team', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await admin.invoke('admin.saveSettings', { autoAwaySeconds: 300 })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
