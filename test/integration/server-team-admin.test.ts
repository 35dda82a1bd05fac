import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import type { AgentState, Conversation, TeamMember } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { AGENT_NAMESPACE, type AuthTokens } from '../../shared/protocol';
import type { ManagedUser, RoutingSettingsView, TeamView } from '../../shared/team-admin';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectAgent, connectVisitor, login, postJson, record, request, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

afterAll(() => closeAllSockets());

const logins = {
  admin: ['admin@demo.test', 'demo-admin'],
  supervisor: ['supervisor@demo.test', 'demo-supervisor'],
  wang: ['wang.fang@demo.test', 'demo-agent'],
  emma: ['emma@demo.test', 'demo-agent'],
} as const;
type Who = keyof typeof logins;

for (const target of targets) {
  describe(`team and settings administration on ${target.label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let accountId: string;
    const tokens = {} as Record<Who, AuthTokens>;
    const sockets = {} as Record<'admin' | 'supervisor' | 'wang', Socket>;
    const groups: Record<'pre' | 'after', string> = { pre: '', after: '' };

    const ask = <T>(who: keyof typeof sockets, name: string, payload: unknown) => request<T>(sockets[who], name, payload);
    const auditRows = async (action: string) =>
      server.db.query<{ actor_id: string; target_type: string; target_id: string; details: Record<string, unknown> }>(
        'SELECT actor_id, target_type, target_id, details FROM audit_log WHERE account_id = $1 AND action = $2 ORDER BY id',
        [accountId, action],
      );
    const userRow = async (id: string) =>
      (await server.db.query<{ role: string; presence: string; max_chats: number; deactivated_at: unknown }>(
        'SELECT role, presence, max_chats, deactivated_at FROM users WHERE id = $1',
        [id],
      ))[0]!;
    const closed = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', routingSweepMs: 60_000, ...opened.options });
      console.log(`database: ${opened.describe} (server ${server.url})`);
      for (const [who, [email, password]] of Object.entries(logins) as [Who, readonly [string, string]][]) {
        tokens[who] = await login(server.url, email, password);
        accountId = tokens[who].user.accountId;
      }
      for (const who of ['admin', 'supervisor', 'wang'] as const) sockets[who] = await connectAgent(server.url, tokens[who].accessToken);
      const rows = await server.db.query<{ id: string; name: string }>('SELECT id, name FROM skill_groups WHERE account_id = $1', [accountId]);
      groups.pre = rows.find((g) => g.name.includes('Pre-sales'))!.id;
      groups.after = rows.find((g) => g.name.includes('After-sales'))!.id;
      await server.router.settled();
    });

    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('refuses every admin request from an agent and from a supervisor, changing nothing', async () => {
      const emmaId = tokens.emma.user.id;
      const requests: [string, unknown][] = [
        ['admin:team:get', {}],
        ['admin:user:save', { id: emmaId, role: 'admin' }],
        ['admin:user:create', { email: 'intruder@demo.test', name: 'Intruder', role: 'admin', password: 'long-enough-1' }],
        ['admin:settings:get', {}],
        ['admin:settings:save', { autoAwaySeconds: 120 }],
      ];
      for (const who of ['wang', 'supervisor'] as const) {
        for (const [name, payload] of requests) {
          expect(await ask(who, name, payload), `${who} ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
      }
      expect((await userRow(emmaId)).role).toBe('agent');
      expect(await server.db.query('SELECT 1 FROM users WHERE email = $1', ['intruder@demo.test'])).toHaveLength(0);
      const settings = await server.db.query<{ auto_away_seconds: number }>('SELECT auto_away_seconds FROM accounts WHERE id = $1', [accountId]);
      expect(Number(settings[0]!.auto_away_seconds)).toBe(600);
      expect(await server.db.query("SELECT 1 FROM audit_log WHERE action LIKE 'user.%' OR action = 'settings.update'")).toHaveLength(0);
    });

    it('lists every user with role, capacity, groups and presence, and the groups with their settings', async () => {
      const team = data(await ask<TeamView>('admin', 'admin:team:get', {}));
      expect(team.users.map((u) => u.email).sort()).toEqual(
        ['admin@demo.test', 'emma@demo.test', 'li.lei@demo.test', 'supervisor@demo.test', 'wang.fang@demo.test'],
      );
      expect(team.users.find((u) => u.id === tokens.emma.user.id)).toEqual({
        id: tokens.emma.user.id, name: 'Emma Clark', email: 'emma@demo.test', role: 'agent', maxChats: 5,
        groupIds: [groups.pre, groups.after].sort(), presence: 'offline', active: true,
      });
      expect(team.users.find((u) => u.id === tokens.wang.user.id)?.presence).toBe('online');
      expect(team.groups.map((g) => g.id).sort()).toEqual([groups.pre, groups.after].sort());
      expect(team.groups[0]).toMatchObject({ maxChatsPerAgent: null, businessHours: { timezone: 'Asia/Shanghai' } });
    });

    it('changes a role: audited before and after, the user is disconnected and comes back with the new role', async () => {
      const emma = tokens.emma;
      const emmaSocket = await connectAgent(server.url, emma.accessToken);
      const gone = closed(emmaSocket);
      const { user } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:save', { id: emma.user.id, role: 'supervisor' }));
      expect(user).toMatchObject({ id: emma.user.id, role: 'supervisor' });
      expect(await gone).toBe('io server disconnect');

      const changes = await auditRows('user.role_change');
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        actor_id: tokens.admin.user.id, target_type: 'user', target_id: emma.user.id,
        details: { name: 'Emma Clark', before: { role: 'agent' }, after: { role: 'supervisor' } },
      });
      expect(await auditRows('user.update')).toHaveLength(0);

      // The old token names the old role: refused as expired, so the desktop refreshes it…
      await expect(connectAgent(server.url, emma.accessToken)).rejects.toThrow('token_expired');
      const refreshed = await postJson(server.url, '/api/auth/refresh', { refreshToken: emma.refreshToken });
      expect(refreshed.status).toBe(200);
      const fresh = refreshed.body as AuthTokens;
      expect(fresh.user.role).toBe('supervisor');
      tokens.emma = fresh;

      // …and the next connection is a supervisor's: she hears the team board.
      const board: TeamMember[] = [];
      await connectAgent(server.url, fresh.accessToken, (s) => s.on('team:member', (m: TeamMember) => board.push(m)));
      data(await ask('wang', 'presence:set', { presence: 'busy' }));
      await waitFor(() => board.some((m) => m.id === tokens.wang.user.id && m.presence === 'busy'), 'the new supervisor to hear the board');
      data(await ask('wang', 'presence:set', { presence: 'online' }));
    });

    it('changes name, capacity and groups as one audited update that reaches the team board', async () => {
      const emmaId = tokens.emma.user.id;
      const board = record<TeamMember>(sockets.supervisor, 'team:member');
      const { user } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:save', {
        id: emmaId, name: '  Emma C.  ', maxChats: 3, groupIds: [groups.after],
      }));
      expect(user).toMatchObject({ name: 'Emma C.', maxChats: 3, groupIds: [groups.after], role: 'supervisor' });
      const updates = await auditRows('user.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.details).toEqual({
        name: 'Emma Clark',
        before: { name: 'Emma Clark', maxChats: 5, groups: expect.arrayContaining(['售前 Pre-sales', '售后 After-sales']) },
        after: { name: 'Emma C.', maxChats: 3, groups: ['售后 After-sales'] },
      });
      await waitFor(() => board.some((m) => m.id === emmaId && m.maxChats === 3 && m.name === 'Emma C.'), 'the board to show the new capacity');

      // Saving the same values again records nothing.
      data(await ask('admin', 'admin:user:save', { id: emmaId, name: 'Emma C.', maxChats: 3, groupIds: [groups.after] }));
      expect(await auditRows('user.update')).toHaveLength(1);

      expect(await ask('admin', 'admin:user:save', { id: emmaId, maxChats: 0 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('admin', 'admin:user:save', { id: emmaId, maxChats: 51 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('admin', 'admin:user:save', { id: emmaId, groupIds: ['no-such-group'] })).toMatchObject({
        ok: false, error: { code: 'bad_request', details: { groupId: 'no-such-group' } },
      });
      expect(await ask('admin', 'admin:user:save', { id: 'nobody', role: 'agent' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ask('admin', 'admin:user:save', { id: emmaId, name: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect((await userRow(emmaId)).max_chats).toBe(3);
    });

    it('refuses to demote or deactivate the last admin, and allows it once there is another', async () => {
      const adminId = tokens.admin.user.id;
      expect(await ask('admin', 'admin:user:save', { id: adminId, role: 'agent' })).toMatchObject({
        ok: false, error: { code: 'conflict', details: { reason: 'last_admin' } },
      });
      expect(await ask('admin', 'admin:user:save', { id: adminId, active: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((await userRow(adminId)).role).toBe('admin');
      expect(sockets.admin.connected).toBe(true);

      const { user: second } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:create', {
        email: 'second.admin@demo.test', name: 'Second Admin', role: 'admin', password: 'second-admin-pw',
      }));
      const { user: demoted } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:save', { id: second.id, role: 'supervisor' }));
      expect(demoted.role).toBe('supervisor');
      // Demoted again to one admin: the first is the last once more.
      expect(await ask('admin', 'admin:user:save', { id: adminId, role: 'supervisor' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((await auditRows('user.role_change')).at(-1)).toMatchObject({
        target_id: second.id, details: { before: { role: 'admin' }, after: { role: 'supervisor' } },
      });
    });

    it('adds a user who signs in with the first password; the password never reaches the audit log', async () => {
      const { user } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:create', {
        email: '  Zhao.Min@Demo.Test ', name: '赵敏', role: 'agent', password: 'first-password-1', maxChats: 4, groupIds: [groups.pre],
      }));
      expect(user).toMatchObject({ email: 'zhao.min@demo.test', name: '赵敏', role: 'agent', maxChats: 4, groupIds: [groups.pre], active: true });
      const signedIn = await login(server.url, 'zhao.min@demo.test', 'first-password-1');
      expect(signedIn.user).toMatchObject({ id: user.id, role: 'agent', name: '赵敏' });

      const created = (await auditRows('user.create')).find((r) => r.target_id === user.id);
      expect(created).toMatchObject({ actor_id: tokens.admin.user.id, details: { email: 'zhao.min@demo.test', role: 'agent', maxChats: 4, groups: ['售前 Pre-sales'] } });
      expect(JSON.stringify(created)).not.toContain('first-password-1');

      const again = { email: 'zhao.min@demo.test', name: 'Again', role: 'agent', password: 'another-pass' };
      expect(await ask('admin', 'admin:user:create', again)).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'email_taken' } } });
      expect(await ask('admin', 'admin:user:create', { ...again, email: 'short@demo.test', password: 'short' })).toMatchObject({
        ok: false, error: { code: 'bad_request' },
      });
      expect(await ask('admin', 'admin:user:create', { ...again, email: 'not-an-email' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });

    it('deactivates a user: signed out everywhere, kept out, off the team; reactivating lets them back', async () => {
      const tokensZhao = await login(server.url, 'zhao.min@demo.test', 'first-password-1');
      const zhao = tokensZhao.user.id;
      const socket = await connectAgent(server.url, tokensZhao.accessToken);
      const gone = closed(socket);
      const { user } = data(await ask<{ user: ManagedUser }>('admin', 'admin:user:save', { id: zhao, active: false }));
      expect(user).toMatchObject({ active: false, presence: 'offline' });
      await gone;
      expect(await auditRows('user.deactivate')).toMatchObject([{ target_id: zhao, details: { name: '赵敏', email: 'zhao.min@demo.test' } }]);

      const refused = await postJson(server.url, '/api/auth/login', { email: 'zhao.min@demo.test', password: 'first-password-1' });
      expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect((await postJson(server.url, '/api/auth/refresh', { refreshToken: tokensZhao.refreshToken })).status).toBe(401);
      await expect(connectAgent(server.url, tokensZhao.accessToken)).rejects.toThrow('unauthorized');
      const team = data(await ask<{ agents: TeamMember[] }>('supervisor', 'team:list', {}));
      expect(team.agents.some((a) => a.id === zhao)).toBe(false);
      const managed = data(await ask<TeamView>('admin', 'admin:team:get', {}));
      expect(managed.users.at(-1)).toMatchObject({ id: zhao, active: false });

      data(await ask('admin', 'admin:user:save', { id: zhao, active: true }));
      expect(await auditRows('user.reactivate')).toHaveLength(1);
      expect((await login(server.url, 'zhao.min@demo.test', 'first-password-1')).user.id).toBe(zhao);
      // What the old sessions held stays ended: they sign in again.
      await expect(connectAgent(server.url, tokensZhao.accessToken)).rejects.toThrow('unauthorized');
    });

    it('changes routing settings within bounds: audited before and after, and every agent hears the new auto-away time', async () => {
      const states = record<AgentState>(sockets.wang, 'agent:state');
      const view = data(await ask<RoutingSettingsView>('admin', 'admin:settings:save', { autoAwaySeconds: 300, acceptTimeoutSeconds: 30 }));
      expect(view.settings).toEqual({
        autoAwaySeconds: 300, reconnectGraceSeconds: 180, acceptTimeoutSeconds: 30, reofferCooldownSeconds: 60, escalateAfterSeconds: 300,
      });
      await waitFor(() => states.some((s) => s.autoAwaySeconds === 300), 'wang to hear the new auto-away time');

      const audited = await auditRows('settings.update');
      expect(audited).toHaveLength(1);
      // Only what changed: the accept timeout was already 30 seconds.
      expect(audited[0]).toMatchObject({
        actor_id: tokens.admin.user.id, target_type: 'settings', target_id: accountId,
        details: { before: { autoAwaySeconds: 600 }, after: { autoAwaySeconds: 300 } },
      });
      data(await ask('admin', 'admin:settings:save', { autoAwaySeconds: 300 }));
      expect(await auditRows('settings.update')).toHaveLength(1);

      const hours = { timezone: 'Europe/London', days: { tue: [['13:00', '18:00']], mon: [['09:00', '12:00'], ['13:00', '18:00']] } };
      const withGroup = data(await ask<RoutingSettingsView>('admin', 'admin:settings:save', {
        groups: [{ id: groups.pre, maxChatsPerAgent: 2, businessHours: hours }],
      }));
      expect(withGroup.groups.find((g) => g.id === groups.pre)).toEqual({
        id: groups.pre, name: '售前 Pre-sales', maxChatsPerAgent: 2, overflowAfterSeconds: 60, overflowTarget: 'any',
        businessHours: { timezone: 'Europe/London', days: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['13:00', '18:00']] } },
      });
      expect((await auditRows('settings.update')).at(-1)).toMatchObject({
        target_type: 'skill_group', target_id: groups.pre,
        details: {
          group: '售前 Pre-sales',
          before: { maxChatsPerAgent: null, businessHours: expect.stringMatching(/^Asia\/Shanghai mon 00:00–24:00/) },
          after: { maxChatsPerAgent: 2, businessHours: 'Europe/London mon 09:00–12:00, 13:00–18:00 · tue 13:00–18:00' },
        },
      });
      expect(data(await ask<RoutingSettingsView>('admin', 'admin:settings:get', {}))).toEqual(withGroup);

      const refusals: unknown[] = [
        { autoAwaySeconds: 30 },
        { autoAwaySeconds: 8 * 3600 + 1 },
        { reconnectGraceSeconds: -1 },
        { acceptTimeoutSeconds: 0 },
        { acceptTimeoutSeconds: 1.5 },
        { groups: [{ id: groups.pre, maxChatsPerAgent: 0 }] },
        { groups: [{ id: groups.pre, businessHours: { timezone: 'Asia/Shanghai', days: { mon: [['18:00', '09:00']] } } }] },
        { groups: [{ id: groups.pre, businessHours: { timezone: 'Mars/Olympus_Mons', days: {} } }] },
        { groups: [{ id: groups.pre, businessHours: { timezone: 'UTC', days: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } } }] },
      ];
      for (const payload of refusals) {
        expect(await ask('admin', 'admin:settings:save', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
      expect(await ask('admin', 'admin:settings:save', { groups: [{ id: 'nope', maxChatsPerAgent: 3 }] })).toMatchObject({
        ok: false, error: { code: 'not_found' },
      });
      expect(await auditRows('settings.update')).toHaveLength(2);

      // Back to always open, so the group answers at any hour again.
      const reopened = data(await ask<RoutingSettingsView>('admin', 'admin:settings:save', { groups: [{ id: groups.pre, businessHours: null }] }));
      expect(reopened.groups.find((g) => g.id === groups.pre)?.businessHours).toBeNull();
      expect((await auditRows('settings.update')).at(-1)!.details).toMatchObject({ after: { businessHours: 'always' } });
    });

    it('changes the re-offer cool-down, the escalation time and a group’s overflow: checked, audited by name', async () => {
      const before = (await auditRows('settings.update')).length;
      const saved = data(await ask<RoutingSettingsView>('admin', 'admin:settings:save', {
        reofferCooldownSeconds: 20, escalateAfterSeconds: 600,
        groups: [{ id: groups.after, overflowAfterSeconds: 30, overflowTarget: groups.pre }],
      }));
      expect(saved.settings).toMatchObject({ reofferCooldownSeconds: 20, escalateAfterSeconds: 600 });
      expect(saved.groups.find((g) => g.id === groups.after)).toMatchObject({ overflowAfterSeconds: 30, overflowTarget: groups.pre });
      const audited = (await auditRows('settings.update')).slice(before);
      expect(audited.map((a) => a.details)).toEqual([
        { before: { reofferCooldownSeconds: 60, escalateAfterSeconds: 300 }, after: { reofferCooldownSeconds: 20, escalateAfterSeconds: 600 } },
        {
          group: '售后 After-sales',
          before: { overflowAfterSeconds: 60, overflowTarget: 'any' },
          after: { overflowAfterSeconds: 30, overflowTarget: '售前 Pre-sales' },
        },
      ]);
      for (const payload of [
        { reofferCooldownSeconds: -1 }, { escalateAfterSeconds: 30 }, { groups: [{ id: groups.after, overflowAfterSeconds: 3601 }] },
        { groups: [{ id: groups.after, overflowTarget: '' }] },
      ]) {
        expect(await ask('admin', 'admin:settings:save', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
      expect(await ask('admin', 'admin:settings:save', { groups: [{ id: groups.after, overflowTarget: groups.after }] })).toMatchObject({
        ok: false, error: { code: 'bad_request', message: '售后 After-sales cannot overflow to itself.' },
      });
      expect(await ask('admin', 'admin:settings:save', { groups: [{ id: groups.after, overflowTarget: 'no-such-group' }] })).toMatchObject({
        ok: false, error: { code: 'not_found' },
      });
      expect(await ask('wang', 'admin:settings:save', { reofferCooldownSeconds: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Back to the defaults for the tests that follow.
      data(await ask('admin', 'admin:settings:save', {
        reofferCooldownSeconds: 60, escalateAfterSeconds: 300, groups: [{ id: groups.after, overflowAfterSeconds: 60, overflowTarget: 'any' }],
      }));
    });

    it('signing out takes the agent offline at once, unless they are still signed in on another device', async () => {
      const wangId = tokens.wang.user.id;
      const board = record<TeamMember>(sockets.supervisor, 'team:member');
      expect((await userRow(wangId)).presence).toBe('online');

      // A second device signs out: the first is still connected, so 王芳 stays online.
      const laptop = await login(server.url, ...logins.wang);
      const laptopSocket = await connectAgent(server.url, laptop.accessToken);
      const laptopId = laptopSocket.id!;
      laptopSocket.close();
      const first = await postJson(server.url, '/api/auth/logout', { refreshToken: laptop.refreshToken, socketId: laptopId });
      expect(first).toMatchObject({ status: 200, body: { signedOut: true } });
      await waitFor(() => !server.io.of(AGENT_NAMESPACE).sockets.has(laptopId), 'the server to see the laptop go');
      await server.router.settled();
      await pushesFlushed(sockets.supervisor);
      expect((await userRow(wangId)).presence).toBe('online');
      expect(board.some((m) => m.id === wangId && m.presence === 'offline')).toBe(false);
      expect((await postJson(server.url, '/api/auth/refresh', { refreshToken: laptop.refreshToken })).status).toBe(401);

      // 王芳 is helping a customer when she signs out.
      const customer = await connectVisitor(server.url, { name: 'Sophie Signout' });
      data(await request(customer.socket, 'visitor:send', { clientId: randomUUID(), body: 'Where is my parcel?' }));
      const [open] = await server.db.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [
        customer.session.contactId,
      ]);
      const claimed = data(await ask<{ conversation: Conversation }>('wang', 'message:send', {
        conversationId: open!.id, clientId: randomUUID(), body: 'Let me check that for you',
      }));
      expect(claimed.conversation.assigneeId).toBe(wangId);

      // The last device signs out (its socket still open, as a desktop's is while it asks): offline now, not after the grace period.
      const started = Date.now();
      const socketId = sockets.wang.id!;
      const last = await postJson(server.url, '/api/auth/logout', { refreshToken: tokens.wang.refreshToken, socketId });
      expect(last).toMatchObject({ status: 200, body: { signedOut: true } });
      // "At once": well inside the three-minute grace period a dropped connection gets (generous for a loaded machine).
      await waitFor(() => board.some((m) => m.id === wangId && m.presence === 'offline'), 'the supervisor to see 王芳 offline', 30_000);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect((await userRow(wangId)).presence).toBe('offline');
      await waitFor(() => !sockets.wang.connected, 'the signed-out socket to be closed');
      // Her customer does not wait out the grace period either: back in the queue for whoever is online.
      await waitFor(async () => {
        const [row] = await server.db.query<{ assignee_id: string | null; routing_state: string }>(
          'SELECT assignee_id, routing_state FROM conversations WHERE id = $1',
          [open!.id],
        );
        return row!.assignee_id === null && row!.routing_state === 'queued';
      }, 'the conversation to go back to the queue', 30_000);

      // Signing out twice is not an error.
      expect(await postJson(server.url, '/api/auth/logout', { refreshToken: tokens.wang.refreshToken })).toMatchObject({ status: 200, body: { signedOut: false } });
    });
  });
}
