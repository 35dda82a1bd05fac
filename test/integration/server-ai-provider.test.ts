import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { articleEmbeddingText } from '../../server/domain/ai/article-embeddings';
import type { AiSettingsView } from '../../shared/ai';
import type { KbArticle, Message } from '../../shared/domain';
import { deliveriesDrained, pushesFlushed, webhooksProcessed } from '../support/barriers';
import { botVisitor, sayToBot, type BotVisitor } from '../support/bot-visitor';
import { databaseTargets } from '../support/databases';
import { citeFirstArticle, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { tgText } from '../support/platform-payloads';
import { closeAllSockets, connectAgent, data, login, request, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();
const KEY = 'sk-test-0123456789-never-shown';

afterAll(() => closeAllSockets());


for (const target of targets) {
  describe(`the optional AI provider on ${target.label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let fake: FakeOpenAi;
    let platform: RecordingServer;
    const tokens: Record<string, string> = {};
    const articles: Record<'returns' | 'shipping' | 'invoice', KbArticle> = {} as never;

    async function api<T = Record<string, unknown>>(method: string, path: string, who: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as T, text };
    }

    const configure = async (change: Record<string, unknown>) => {
      const answer = await api<{ settings: AiSettingsView }>('PATCH', '/api/admin/ai', 'admin', change);
      expect(answer.status).toBe(200);
      await server.ai.settled();
      return answer.body.settings;
    };

    const visitor = (name: string) => botVisitor(server, name);

    const say = (v: BotVisitor, body: string) => sayToBot(server, v, body, false);

    const conversationOf = async (contactId: string) =>
      (await server.db.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [contactId]))[0]!.id;

    beforeAll(async () => {
      fake = await startFakeOpenAi();
      platform = await startRecordingServer();
      platform.answer((r) => (r.path.startsWith('/tg/') ? { json: { ok: true, result: { message_id: 1 } } } : undefined));
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', tokenSecret: 'ai-provider-test', routingSweepMs: 60_000, ...opened.options });
      for (const [who, email, password] of [
        ['admin', 'admin@demo.test', 'demo-admin'],
        ['supervisor', 'supervisor@demo.test', 'demo-supervisor'],
        ['wang', 'wang.fang@demo.test', 'demo-agent'],
        ['li', 'li.lei@demo.test', 'demo-agent'],
      ] as const) {
        tokens[who] = (await login(server.url, email, password)).accessToken;
      }
      // A small knowledge base of our own; the bot answers on the widget at any hour.
      await server.db.query('DELETE FROM kb_articles');
      await server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE kind = 'widget'`);
      await server.db.query("DELETE FROM bot_rules WHERE kind IN ('off_hours', 'greeting')");
      const write = async (input: Record<string, unknown>) => (await api<{ article: KbArticle }>('POST', '/api/kb/articles', 'admin', input)).body.article;
      articles.returns = await write({ lang: 'en', title: 'How do I return an item', body: 'You can return any item within 30 days from the returns page.', questions: ['Can I send it back'] });
      articles.shipping = await write({ lang: 'en', title: 'When will my order ship', body: 'Orders ship within two working days.', questions: [] });
      articles.invoice = await write({ lang: 'en', title: 'How do I get an invoice', body: 'Invoices are in your account under Orders.', questions: [] });
    });

    afterAll(async () => {
      closeAllSockets();
      await server?.close();
      await drop?.();
      await fake?.close();
      await platform?.close();
    });

    beforeEach(() => {
      fake.chat(citeFirstArticle);
      fake.embeddings(null);
    });

    it('is for admins only, keeps the key write-only (REST and socket) and audits each change without it', async () => {
      for (const who of ['wang', 'supervisor']) {
        expect((await api('GET', '/api/admin/ai', who)).status).toBe(403);
        expect((await api('PATCH', '/api/admin/ai', who, { chatModel: 'x' })).status).toBe(403);
        expect((await api('POST', '/api/admin/ai/test', who)).status).toBe(403);
      }
      const initial = await api<{ settings: AiSettingsView }>('GET', '/api/admin/ai', 'admin');
      expect(initial.body.settings).toMatchObject({ apiKeySet: false, features: { hybridRetrieval: false, groundedAnswers: false, handoffSummary: false, replySuggestions: false } });

      const refused = await api('PATCH', '/api/admin/ai', 'admin', { baseUrl: 'http://api.example.com/v1' });
      expect(refused.body).toMatchObject({ code: 'insecure_server' });

      // Everything an admin's workstation hears while the key is set.
      const adminSocket = await connectAgent(server.url, tokens.admin);
      const heard: unknown[] = [];
      adminSocket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
      const saved = await api<{ settings: AiSettingsView }>('PATCH', '/api/admin/ai', 'admin', {
        baseUrl: `${fake.url}/`, chatModel: 'chat-small', embeddingModel: 'embed-small', apiKey: KEY, timeoutMs: 1500,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toMatchObject({ baseUrl: fake.url, chatModel: 'chat-small', embeddingModel: 'embed-small', apiKeySet: true, timeoutMs: 1500 });
      expect(saved.text).not.toContain(KEY);
      const read = await api('GET', '/api/admin/ai', 'admin');
      expect(read.text).not.toContain(KEY);
      expect(read.text).not.toContain('sk-test');
      // Stored sealed, not as typed.
      const stored = await server.db.query<{ api_key_sealed: string }>('SELECT api_key_sealed FROM ai_settings');
      expect(stored[0]!.api_key_sealed).not.toContain(KEY);

      // The connection test reaches the provider with the key as a Bearer token.
      const tested = await api<{ result: { chat: { ok: boolean }; embeddings: { ok: boolean; dims: number } } }>('POST', '/api/admin/ai/test', 'admin');
      expect(tested.body.result).toMatchObject({ chat: { ok: true }, embeddings: { ok: true, dims: 64 } });
      expect(tested.text).not.toContain(KEY);
      expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`);

      const audit = await data(await request<{ entries: { action: string; details: Record<string, unknown> }[] }>(adminSocket, 'audit:list', { query: 'ai.settings' }));
      const entries = audit.entries.filter((e) => e.action === 'ai.settings.update');
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries[0]!.details).toMatchObject({ apiKey: 'replaced', chatModel: 'chat-small' });
      expect(JSON.stringify(audit)).not.toContain(KEY);
      await pushesFlushed(adminSocket);
      expect(JSON.stringify(heard)).not.toContain(KEY);

      // The key goes only where it was given for: another origin without a new key clears it.
      expect((await configure({ baseUrl: 'http://127.0.0.1:9/v1' })).apiKeySet).toBe(false);
      const movedAudit = await server.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_log WHERE action = 'ai.settings.update' ORDER BY id DESC LIMIT 1",
      );
      expect(movedAudit[0]!.details).toMatchObject({ apiKey: 'cleared' });
      // Back at the provider with the key again; a change of path on the same origin keeps it.
      expect((await configure({ baseUrl: fake.url, apiKey: KEY })).apiKeySet).toBe(true);
      expect((await configure({ baseUrl: `${fake.url}/` })).apiKeySet).toBe(true);

      // Cleared: no key is sent any more.
      expect((await configure({ apiKey: null })).apiKeySet).toBe(false);
      await api('POST', '/api/admin/ai/test', 'admin');
      expect(fake.requests.at(-1)!.authorization).toBeUndefined();
      expect((await configure({ apiKey: KEY })).apiKeySet).toBe(true);
    });

    it('stores article vectors in the database and embeds an article again only when its text changed', async () => {
      const before = fake.embeddedInputs().length;
      await configure({ features: { hybridRetrieval: true } });
      const rows = await server.db.query<{ article_id: string; dims: number }>("SELECT article_id, dims FROM article_embeddings WHERE model = 'embed-small'");
      expect(rows.map((r) => r.article_id).sort()).toEqual(Object.values(articles).map((a) => a.id).sort());
      expect(rows.every((r) => Number(r.dims) === 64)).toBe(true);
      expect(fake.embeddedInputs().slice(before)).toHaveLength(3);

      // Another settings change: nothing is embedded again.
      await configure({ timeoutMs: 1200 });
      expect(fake.embeddedInputs().slice(before)).toHaveLength(3);

      // One article changes: only that one is embedded again.
      const changed = { lang: 'en', title: articles.invoice.title, body: 'Invoices are in your account under Orders → Invoice.', questions: [] };
      expect((await api('PUT', `/api/kb/articles/${articles.invoice.id}`, 'admin', changed)).status).toBe(200);
      await waitFor(async () => {
        await server.ai.settled();
        return fake.embeddedInputs().slice(before).length === 4;
      }, 'the changed article embedded');
      expect(fake.embeddedInputs().at(-1)).toContain('Orders → Invoice');
      articles.invoice = { ...articles.invoice, body: changed.body };

      // Another embedding model: every article is embedded with it, and the old vectors go.
      await configure({ embeddingModel: 'embed-large' });
      const models = await server.db.query<{ model: string; n: number }>('SELECT model, count(*)::int AS n FROM article_embeddings GROUP BY model');
      expect(models).toEqual([{ model: 'embed-large', n: 3 }]);
      expect(fake.embeddedInputs().slice(before)).toHaveLength(7);
    });

    it('answers a question with no word in common with the article when the embeddings match it', async () => {
      const question = 'parcel boomerang procedure?';
      const control = await say(await visitor('Control'), 'zebra quantum lattice?');
      expect(control.at(-1)!.body).toMatch(/could not find/i);

      fake.embedLike(question, articleEmbeddingText(articles.returns));
      const replies = await say(await visitor('Hybrid'), question);
      expect(replies.at(-1)!.body).toBe(`${articles.returns.title}\n\n${articles.returns.body}`);
    });

    it('words a grounded answer from the article and cites it; an answer naming no article sends the article itself', async () => {
      await configure({ features: { groundedAnswers: true } });
      const grounded = await say(await visitor('Grounded'), 'When will my order ship?');
      expect(grounded.at(-1)!.body).toBe(`Model answer from "${articles.shipping.title}".\n\nSource: "${articles.shipping.title}"`);
      const asked = fake.requests.filter((r) => r.path === '/chat/completions').at(-1)!;
      expect(JSON.stringify(asked.body)).toContain(articles.shipping.body);

      fake.chat(() => ({ content: 'Orders usually ship fast, no worries!' }));
      const unnamed = await say(await visitor('Unnamed'), 'When will my order ship?');
      expect(unnamed.at(-1)!.body).toBe(`${articles.shipping.title}\n\n${articles.shipping.body}`);

      fake.chat(() => ({ content: 'ARTICLE: none' }));
      const none = await say(await visitor('None'), 'When will my order ship?');
      expect(none.at(-1)!.body).toBe(`${articles.shipping.title}\n\n${articles.shipping.body}`);
    });

    it('sends the lexical answer when the provider is down or slower than the timeout', async () => {
      await configure({ timeoutMs: 200 });
      const timeoutsBefore = server.ai.failureCounts().timeout ?? 0;
      fake.embeddings('hold');
      fake.chat(() => 'hold');
      const slow = await say(await visitor('Slow'), 'When will my order ship?');
      expect(slow.at(-1)!.body).toBe(`${articles.shipping.title}\n\n${articles.shipping.body}`);
      expect(server.ai.failureCounts().timeout).toBeGreaterThanOrEqual(timeoutsBefore + 2);
      fake.release();

      fake.embeddings(503);
      fake.chat(() => ({ status: 500 }));
      const down = await say(await visitor('Down'), 'How do I return an item?');
      expect(down.at(-1)!.body).toBe(`${articles.returns.title}\n\n${articles.returns.body}`);
      await configure({ timeoutMs: 1500 });
    });

    it('leaves the agent a summary of what the customer wants at the handoff, never sent to the customer on any channel', async () => {
      await configure({ features: { handoffSummary: true } });
      fake.chat((messages) =>
        messages[0]!.content.startsWith('Summarise') ? { content: 'The customer wants to return order 1234 bought last week.' } : citeFirstArticle(messages),
      );
      const supervisor = await connectAgent(server.url, tokens.supervisor);

      // The widget: the customer sees the handoff notice, not the summary.
      const v = await visitor('Summary');
      await say(v, 'I bought order 1234 last week and want to send it back');
      await say(v, 'agent');
      await server.ai.settled();
      const conversationId = await conversationOf(v.contactId);
      const thread = data(await request<{ messages: Message[] }>(supervisor, 'messages:list', { conversationId })).messages;
      const summary = thread.find((m) => m.system?.code === 'summary');
      expect(summary).toMatchObject({ internal: true, system: { params: { text: 'The customer wants to return order 1234 bought last week.' } } });
      await pushesFlushed(v.socket);
      expect(v.messages.some((m) => m.body.includes('order 1234 bought'))).toBe(false);

      // A platform channel: nothing of the summary reaches the platform's API.
      const created = await api<{ channel: { id: string } }>('POST', '/api/channels', 'admin', {
        kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${platform.url}/tg`, bot: true }, secrets: { botToken: '1:x', webhookSecret: 's' },
      });
      expect(created.status).toBe(201);
      const hook = (update: unknown) =>
        fetch(`${server.url}/webhooks/telegram/${created.body.channel.id}`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's' }, body: JSON.stringify(update),
        });
      await hook(tgText(1, 7, 'I want to send order 1234 back'));
      await hook(tgText(2, 8, 'agent'));
      await webhooksProcessed(server);
      await server.router.settled();
      await server.ai.settled();
      await deliveriesDrained(server);
      const tgConversation = (await server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [`ch:${created.body.channel.id}:1111111:7`]))[0]!.conversation_id;
      const tgThread = data(await request<{ messages: Message[] }>(supervisor, 'messages:list', { conversationId: tgConversation })).messages;
      expect(tgThread.some((m) => m.system?.code === 'summary' && m.internal)).toBe(true);
      const sent = platform.requests.filter((r) => r.path.startsWith('/tg/')).map((r) => r.body).join('\n');
      expect(sent.length).toBeGreaterThan(0);
      expect(sent).not.toContain('order 1234 bought');
      expect(sent).not.toContain('return order 1234');
    });

    it('suggests replies in the composer to those who may answer the conversation, and only when turned on', async () => {
      const v = await visitor('Suggest');
      await say(v, 'How do I return an item?');
      const conversationId = await conversationOf(v.contactId);
      // Give the conversation to 王芳: 李雷 may no longer read it.
      const wangId = (await server.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'wang.fang@demo.test'"))[0]!.id;
      await server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [conversationId, wangId]);
      const wang = await connectAgent(server.url, tokens.wang);
      const li = await connectAgent(server.url, tokens.li);

      const off = await request(wang, 'ai:suggest', { conversationId });
      expect(off).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(data(await request(wang, 'ai:status', {}))).toEqual({ replySuggestions: false });

      await configure({ features: { replySuggestions: true } });
      expect(data(await request(li, 'ai:status', {}))).toEqual({ replySuggestions: true });
      fake.chat(() => ({ content: `- [1] You can return it within 30 days from the returns page.\n- Could you share your order number?` }));
      const refused = await request(li, 'ai:suggest', { conversationId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const answer = data(await request<{ suggestions: { text: string; articleId: string | null; articleTitle: string | null }[] }>(wang, 'ai:suggest', { conversationId }));
      expect(answer.suggestions).toEqual([
        { text: 'You can return it within 30 days from the returns page.', articleId: articles.returns.id, articleTitle: articles.returns.title },
        { text: 'Could you share your order number?', articleId: null, articleTitle: null },
      ]);
      // Nothing was sent or stored in the conversation.
      const thread = data(await request<{ messages: Message[] }>(wang, 'messages:list', { conversationId })).messages;
      expect(thread.some((m) => m.body.includes('share your order number'))).toBe(false);

      fake.chat(() => ({ status: 503 }));
      expect(await request(wang, 'ai:suggest', { conversationId })).toMatchObject({ ok: false, error: { code: 'ai_unavailable' } });
    });
  });
}
