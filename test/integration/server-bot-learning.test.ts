import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import type { QuestionSuggestion, UnansweredGroup } from '../../shared/bot-learning';
import type { KbArticle } from '../../shared/domain';
import type { BotTurn } from '../../shared/knowledge';
import { botVisitor, sayToBot, type BotVisitor } from '../support/bot-visitor';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectAgent, data, login, request } from '../support/server-fixture';

const targets = await databaseTargets();

afterAll(() => closeAllSockets());


for (const target of targets) {
  describe(`the bot learns from picks and inserted articles on ${target.label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    const sockets: Record<'admin' | 'agent', Socket> = {} as Record<'admin' | 'agent', Socket>;
    let stored: KbArticle;
    let gift: KbArticle;

    const visitor = (name: string) => botVisitor(server, name);

    const say = (v: BotVisitor, body: string) => sayToBot(server, v, body);

    const conversationOf = async (v: BotVisitor) =>
      (await server.db.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [v.contactId]))[0]!.id;

    const ask = <T>(who: 'admin' | 'agent', name: string, payload: unknown) => request<T>(sockets[who], name, payload);

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', tokenSecret: 'bot-learning-test', routingSweepMs: 60_000, ...opened.options });
      await server.db.query('DELETE FROM kb_articles');
      await server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE kind = 'widget'`);
      await server.db.query("DELETE FROM bot_rules WHERE kind = 'off_hours'");
      for (const [who, email, password] of [['admin', 'admin@demo.test', 'demo-admin'], ['agent', 'wang.fang@demo.test', 'demo-agent']] as const) {
        sockets[who] = await connectAgent(server.url, (await login(server.url, email, password)).accessToken);
      }
      const save = async (title: string, body: string) =>
        data(await ask<{ article: KbArticle }>('admin', 'kb:admin:save', { article: { lang: 'zh', title, body, questions: ['卡里的余额能退吗'] } })).article;
      stored = await save('储值卡余额退款', '储值卡余额可在账户页申请原路退回。');
      gift = await save('礼品卡余额退款', '礼品卡余额不可提现，可以转赠他人使用。');
    });

    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('offers close articles as buttons; a pick is answered, kept on the turn, suggested to admins, and once accepted answered directly', async () => {
      const v = await visitor('Picks A Card');
      const offer = (await say(v, '余额退款')).find((m) => m.choices);
      expect(offer?.choices?.map((c) => c.title).sort()).toEqual([gift.title, stored.title].sort());
      // The widget's button sends the choice's reply as the customer's message.
      const pick = offer!.choices!.find((c) => c.title === stored.title)!;
      const answer = await say(v, pick.reply);
      expect(answer.map((m) => m.body).join('\n')).toContain(stored.body);

      const conversationId = await conversationOf(v);
      const { turns } = data(await ask<{ turns: BotTurn[] }>('admin', 'bot:turns:list', { conversationId }));
      const clarify = turns.find((t) => t.action === 'clarify')!;
      expect(clarify.suggested?.map((s) => s.articleId).sort()).toEqual([gift.id, stored.id].sort());
      expect(clarify.picked).toBe(stored.id);
      expect(turns[0]).toMatchObject({ action: 'answer', via: 'choice', articleId: stored.id });

      const { suggestions } = data(await ask<{ suggestions: QuestionSuggestion[] }>('admin', 'kb:learning:suggestions', { articleId: stored.id }));
      expect(suggestions).toEqual([expect.objectContaining({ question: '余额退款', count: 1, sources: ['customer_pick'], articleTitle: stored.title })]);
      // The pair points at the message that asked, not at the pick.
      const [kept] = await server.db.query<{ body: string }>(
        'SELECT m.body FROM kb_question_pairs p JOIN messages m ON m.id = p.message_id WHERE p.article_id = $1', [stored.id],
      );
      expect(kept?.body).toBe('余额退款');

      const accepted = data(await ask<{ article: KbArticle }>('admin', 'kb:learning:accept', { id: suggestions[0]!.id }));
      expect(accepted.article.questions).toEqual(['卡里的余额能退吗', '余额退款']);
      expect(await ask('admin', 'kb:learning:accept', { id: suggestions[0]!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const audit = await server.db.query<{ target_id: string; details: { question: string } }>("SELECT target_id, details FROM audit_log WHERE action = 'kb_question.accept'");
      expect(audit).toEqual([expect.objectContaining({ target_id: stored.id, details: expect.objectContaining({ question: '余额退款' }) })]);
      expect(data(await ask<{ suggestions: QuestionSuggestion[] }>('admin', 'kb:learning:suggestions', {})).suggestions).toEqual([]);

      const next = await visitor('Asks Again');
      const direct = await say(next, '余额退款');
      expect(direct.some((m) => m.choices)).toBe(false);
      expect(direct.map((m) => m.body).join('\n')).toContain(stored.body);
    });

    it("records the customer's latest message when an agent inserts an article, once per message; admins can dismiss it", async () => {
      const v = await visitor('Needs An Agent');
      await say(v, '转人工');
      await say(v, '礼品卡里的钱能不能转给朋友');
      const conversationId = await conversationOf(v);
      const agentId = (await server.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'wang.fang@demo.test'"))[0]!.id;
      await server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [conversationId, agentId]);

      expect(data(await ask('agent', 'kb:inserted', { conversationId, articleId: gift.id }))).toEqual({ recorded: true });
      // The same message with the same article again counts once.
      expect(data(await ask('agent', 'kb:inserted', { conversationId, articleId: gift.id }))).toEqual({ recorded: false });
      const { suggestions } = data(await ask<{ suggestions: QuestionSuggestion[] }>('admin', 'kb:learning:suggestions', { articleId: gift.id }));
      expect(suggestions).toEqual([expect.objectContaining({ question: '礼品卡里的钱能不能转给朋友', count: 1, sources: ['agent_insert'] })]);

      expect(data(await ask('admin', 'kb:learning:dismiss', { id: suggestions[0]!.id }))).toEqual({ dismissed: true });
      expect(data(await ask<{ suggestions: QuestionSuggestion[] }>('admin', 'kb:learning:suggestions', { articleId: gift.id })).suggestions).toEqual([]);
    });

    it('refuses agents the learning screens with a stable code, and an insert in a conversation they may not work on', async () => {
      for (const [name, payload] of [
        ['kb:learning:suggestions', {}], ['kb:learning:accept', { id: 'x' }], ['kb:learning:dismiss', { id: 'x' }], ['kb:learning:unanswered', {}],
      ] as const) {
        expect(await ask('agent', name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      const v = await visitor('Someone Else');
      await say(v, '转人工');
      const conversationId = await conversationOf(v);
      const adminId = (await server.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'admin@demo.test'"))[0]!.id;
      await server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [conversationId, adminId]);
      expect(await ask('agent', 'kb:inserted', { conversationId, articleId: gift.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('agent', 'kb:inserted', { conversationId: 'nope', articleId: gift.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('groups two similar questions the bot missed into one unanswered group with count 2', async () => {
      await say(await visitor('Job Seeker'), '你们招客服吗');
      await say(await visitor('Another Job Seeker'), '请问你们招聘客服吗？');
      const { groups } = data(await ask<{ groups: UnansweredGroup[] }>('admin', 'kb:learning:unanswered', { days: 7 }));
      const jobs = groups.find((g) => g.examples.some((e) => e.includes('客服')))!;
      expect(jobs).toMatchObject({ count: 2, handoffs: 0 });
      expect([...jobs.examples].sort()).toEqual(['你们招客服吗', '请问你们招聘客服吗？'].sort());
      expect(groups.filter((g) => g.examples.some((e) => e.includes('客服')))).toHaveLength(1);
      // Asking for a person ("转人工", said in the tests above) is no missing article.
      expect(groups.some((g) => g.examples.includes('转人工'))).toBe(false);

      // The same list over REST, for admins only.
      const rest = async (who: 'admin' | 'agent') => {
        const email = who === 'admin' ? 'admin@demo.test' : 'wang.fang@demo.test';
        const { accessToken } = await login(server.url, email, who === 'admin' ? 'demo-admin' : 'demo-agent');
        const response = await fetch(`${server.url}/api/bot/unanswered?days=7`, { headers: { authorization: `Bearer ${accessToken}` } });
        return { status: response.status, body: (await response.json()) as { groups?: UnansweredGroup[]; code?: string } };
      };
      expect(await rest('agent')).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      const forAdmin = await rest('admin');
      expect(forAdmin.status).toBe(200);
      expect(forAdmin.body.groups).toEqual(groups);
    });
  });
}
