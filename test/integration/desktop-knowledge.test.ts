import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../shared/domain';
import type { HighlightedText } from '../../shared/knowledge';
import type { RunningServer } from '../../server/app';
import { startCore, type TestCore } from '../support/core-harness';
import { login } from '../support/server-fixture';
import { runDatabase, startServerOn } from '../support/databases';
import { TcpProxy } from '../support/tcp-proxy';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const marked = (pieces: HighlightedText) => pieces.filter((p) => p.match).map((p) => p.text);

/** An admin's REST call to the knowledge base. */
async function adminWrites(server: RunningServer, method: string, route: string, body?: unknown): Promise<{ article: KbArticle }> {
  const { accessToken } = await login(server.url, 'admin@demo.test', 'demo-admin');
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { article: KbArticle };
}

// The real server and the real client core: knowledge search and quick replies come from the
// desktop's own cache, stay in step with the server while connected, and keep working offline.
describe('knowledge and quick replies on the desktop', () => {
  let server: RunningServer;
  let stopServer: (() => Promise<void>) | undefined;
  let proxy: TcpProxy;
  let agent: TestCore;
  let admin: TestCore;

  beforeAll(async () => {
    ({ server, close: stopServer } = await startServerOn(runDatabase()));
    proxy = await TcpProxy.start(server.port);
    agent = startCore();
    await agent.call('session.login', { serverUrl: proxy.url, email: 'wang.fang@demo.test', password: 'demo-agent' });
    admin = startCore();
    await admin.call('session.login', { serverUrl: server.url, email: 'admin@demo.test', password: 'demo-admin' });
    await Promise.all([agent.waitForStatus('online'), admin.waitForStatus('online')]);
    await waitUntil(() => agent.eventsOf('catalog.updated').length > 0, 'the first catalog');
  });
  afterAll(async () => {
    await agent?.core.dispose();
    await admin?.core.dispose();
    await proxy?.close();
    await stopServer?.();
  });

  it('searches the cached articles in Chinese, English and both, ranked and marked', async () => {
    const refund = await agent.call('kb.search', { query: '退款' });
    expect(refund[0]?.article.title).toBe('退款政策');
    expect(marked(refund[0]!.title)).toEqual(['退款']);
    expect(refund[0]!.score).toBeGreaterThan(0);

    const [tracking] = await agent.call('kb.search', { query: 'where is my package?' });
    expect(tracking?.article.title).toBe('Tracking your order');

    const mixed = await agent.call('kb.search', { query: 'refund 退款', limit: 2 });
    expect(mixed.map((h) => h.article.title).sort()).toEqual(['Refund policy', '退款政策']);
  });

  it('follows an admin changing an article at once, without a reconnect', async () => {
    const before = agent.eventsOf('catalog.updated').length;
    const { article } = await adminWrites(server, 'POST', '/api/kb/articles', {
      lang: 'zh', title: '发票开具说明', body: '在“我的订单”中申请电子发票，开具后发送到您的邮箱。', category: '售后', questions: ['怎么开发票'],
    });
    await waitUntil(() => agent.eventsOf('catalog.updated').length > before, 'the change to reach the desktop');
    await waitUntil(async () => (await agent.call('kb.search', { query: '发票' }))[0]?.article.id === article.id, 'the new article in search');

    // Disabled: it leaves search at once.
    const disabled = agent.eventsOf('catalog.updated').length;
    await adminWrites(server, 'PUT', `/api/kb/articles/${article.id}`, {
      lang: 'zh', title: '发票开具说明', body: '在“我的订单”中申请电子发票。', category: '售后', enabled: false,
    });
    await waitUntil(() => agent.eventsOf('catalog.updated').length > disabled, 'the change to reach the desktop');
    await waitUntil(async () => (await agent.call('kb.search', { query: '发票' })).length === 0, 'the disabled article to leave search');
  });

  it("keeps an agent's own quick replies, and receives the team's as an admin saves them", async () => {
    const mine = await agent.call('templates.save', {
      scope: 'personal', lang: 'zh', shortcut: '/tk', title: '退款进度', body: '{{contact.name}}您好，退款已提交。', category: '售后',
    });
    expect(mine).toMatchObject({ ownerId: expect.any(String), shortcut: 'tk', category: '售后' });
    expect((await agent.call('templates.list', {})).map((t) => t.id)).toContain(mine.id);
    expect(await agent.invoke('templates.save', { scope: 'team', lang: 'zh', shortcut: 'x', title: 'x', body: 'x' })).toMatchObject({
      ok: false, error: { code: 'forbidden' },
    });

    const before = agent.eventsOf('catalog.updated').length;
    const team = await admin.call('templates.save', { scope: 'team', lang: 'zh', shortcut: 'yf', title: '运费说明', body: '满 99 元包邮。', category: '物流' });
    await waitUntil(() => agent.eventsOf('catalog.updated').length > before, 'the team reply to reach the agent');
    await waitUntil(async () => (await agent.call('templates.list', {})).some((t) => t.id === team.id), 'the team reply in the cache');
  });

  it("imports the team's replies from a CSV file through the desktop, all or nothing, and lists them at once", async () => {
    const csv = '\uFEFFshortcut,title,body,lang,category\r\nlp,礼品包装,"免费礼品包装，\n请在备注中说明",zh,售后\r\n';
    expect(await agent.invoke('templates.import', { text: csv, format: 'csv' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const broken = await admin.call('templates.import', { text: `${csv}"lp2,x,x,zh\r\n`, format: 'csv' });
    expect(broken).toEqual({ created: 0, updated: 0, errors: [{ code: 'syntax', line: 4, detail: 'a quoted field is never closed' }] });
    expect((await admin.call('templates.list', {})).some((t) => t.shortcut === 'lp')).toBe(false);

    expect(await admin.call('templates.import', { text: csv, format: 'csv' })).toEqual({ created: 1, updated: 0, errors: [] });
    expect((await admin.call('templates.list', {})).find((t) => t.shortcut === 'lp')).toMatchObject({
      ownerId: null, lang: 'zh', title: '礼品包装', body: '免费礼品包装，\n请在备注中说明', category: '售后',
    });
    await waitUntil(async () => (await agent.call('templates.list', {})).some((t) => t.shortcut === 'lp'), 'the imported reply in the agent\'s cache');
  });

  it("keeps the customer's question when an agent inserts an article; admins see it suggested, agents may not", async () => {
    const visitor = await connectVisitor(server.url, { name: 'Insert visitor' });
    await visitor.send('东西坏了可以退吗');
    const conversation = await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.contactName === 'Insert visitor'),
      "the visitor's conversation",
    );
    visitor.close();
    const [refund] = await agent.call('kb.search', { query: '退款政策' });
    expect(await agent.call('kb.inserted', { conversationId: conversation.id, articleId: refund!.article.id })).toEqual({ recorded: true });
    expect(await admin.call('kbLearning.suggestions', {})).toEqual([
      expect.objectContaining({ articleId: refund!.article.id, question: '东西坏了可以退吗', count: 1, sources: ['agent_insert'] }),
    ]);
    expect(await agent.invoke('kbLearning.suggestions', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('finds articles and quick replies offline, and after a restart without the network', async () => {
    const visitor = await connectVisitor(server.url, { name: 'Knowledge visitor' });
    await visitor.send('我的订单什么时候发货？');
    const conversation = await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.contactName === 'Knowledge visitor'),
      "the visitor's conversation",
    );
    visitor.close();
    proxy.cut();
    await agent.waitForStatus('offline');
    expect((await agent.call('kb.search', { query: '运费 refund' })).map((h) => h.article.title)).toContain('Refund policy');
    const [shipping] = await agent.call('kb.search', { query: '几天能到' });
    expect(shipping?.article.title).toBe('发货与配送时间');
    expect((await agent.call('templates.list', {})).map((t) => t.shortcut)).toEqual(expect.arrayContaining(['tk', 'yf']));
    expect(await agent.invoke('templates.save', { scope: 'personal', lang: 'zh', shortcut: 'z', title: 'z', body: 'z' })).toMatchObject({
      ok: false, error: { code: 'offline' },
    });

    // A quick reply's unfilled variable never leaves, even queued offline.
    expect(await agent.invoke('outbox.send', { conversationId: conversation.id, body: '您的订单 ⟦order.latest.id⟧ 已发货' })).toMatchObject({
      ok: false, error: { code: 'bad_request', details: { placeholders: 'order.latest.id' } },
    });
    expect(await agent.call('messages.list', { conversationId: conversation.id })).toHaveLength(1);

    await agent.core.dispose();
    agent = startCore(agent.dataDir);
    await agent.waitForStatus('offline');
    const [refund] = await agent.call('kb.search', { query: '七天无理由' });
    expect(refund?.article.title).toBe('退款政策');
    expect(marked(refund!.snippet).join('')).toContain('无理由');
  });
});
