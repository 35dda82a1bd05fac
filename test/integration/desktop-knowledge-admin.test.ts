import { describe, expect, it } from 'vitest';
import type { KbExchangeItem } from '../../shared/knowledge';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// An admin's and an agent's real client cores against the real server.
describe.each(targets)('knowledge base and bot administration through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  const core = bed.signIn;

  const titlesOn = async (c: TestCore) => (await c.call('kb.list', {})).map((a) => a.title);
  const audited = async (action: string) =>
    (await bed.server.db.query<{ n: number | string }>('SELECT count(*) AS n FROM audit_log WHERE action = $1', [action]))[0]!.n;

  it('an admin creates, disables, exports and imports articles, and the agent’s desktop follows each change', async () => {
    const admin = await core('admin');
    const wang = await core('wang');
    const demo = await admin.call('kbAdmin.list', {});
    expect(demo.length).toBeGreaterThan(0);

    const created = await admin.call('kbAdmin.save', {
      article: {
        lang: 'zh',
        title: '以旧换新怎么参加',
        body: '## 以旧换新\n\n- 旧机估价后抵扣货款\n- 新机发货时上门取旧机',
        category: '活动',
        tags: ['以旧换新'],
        questions: ['旧手机能换新的吗', '以旧换新怎么估价'],
      },
    });
    expect(created).toMatchObject({ enabled: true, questions: ['旧手机能换新的吗', '以旧换新怎么估价'] });
    await waitUntil(async () => (await titlesOn(wang)).includes('以旧换新怎么参加'), 'the new article on the agent’s desktop');

    const disabled = await admin.call('kbAdmin.setEnabled', { id: created.id, enabled: false });
    expect(disabled).toMatchObject({ id: created.id, enabled: false, title: '以旧换新怎么参加' });
    await waitUntil(async () => !(await titlesOn(wang)).includes('以旧换新怎么参加'), 'the disabled article to leave the agent’s desktop');
    expect((await admin.call('kbAdmin.list', {})).find((a) => a.id === created.id)).toMatchObject({ enabled: false });

    const exported = await admin.call('kbAdmin.export', {});
    expect(exported.filename).toMatch(/^knowledge-base-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.json) as KbExchangeItem[];
    expect(file).toHaveLength(demo.length + 1);
    expect(file.find((a) => a.id === created.id)).toMatchObject({ enabled: false, questions: ['旧手机能换新的吗', '以旧换新怎么估价'] });

    // The file comes back with one article changed and enabled again, and one new.
    const edited = file.map((a) => (a.id === created.id ? { ...a, title: '以旧换新活动说明', enabled: true } : a));
    edited.push({ id: 'gift-wrap', lang: 'en', title: 'Gift wrapping', body: 'Add gift wrap at checkout for 5 yuan.' });
    const result = await admin.call('kbAdmin.import', { json: JSON.stringify(edited, null, 2) });
    expect(result).toEqual({ imported: 1, updated: demo.length + 1, errors: [] });
    await waitUntil(async () => {
      const titles = await titlesOn(wang);
      return titles.includes('以旧换新活动说明') && titles.includes('Gift wrapping');
    }, 'the imported articles on the agent’s desktop');

    // A file with a wrong entry is refused whole, each problem named by item and line.
    const before = await admin.call('kbAdmin.list', {});
    const wrong = [
      { id: 'fine', lang: 'zh', title: '没问题', body: '内容' },
      { id: 'bad', lang: 'fr', title: 'Mauvais', body: 'x' },
      { id: 'fine', lang: 'zh', title: '重复', body: '内容' },
    ];
    const refused = await admin.call('kbAdmin.import', { json: JSON.stringify(wrong, null, 2) });
    expect(refused.imported + refused.updated).toBe(0);
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'invalid', item: 2, line: 8, field: 'lang' }),
      expect.objectContaining({ code: 'duplicate_id', item: 3, id: 'fine', firstItem: 1 }),
    ]);
    expect(await admin.call('kbAdmin.list', {})).toEqual(before);

    expect(Number(await audited('kb_article.create'))).toBe(1);
    expect(Number(await audited('kb_article.update'))).toBe(1);
    expect(Number(await audited('kb_import'))).toBe(1);
    expect(Number(await audited('kb_export'))).toBe(1);
  });

  it('a large import goes to the server in parts and every article arrives', async () => {
    const admin = await core('admin');
    const wang = await core('wang');
    const many = Array.from({ length: 230 }, (_, i) => ({
      id: `bulk-${i}`,
      lang: 'zh',
      title: `批量导入的文章 ${i}`,
      body: `第 ${i} 篇。${'售后政策说明。'.repeat(60)}`,
      category: '批量',
    }));
    expect(await admin.call('kbAdmin.import', { json: JSON.stringify(many) })).toEqual({ imported: 230, updated: 0, errors: [] });
    expect(Number(await audited('kb_import'))).toBeGreaterThanOrEqual(1 + 2);
    await waitUntil(async () => (await titlesOn(wang)).filter((t) => t.startsWith('批量导入的文章')).length === 230, 'every article on the agent’s desktop');
  });

  it('an agent is refused every change, and an admin offline is told so', async () => {
    const wang = await core('wang');
    const article = { lang: 'zh' as const, title: '试试', body: '内容' };
    for (const refused of [
      await wang.invoke('kbAdmin.list', {}),
      await wang.invoke('kbAdmin.save', { article }),
      await wang.invoke('kbAdmin.setEnabled', { id: 'gift-wrap', enabled: false }),
      await wang.invoke('kbAdmin.import', { json: JSON.stringify([{ id: 'x', ...article }]) }),
      await wang.invoke('kbAdmin.export', {}),
      await wang.invoke('botRules.list', {}),
      await wang.invoke('botRules.save', { rule: { kind: 'greeting', replyZh: '你好' } }),
      await wang.invoke('botTurns.list', {}),
    ]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await bed.server.db.query("SELECT 1 FROM kb_articles WHERE title = '试试' OR id = 'x'")).length).toBe(0);

    const proxy = await bed.proxy();
    const admin = await core('admin', proxy.url);
    proxy.cut();
    await admin.waitForStatus('offline');
    expect(await admin.invoke('kbAdmin.save', { article })).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await admin.invoke('botTurns.list', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    proxy.restore();
    await admin.waitForStatus('online', 30_000);
    expect((await admin.call('kbAdmin.list', {})).length).toBeGreaterThan(0);
  });

  it('an admin sets a keyword reply and sees the bot’s turn that used it, with the customer’s message', async () => {
    const admin = await core('admin');
    await bed.server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE kind = 'widget'`);
    await bed.server.db.query("DELETE FROM bot_rules WHERE kind = 'off_hours'");

    const refused = await admin.invoke('botRules.save', { rule: { kind: 'keyword', match: 'regex', pattern: '(a+)+$', replyZh: 'x' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const rule = await admin.call('botRules.save', {
      rule: { kind: 'keyword', match: 'regex', pattern: '发票|开票', replyZh: '发票在订单详情页申请。', replyEn: 'Request an invoice on the order page.' },
    });
    const greeting = (await admin.call('botRules.list', {})).find((r) => r.kind === 'greeting')!;
    const changed = await admin.call('botRules.save', {
      id: greeting.id,
      rule: { kind: 'greeting', replyZh: '您好，我是小助手。', replyEn: greeting.replyEn, enabled: true, priority: greeting.priority },
    });
    expect(changed).toMatchObject({ id: greeting.id, replyZh: '您好，我是小助手。' });

    const visitor = await bed.visitor({ name: 'Invoice visitor' });
    await visitor.send('怎么开票？');
    await visitor.waitFor((m) => m.body === '发票在订单详情页申请。');
    const conversationId = (
      await bed.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM bot_turns WHERE rule_id = $1', [rule.id])
    )[0]!.conversation_id;

    const { turns, nextBefore } = await admin.call('botTurns.list', { conversationId });
    expect(nextBefore).toBeNull();
    expect(turns).toContainEqual(expect.objectContaining({ conversationId, action: 'rule', via: 'rule', ruleId: rule.id, message: '怎么开票？' }));
    const all = await admin.call('botTurns.list', {});
    expect(all.turns.map((t) => t.id)).toContain(turns[0]!.id);

    expect(await admin.call('botRules.delete', { id: rule.id })).toEqual({ deleted: true });
    expect((await admin.call('botRules.list', {})).map((r) => r.id)).not.toContain(rule.id);
    expect(await admin.invoke('botRules.delete', { id: rule.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
