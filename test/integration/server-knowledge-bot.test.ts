import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openPgliteDb } from '../../server/db/pglite-db';
import type { KbArticle } from '../../shared/domain';
import type { BotRule, BotTurn, KbSearchHit } from '../../shared/knowledge';
import { botVisitor, sayToBot, type BotVisitor } from '../support/bot-visitor';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectAgent, login, record, request, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();
const KB = JSON.parse(readFileSync(new URL('../fixtures/bot-eval/kb.json', import.meta.url), 'utf8')) as { id: string; title: string; body: string }[];
const bodyOf = (id: string) => KB.find((a) => a.id === id)!.body;

afterAll(() => closeAllSockets());


for (const target of targets) {
  describe(`knowledge base and bot on ${target.label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    const tokens: Record<string, string> = {};

    async function api<T = Record<string, unknown>>(method: string, path: string, who?: string, body?: unknown): Promise<{ status: number; body: T }> {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    }

    const visitor = (name: string) => botVisitor(server, name);

    const say = (v: BotVisitor, body: string) => sayToBot(server, v, body);

    const conversationOf = async (v: BotVisitor) =>
      (await server.db.query<{ id: string; routing_state: string; summary: string | null }>(
        "SELECT id, routing_state, summary FROM conversations WHERE contact_id = $1 AND status = 'open'",
        [v.contactId],
      ))[0]!;

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', tokenSecret: 'knowledge-bot-test', routingSweepMs: 60_000, ...opened.options });
      console.log(`database: ${opened.describe} (server ${server.url})`);
      for (const [who, email, password] of [
        ['admin', 'admin@demo.test', 'demo-admin'],
        ['supervisor', 'supervisor@demo.test', 'demo-supervisor'],
        ['agent', 'wang.fang@demo.test', 'demo-agent'],
      ] as const) {
        tokens[who] = (await login(server.url, email, password)).accessToken;
      }
      // The demo's own articles make way for the evaluation knowledge base; the bot answers on the widget.
      await server.db.query('DELETE FROM kb_articles');
      await server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE kind = 'widget'`);
      await server.db.query("DELETE FROM bot_rules WHERE kind = 'off_hours'");
    });

    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('lets an admin import the knowledge base as JSON and export it back, auditing both', async () => {
      const imported = await api('POST', '/api/kb/import', 'admin', KB);
      expect(imported).toMatchObject({ status: 200, body: { created: KB.length, updated: 0 } });
      const again = await api('POST', '/api/kb/import', 'admin', KB.slice(0, 2));
      expect(again.body).toEqual({ created: 0, updated: 2 });

      const exported = await api<{ id: string; questions: string[] }[]>('GET', '/api/kb/export', 'admin');
      expect(exported.status).toBe(200);
      expect(exported.body.map((a) => a.id).sort()).toEqual(KB.map((a) => a.id).sort());
      expect(exported.body.find((a) => a.id === 'zh-deposit-refund')!.questions).toContain('退定金');

      const audit = await server.db.query<{ action: string; details: Record<string, unknown> }>(
        "SELECT action, details FROM audit_log WHERE action IN ('kb_import', 'kb_export') ORDER BY id",
      );
      expect(audit.map((a) => a.action)).toEqual(['kb_import', 'kb_import', 'kb_export']);
      expect(audit[0]!.details).toMatchObject({ created: KB.length });
    });

    it('refuses bad imports whole: duplicate ids and malformed entries', async () => {
      const entry = { id: 'dup', lang: 'zh', title: '重复', body: '内容' };
      expect(await api('POST', '/api/kb/import', 'admin', [entry, entry])).toMatchObject({ status: 400, body: { code: 'bad_request' } });
      expect(await api('POST', '/api/kb/import', 'admin', [{ id: 'x', lang: 'fr', title: 't', body: 'b' }])).toMatchObject({ status: 400 });
      expect(await api('GET', '/api/kb/articles/dup', 'admin')).toMatchObject({ status: 404 });
    });

    it('lets agents read and search articles but not change, import or export them', async () => {
      const article = { lang: 'zh', title: '试试', body: '内容' };
      expect(await api('POST', '/api/kb/articles', 'agent', article)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect(await api('PUT', '/api/kb/articles/zh-ship-time', 'agent', article)).toMatchObject({ status: 403 });
      expect(await api('DELETE', '/api/kb/articles/zh-ship-time', 'agent')).toMatchObject({ status: 403 });
      expect(await api('POST', '/api/kb/import', 'agent', [])).toMatchObject({ status: 403 });
      expect(await api('GET', '/api/kb/export', 'agent')).toMatchObject({ status: 403 });
      expect(await api('POST', '/api/bot/rules', 'agent', { kind: 'greeting', replyZh: '你好' })).toMatchObject({ status: 403 });
      expect(await api('GET', '/api/bot/turns', 'agent')).toMatchObject({ status: 403 });
      expect(await api('GET', '/api/kb/articles')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });

      const list = await api<{ articles: KbArticle[] }>('GET', '/api/kb/articles', 'agent');
      expect(list.body.articles).toHaveLength(KB.length);
      const search = await api<{ hits: KbSearchHit[] }>('GET', `/api/kb/search?q=${encodeURIComponent('退款多久到账')}`, 'agent');
      expect(search.status).toBe(200);
      expect(search.body.hits[0]!.article.id).toBe('zh-refund-time');
      expect(search.body.hits[0]!.title.filter((p) => p.match).map((p) => p.text).join('')).toContain('退款');
      const twoChars = await api<{ hits: KbSearchHit[] }>('GET', `/api/kb/search?q=${encodeURIComponent('发票')}&lang=zh`, 'agent');
      expect(twoChars.body.hits[0]!.article.id).toBe('zh-invoice');
      const mixed = await api<{ hits: KbSearchHit[] }>('GET', `/api/kb/search?q=${encodeURIComponent('refund status')}&lang=en`, 'agent');
      expect(mixed.body.hits[0]!.article.id).toBe('en-refund-time');
      expect(await api('GET', '/api/kb/search?q=', 'agent')).toMatchObject({ status: 400 });
    });

    it('answers a known question with the article and records why', async () => {
      const v = await visitor('Known Question');
      const said = await say(v, '退款多久到账');
      expect(said.some((m) => m.body.includes(bodyOf('zh-refund-time')))).toBe(true);
      const conversation = await conversationOf(v);
      expect(conversation.routing_state).toBe('bot');

      const turns = await api<{ turns: BotTurn[] }>('GET', `/api/bot/turns?conversationId=${conversation.id}`, 'supervisor');
      expect(turns.status).toBe(200);
      expect(turns.body.turns[0]).toMatchObject({ action: 'answer', via: 'retrieval', articleId: 'zh-refund-time', lang: 'zh' });
      expect(turns.body.turns[0]!.confidence).toBeGreaterThan(0.9);
      expect(turns.body.turns[0]!.candidates[0]).toMatchObject({ articleId: 'zh-refund-time' });
    });

    it('answers an English question in English', async () => {
      const v = await visitor('English Speaker');
      const said = await say(v, 'how long do refunds take?');
      expect(said.some((m) => m.body.includes(bodyOf('en-refund-time')))).toBe(true);
      expect(said.some((m) => /[\u4e00-\u9fff]/.test(m.body))).toBe(false);
    });

    it('asks "您是想问 A 还是 B？" between close articles and answers the one picked by number', async () => {
      const question = '卡里的余额能退吗';
      const a = await api<{ article: KbArticle }>('POST', '/api/kb/articles', 'admin', {
        lang: 'zh', title: '储值卡余额退款', body: '储值卡余额可在账户页申请原路退回。', questions: [question],
      });
      const b = await api<{ article: KbArticle }>('POST', '/api/kb/articles', 'admin', {
        lang: 'zh', title: '礼品卡余额退款', body: '礼品卡余额不可提现，可以转赠他人使用。', questions: [question],
      });
      expect([a.status, b.status]).toEqual([201, 201]);

      const v = await visitor('Undecided');
      const clarify = (await say(v, question)).find((m) => m.body.startsWith('您是想问'));
      expect(clarify?.body).toMatch(/^您是想问 (储值卡余额退款 还是 礼品卡余额退款|礼品卡余额退款 还是 储值卡余额退款)？/);
      const first = /\n1\. (.+)\n/.exec(clarify!.body)![1]!;
      const answer = await say(v, '1');
      const expected = first === '储值卡余额退款' ? a.body.article.body : b.body.article.body;
      expect(answer.map((m) => m.body).join('\n')).toContain(expected);
    });

    it('keeps the topic across turns', async () => {
      const v = await visitor('Deposit Asker');
      await say(v, '定金能退吗');
      const followUp = await say(v, '超过三天呢');
      expect(followUp.some((m) => m.body.includes(bodyOf('zh-deposit-refund')))).toBe(true);
    });

    it('queues the conversation for a person with a summary when the customer asks for one', async () => {
      const v = await visitor('Wants A Person');
      await say(v, '我的积分怎么还没到账');
      const said = await say(v, '转人工');
      const conversation = await conversationOf(v);
      expect(['queued', 'offered', 'pending']).toContain(conversation.routing_state);
      expect(conversation.summary).toBe('我的积分怎么还没到账');
      expect(said.some((m) => m.from === 'system' && m.body.includes('人工客服'))).toBe(true);
      const [turn] = (await api<{ turns: BotTurn[] }>('GET', `/api/bot/turns?conversationId=${conversation.id}`, 'admin')).body.turns;
      expect(turn).toMatchObject({ action: 'handoff', handoffReason: 'request' });
      // Once with a person, the bot stays quiet.
      expect(await say(v, '退款多久到账')).toEqual([]);
    });

    it('offers another try after a miss and hands over after the second', async () => {
      const v = await visitor('Off Topic');
      const first = await say(v, '你们招主播吗');
      expect(first.map((m) => m.body).join('\n')).toContain('转人工');
      expect((await conversationOf(v)).routing_state).toBe('bot');
      await say(v, '你们招不招模特');
      const conversation = await conversationOf(v);
      expect(['queued', 'offered', 'pending']).toContain(conversation.routing_state);
      const turns = (await api<{ turns: BotTurn[] }>('GET', `/api/bot/turns?conversationId=${conversation.id}`, 'admin')).body.turns;
      expect(turns.map((t) => [t.action, t.handoffReason])).toEqual([['handoff', 'misses'], ['miss', null]]);
    });

    it('hands a clearly upset customer to a person at once', async () => {
      const v = await visitor('Upset Customer');
      await say(v, 'this is a scam, you people are useless');
      expect(['queued', 'offered', 'pending']).toContain((await conversationOf(v)).routing_state);
    });

    it('uses keyword replies and the greeting admins set, and refuses a regex that could hang', async () => {
      const keyword = await api<{ rule: BotRule }>('POST', '/api/bot/rules', 'admin', {
        kind: 'keyword', match: 'contains', pattern: '营业执照', replyZh: '营业执照在店铺首页底部可以查看。',
      });
      expect(keyword.status).toBe(201);
      expect(await api('POST', '/api/bot/rules', 'admin', { kind: 'keyword', match: 'regex', pattern: '(a+)+$', replyZh: 'x' })).toMatchObject({
        status: 400, body: { code: 'bad_request' },
      });
      expect(await api('POST', '/api/bot/rules', 'admin', { kind: 'keyword', replyZh: 'x' })).toMatchObject({ status: 400 });

      const v = await visitor('Rule Reader');
      const said = await say(v, '你们有营业执照吗');
      const bodies = said.map((m) => m.body);
      expect(bodies[0]).toContain('智能客服'); // the demo's greeting, first message only
      expect(bodies).toContain('营业执照在店铺首页底部可以查看。');
      expect((await say(v, '营业执照')).map((m) => m.body)).toEqual(['营业执照在店铺首页底部可以查看。']);

      const rules = await api<{ rules: BotRule[] }>('GET', '/api/bot/rules', 'admin');
      expect(rules.body.rules.map((r) => r.kind)).toEqual(expect.arrayContaining(['greeting', 'keyword']));
      expect(await api('DELETE', `/api/bot/rules/${keyword.body.rule.id}`, 'admin')).toMatchObject({ status: 200 });
      const audit = await server.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_type = 'bot_rule' ORDER BY id");
      expect(audit.map((a) => a.action)).toEqual(['bot_rule.create', 'bot_rule.delete']);
    });

    it('puts an article change in force for the bot at once and tells connected desktops', async () => {
      const agent = await connectAgent(server.url, tokens.agent);
      const changed = record(agent, 'catalog:changed');
      const created = await api<{ article: KbArticle }>('POST', '/api/kb/articles', 'admin', {
        lang: 'zh', title: '宠物用品能寄吗', body: '宠物用品可以正常下单和配送。', category: '商品', tags: ['宠物'], questions: ['猫粮能寄吗'],
      });
      expect(created.status).toBe(201);
      await waitFor(() => changed.length >= 1, 'the catalog:changed push');
      const v = await visitor('Cat Owner');
      expect((await say(v, '猫粮能寄吗')).some((m) => m.body.includes('宠物用品可以正常下单和配送。'))).toBe(true);

      const disabled = await api<{ article: KbArticle }>('PUT', `/api/kb/articles/${created.body.article.id}`, 'admin', {
        lang: 'zh', title: '宠物用品能寄吗', body: '宠物用品可以正常下单和配送。', questions: ['猫粮能寄吗'], enabled: false,
      });
      expect(disabled.body.article.enabled).toBe(false);
      await waitFor(() => changed.length >= 2, 'the second catalog:changed push');
      const w = await visitor('Another Cat Owner');
      expect((await say(w, '猫粮能寄吗')).some((m) => m.body.includes('宠物用品可以正常下单和配送。'))).toBe(false);
      // Agents no longer see it; admins still do, to enable it again.
      expect(await api('GET', `/api/kb/articles/${created.body.article.id}`, 'agent')).toMatchObject({ status: 404 });
      expect(await api('GET', `/api/kb/articles/${created.body.article.id}`, 'admin')).toMatchObject({ status: 200 });
      const snapshot = await request<{ articles: KbArticle[] }>(agent, 'catalog:snapshot', {});
      expect(snapshot.ok && snapshot.data.articles.some((a) => a.id === created.body.article.id)).toBe(false);
      const actions = await server.db.query<{ action: string; details: Record<string, unknown> }>(
        'SELECT action, details FROM audit_log WHERE target_id = $1 ORDER BY id',
        [created.body.article.id],
      );
      expect(actions.map((a) => a.action)).toEqual(['kb_article.create', 'kb_article.update']);
      expect(actions[1]!.details).toMatchObject({ enabled: false });
    });

    it('searches over the socket too, with highlights', async () => {
      const agent = await connectAgent(server.url, tokens.agent);
      const result = await request<{ hits: KbSearchHit[] }>(agent, 'kb:search', { q: 'pasword reset', lang: 'en' });
      expect(result.ok && result.data.hits[0]!.article.id).toBe('en-password');
      expect(await request(agent, 'kb:search', { q: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });
  });
}

describe('migration 0006', () => {
  it('keeps existing articles, enabled and without alternative questions', async () => {
    const db = await openPgliteDb(undefined);
    try {
      await migrate(db, migrations.filter((m) => m.version < 6));
      await db.query("INSERT INTO accounts (id, name) VALUES ('acc', 'Shop')");
      await db.query("INSERT INTO kb_articles (id, account_id, lang, title, body, category) VALUES ('old', 'acc', 'zh', '旧文章', '内容', '其他')");
      expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 6).map((m) => m.version));
      const [row] = await db.query<{ questions: unknown; enabled: boolean }>("SELECT questions, enabled FROM kb_articles WHERE id = 'old'");
      expect(row).toEqual({ questions: [], enabled: true });
      await expect(db.query("INSERT INTO bot_rules (id, account_id, kind, reply_zh) VALUES ('r', 'acc', 'keyword', 'x')")).rejects.toThrow();
      await expect(db.query("INSERT INTO bot_rules (id, account_id, kind) VALUES ('r', 'acc', 'greeting')")).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
