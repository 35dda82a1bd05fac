import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Contact, Conversation, Template } from '../../shared/domain';
import { connectAgent, connectVisitor, login, request, waitFor } from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';

describe('contacts and the catalog reach only those allowed to see them', () => {
  const running = serverForFile();

  const agentSocket = async (email: string, password = 'demo-agent') => {
    const tokens = await login(running.server.url, email, password);
    return { socket: await connectAgent(running.server.url, tokens.accessToken), user: tokens.user };
  };

  it("gives an agent the customers of their own and unassigned chats, never a colleague's", async () => {
    const wang = await agentSocket('wang.fang@demo.test');
    const li = await agentSocket('li.lei@demo.test');
    const supervisor = await agentSocket('supervisor@demo.test', 'demo-supervisor');
    // Only 王芳 is offered the chat: nobody else's offer stands between her and taking it.
    for (const other of [li, supervisor]) expect((await request(other.socket, 'presence:set', { presence: 'away' })).ok).toBe(true);
    const { socket: visitor, session } = await connectVisitor(running.server.url, { name: 'Private Customer' });
    await request(visitor, 'visitor:send', { clientId: randomUUID(), body: 'contact-test' });

    // Unassigned: every agent may see the customer.
    const before = await request<{ contacts: Contact[] }>(li.socket, 'contacts:get', { ids: [session.contactId] });
    expect(before).toMatchObject({ ok: true, data: { contacts: [{ id: session.contactId, name: 'Private Customer' }] } });

    let conversationId = '';
    await waitFor(async () => {
      const list = await request<{ conversations: Conversation[] }>(wang.socket, 'conversations:list', {});
      conversationId = (list.ok && list.data.conversations.find((c) => c.contactId === session.contactId)?.id) || '';
      return conversationId !== '';
    }, 'the conversation');
    expect((await request(wang.socket, 'message:send', { conversationId, clientId: randomUUID(), body: 'Mine now' })).ok).toBe(true);

    const after = await request<{ contacts: Contact[] }>(li.socket, 'contacts:get', { ids: [session.contactId] });
    expect(after).toEqual({ ok: true, data: { contacts: [] } });
    for (const allowed of [wang, supervisor]) {
      const seen = await request<{ contacts: Contact[] }>(allowed.socket, 'contacts:get', { ids: [session.contactId] });
      expect(seen.ok && seen.data.contacts.map((c) => c.id)).toEqual([session.contactId]);
    }

    // Sync pages carry the customers of the conversations in them, and only those.
    const liPage = await request<{ contacts: Contact[] }>(li.socket, 'sync:changes', { after: 0, limit: 5000 });
    expect(liPage.ok && liPage.data.contacts.map((c) => c.id)).not.toContain(session.contactId);
    const wangPage = await request<{ contacts: Contact[] }>(wang.socket, 'sync:changes', { after: 0, limit: 5000 });
    expect(wangPage.ok && wangPage.data.contacts.map((c) => c.id)).toContain(session.contactId);
  });

  it("sends the team's quick replies and the agent's own, never a colleague's personal ones", async () => {
    const wang = await agentSocket('wang.fang@demo.test');
    const li = await agentSocket('li.lei@demo.test');
    await running.server.db.query(
      `INSERT INTO templates (id, account_id, owner_id, lang, shortcut, title, body)
       VALUES ($1, $2, $3, 'zh', 'mine', '我的话术', '这是李雷自己的话术')`,
      [randomUUID(), li.user.accountId, li.user.id],
    );
    const forWang = await request<{ templates: Template[]; articles: unknown[] }>(wang.socket, 'catalog:snapshot', {});
    const forLi = await request<{ templates: Template[] }>(li.socket, 'catalog:snapshot', {});
    expect(forWang.ok && forWang.data.templates.map((t) => t.shortcut)).not.toContain('mine');
    expect(forWang.ok && forWang.data.articles.length).toBeGreaterThan(0);
    expect(forLi.ok && forLi.data.templates.map((t) => t.shortcut)).toContain('mine');
  });
});
