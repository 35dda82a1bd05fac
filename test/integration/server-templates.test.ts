import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { Template } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { readQuickReplyFile, type QuickReplyImportResult } from '../../shared/quick-reply-exchange';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import { closeAllSockets, connectAgent, login, record, request, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();

describe.each(targets)('quick replies are written by their owners, and reach whoever uses them at once, on $label', (target) => {
  let server: RunningServer;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ server, close } = await startServerOn(target));
  });
  afterAll(async () => {
    closeAllSockets();
    await close?.();
  });

  const person = async (email: string, password: string) => {
    const tokens = await login(server.url, email, password);
    const socket = await connectAgent(server.url, tokens.accessToken);
    return { socket, user: tokens.user, changed: record<object>(socket, 'catalog:changed') };
  };
  const data = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data;
  };
  const snapshot = async (socket: Awaited<ReturnType<typeof person>>['socket']) =>
    data(await request<{ templates: Template[] }>(socket, 'catalog:snapshot', {})).templates;

  it('lets agents keep personal replies that only they see and only they change', async () => {
    const wang = await person('wang.fang@demo.test', 'demo-agent');
    const li = await person('li.lei@demo.test', 'demo-agent');
    const admin = await person('admin@demo.test', 'demo-admin');

    const saved = data(
      await request<{ template: Template }>(wang.socket, 'templates:save', {
        scope: 'personal', lang: 'zh', shortcut: '/tk', title: '退款进度', body: '{{contact.name}}您好，退款已提交。', category: '售后',
      }),
    ).template;
    expect(saved).toMatchObject({ ownerId: wang.user.id, shortcut: 'tk', category: '售后' });
    await waitFor(() => wang.changed.length === 1, 'the owner to hear of the change');
    await pushesFlushed(li.socket, admin.socket);
    expect(li.changed).toEqual([]);
    expect((await snapshot(wang.socket)).map((t) => t.id)).toContain(saved.id);
    expect((await snapshot(li.socket)).map((t) => t.id)).not.toContain(saved.id);

    // Nobody else may change or delete it, not even an admin; to them it does not exist.
    const edit = { id: saved.id, scope: 'personal', lang: 'zh', shortcut: 'tk', title: '改了', body: '改了' };
    for (const other of [li, admin]) {
      expect(await request(other.socket, 'templates:save', edit)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await request(other.socket, 'templates:delete', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // The same shortcut twice in one language is refused; in the other language it is fine.
    expect(
      await request(wang.socket, 'templates:save', { scope: 'personal', lang: 'zh', shortcut: 'TK', title: 'x', body: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'shortcut_taken', details: { shortcut: 'TK' } } });
    data(await request(wang.socket, 'templates:save', { scope: 'personal', lang: 'en', shortcut: 'tk', title: 'Refund', body: 'Done.' }));

    const changed = data(await request<{ template: Template }>(wang.socket, 'templates:save', { ...edit, title: '退款已提交' })).template;
    expect(changed).toMatchObject({ id: saved.id, title: '退款已提交', category: '' });
    expect(data(await request(wang.socket, 'templates:delete', { id: saved.id }))).toEqual({ deleted: true });
    expect(data(await request(wang.socket, 'templates:delete', { id: saved.id }))).toEqual({ deleted: false });
  });

  it("lets only admins and supervisors write the team's replies, audits them and tells every workstation", async () => {
    const wang = await person('wang.fang@demo.test', 'demo-agent');
    const supervisor = await person('supervisor@demo.test', 'demo-supervisor');
    const admin = await person('admin@demo.test', 'demo-admin');
    const team = { scope: 'team', lang: 'zh', shortcut: 'yf', title: '运费说明', body: '满 99 元包邮。', category: '物流' };

    expect(await request(wang.socket, 'templates:save', team)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = data(await request<{ template: Template }>(admin.socket, 'templates:save', team)).template;
    expect(saved).toMatchObject({ ownerId: null, shortcut: 'yf', category: '物流' });
    await waitFor(() => [wang, supervisor, admin].every((p) => p.changed.length === 1), 'every workstation to hear of the change');
    expect((await snapshot(wang.socket)).find((t) => t.id === saved.id)).toEqual(saved);

    // Agents can neither change nor delete a team reply, nor bad input get through.
    expect(await request(wang.socket, 'templates:save', { ...team, id: saved.id, scope: 'personal' })).toMatchObject({
      ok: false, error: { code: 'forbidden' },
    });
    expect(await request(wang.socket, 'templates:delete', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(admin.socket, 'templates:save', { ...team, shortcut: 'two words' })).toMatchObject({
      ok: false, error: { code: 'bad_request' },
    });

    // A supervisor keeps the team's replies too; a second team reply with the same shortcut is refused.
    const edited = data(await request<{ template: Template }>(supervisor.socket, 'templates:save', { ...team, id: saved.id, title: '运费与包邮' })).template;
    expect(edited).toMatchObject({ id: saved.id, ownerId: null, title: '运费与包邮' });
    expect(await request(supervisor.socket, 'templates:save', { ...team, title: 'again' })).toMatchObject({
      ok: false, error: { code: 'shortcut_taken' },
    });
    await waitFor(() => wang.changed.length === 2, 'the change to reach the agent');

    expect(data(await request(admin.socket, 'templates:delete', { id: saved.id }))).toEqual({ deleted: true });
    await waitFor(() => wang.changed.length === 3, 'the deletion to reach the agent');
    const audit = await server.db.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      "SELECT action, actor_id, details FROM audit_log WHERE target_type = 'template' AND target_id = $1 ORDER BY id",
      [saved.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['template.create', 'template.update', 'template.delete']);
    expect(audit[1]).toMatchObject({ actor_id: supervisor.user.id, details: { before: { title: '运费说明' }, after: { title: '运费与包邮' } } });
  });

  it("imports the team's replies from a file all or nothing, updating a shortcut the team already has", async () => {
    const wang = await person('wang.fang@demo.test', 'demo-agent');
    const supervisor = await person('supervisor@demo.test', 'demo-supervisor');
    const existing = data(
      await request<{ template: Template }>(supervisor.socket, 'templates:save', {
        scope: 'team', lang: 'zh', shortcut: 'th', title: '退货', body: '旧的说明', category: '售后',
      }),
    ).template;
    const csv = [
      '\uFEFFshortcut,title,body,lang,category',
      'th,退货须知,"七天无理由退货，\n请保留包装, 谢谢",zh,售后',
      '/wrap,"Gift wrap, ""free""",We wrap it for you.,en,Logistics',
    ].join('\r\n');
    const { rows } = readQuickReplyFile(csv, 'csv');
    const teamReplies = async () => (await snapshot(wang.socket)).filter((t) => t.ownerId === null);
    const before = await teamReplies();

    expect(await request(wang.socket, 'templates:import', { rows })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const broken = [...rows, { line: 4, reply: { shortcut: 'bad one', title: 'x', body: 'x', lang: 'fr' } }];
    const refused = data(await request<QuickReplyImportResult>(supervisor.socket, 'templates:import', { rows: broken }));
    expect(refused.created + refused.updated).toBe(0);
    expect(refused.errors.map((e) => [e.code, 'line' in e ? e.line : null, 'field' in e ? e.field : null]).sort()).toEqual([
      ['invalid', 4, 'lang'],
      ['invalid', 4, 'shortcut'],
    ]);
    expect(await teamReplies()).toEqual(before);

    const imported = data(await request<QuickReplyImportResult>(supervisor.socket, 'templates:import', { rows }));
    expect(imported).toEqual({ created: 1, updated: 1, errors: [] });
    await waitFor(() => wang.changed.length >= 2, 'the import to reach the agent');
    const after = await teamReplies();
    expect(after.find((t) => t.id === existing.id)).toMatchObject({ title: '退货须知', body: '七天无理由退货，\n请保留包装, 谢谢', category: '售后' });
    const wrap = after.find((t) => t.shortcut === 'wrap');
    expect(wrap).toMatchObject({ lang: 'en', title: 'Gift wrap, "free"', category: 'Logistics' });
    expect(after).toHaveLength(before.length + 1);

    const audit = await server.db.query<{ action: string; target_id: string; details: Record<string, unknown> }>(
      "SELECT action, target_id, details FROM audit_log WHERE target_type = 'template' AND target_id = ANY($1) AND details->>'imported' = 'true' ORDER BY id",
      [[existing.id, wrap?.id]],
    );
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([['template.update', existing.id], ['template.create', wrap?.id]]);
    expect(audit[0]?.details).toMatchObject({ before: { title: '退货' }, after: { title: '退货须知' } });
  });
});
