import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ManagedConversationTag } from '../../shared/conversation-tags';
import type { Conversation } from '../../shared/domain';
import type { AgentRequestResult } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import {
  closeAllSockets, connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor, type DemoPerson,
} from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';

// Resolve with an outcome: admins keep a list of reason and outcome tags; agents put them on the
// chats they work on (on resolve, or on their own); an admin may require an outcome to resolve.

const run = serverForFile();
afterAll(() => closeAllSockets());

describe('conversation tags', () => {
  let sockets: Record<DemoPerson, Socket>;
  let ids: Record<DemoPerson, string>;
  const tags: Record<string, ManagedConversationTag> = {};
  const ask = (who: DemoPerson, name: string, payload: unknown) => request(sockets[who], name, payload);
  const links = async (conversationId: string) =>
    run.server.db.query<{ tag_id: string; added_by: string }>('SELECT tag_id, added_by FROM conversation_tag_links WHERE conversation_id = $1 ORDER BY tag_id', [conversationId]);
  const status = async (conversationId: string) =>
    (await run.server.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [conversationId]))[0]!.status;

  /** A new widget chat that 王芳 takes by answering it. */
  async function wangsChat(name: string): Promise<string> {
    const { socket, session } = await connectVisitor(run.server.url, { name });
    const { conversationId } = await visitorSays(run.server, { socket, contactId: session.contactId }, `${name} has a question about a bill`);
    data(await ask('wang', 'message:send', { conversationId, clientId: crypto.randomUUID(), body: 'Let me look at that.' }));
    return conversationId;
  }

  async function saveTag(name: string, kind: string): Promise<ManagedConversationTag> {
    const { tag } = data(await request<{ tag: ManagedConversationTag }>(sockets.admin, 'conversation-tags:admin:save', { name, kind }));
    tags[name] = tag;
    return tag;
  }

  beforeAll(async () => {
    const team = await connectDemoTeam(run.server.url);
    ({ sockets, ids } = team);
    await quietTeam(run.server, sockets);
  });

  it('only admins manage the tags; supervisors read them with their use; every desk hears of a change; changes are audited', async () => {
    const heard = record(sockets.wang, 'conversation-tags:changed');
    await saveTag('Billing question', 'reason');
    await saveTag('Solved', 'outcome');
    await saveTag('Refunded', 'outcome');
    await waitFor(() => heard.length === 3, 'every desk heard of the three new tags');

    for (const who of ['wang', 'supervisor'] as const) {
      expect(await ask(who, 'conversation-tags:admin:save', { name: 'Mine', kind: 'other' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(who, 'conversation-tags:admin:archive', { id: tags.Solved!.id, archived: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(who, 'conversation-tags:admin:settings', { requireOutcome: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await ask('wang', 'conversation-tags:admin:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const managed = data(await request<AgentRequestResult<'conversation-tags:admin:list'>>(sockets.supervisor, 'conversation-tags:admin:list', {}));
    expect(managed.tags.map((t) => [t.kind, t.name, t.uses])).toEqual([['outcome', 'Refunded', 0], ['outcome', 'Solved', 0], ['reason', 'Billing question', 0]]);
    expect(managed.settings).toEqual({ requireOutcome: false });

    // A second tag of the same kind and name is refused.
    expect(await ask('admin', 'conversation-tags:admin:save', { name: 'Solved', kind: 'outcome' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const audit = await run.server.db.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_log WHERE target_type = 'conversation_tag' ORDER BY id",
    );
    expect(audit).toEqual([1, 2, 3].map(() => ({ action: 'conversation_tag.create', actor_id: ids.admin })));
    // Agents read the list for their picker.
    const list = data(await request<AgentRequestResult<'conversation-tags:list'>>(sockets.li, 'conversation-tags:list', {}));
    expect(list.tags.map((t) => t.name).sort()).toEqual(['Billing question', 'Refunded', 'Solved']);
  });

  it('an agent resolves their chat with a reason and an outcome; supervisors watching see the tags; sync carries them', async () => {
    const conversationId = await wangsChat('Tom Tagged');
    await pushesFlushed(...Object.values(sockets));
    const watched = record<Conversation>(sockets.supervisor, 'conversation:upsert');
    const before = Number((await run.server.db.query<{ seq: number }>('SELECT seq FROM conversations WHERE id = $1', [conversationId]))[0]!.seq);

    const { conversation } = data(await request<{ conversation: Conversation }>(sockets.wang, 'conversation:resolve', {
      conversationId, tagIds: [tags['Billing question']!.id, tags.Solved!.id],
    }));
    expect(conversation).toMatchObject({ status: 'resolved', tagIds: [tags['Billing question']!.id, tags.Solved!.id].sort() });
    expect(await links(conversationId)).toEqual([tags['Billing question']!.id, tags.Solved!.id].sort().map((tag_id) => ({ tag_id, added_by: ids.wang })));
    await waitFor(() => watched.some((c) => c.id === conversationId && c.status === 'resolved'), 'the supervisor saw it resolved');
    expect(watched.find((c) => c.id === conversationId && c.status === 'resolved')?.tagIds?.sort()).toEqual([tags['Billing question']!.id, tags.Solved!.id].sort());

    const page = data(await request<AgentRequestResult<'sync:changes'>>(sockets.wang, 'sync:changes', { after: before }));
    expect(page.conversations.find((c) => c.id === conversationId)?.tagIds?.sort()).toEqual([tags['Billing question']!.id, tags.Solved!.id].sort());

    // Two outcomes at once are refused; the chat keeps what it had.
    expect(await ask('wang', 'conversation:tags', { conversationId, tagIds: [tags.Solved!.id, tags.Refunded!.id] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await links(conversationId)).length).toBe(2);
    const uses = data(await request<AgentRequestResult<'conversation-tags:admin:list'>>(sockets.admin, 'conversation-tags:admin:list', {}));
    expect(uses.tags.find((t) => t.name === 'Solved')?.uses).toBe(1);
  });

  it("another agent can neither tag nor resolve a colleague's chat", async () => {
    const conversationId = await wangsChat('Rita Refused');
    expect(await ask('li', 'conversation:tags', { conversationId, tagIds: [tags.Solved!.id] })).toMatchObject({ ok: false, error: { code: 'reassigned' } });
    expect(await ask('li', 'conversation:resolve', { conversationId, tagIds: [tags.Solved!.id] })).toMatchObject({ ok: false, error: { code: 'reassigned' } });
    expect(await links(conversationId)).toEqual([]);
    expect(await status(conversationId)).toBe('open');
    // A tag of nowhere is refused too.
    expect(await ask('wang', 'conversation:tags', { conversationId, tagIds: ['no-such-tag'] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('when an admin requires an outcome, resolving without one is refused and the chat stays open', async () => {
    const heard = record(sockets.li, 'conversation-tags:changed');
    expect(data(await request<{ settings: unknown }>(sockets.admin, 'conversation-tags:admin:settings', { requireOutcome: true })).settings).toEqual({ requireOutcome: true });
    await waitFor(() => heard.length === 1, 'the desks heard of the setting');
    expect(data(await request<AgentRequestResult<'conversation-tags:list'>>(sockets.wang, 'conversation-tags:list', {})).settings).toEqual({ requireOutcome: true });

    const conversationId = await wangsChat('Otto Outcome');
    expect(await ask('wang', 'conversation:resolve', { conversationId })).toMatchObject({ ok: false, error: { code: 'outcome_required' } });
    expect(await ask('wang', 'conversation:resolve', { conversationId, tagIds: [tags['Billing question']!.id] })).toMatchObject({ ok: false, error: { code: 'outcome_required' } });
    expect(await status(conversationId)).toBe('open');
    // The refused resolve stored none of its tags.
    expect(await links(conversationId)).toEqual([]);

    // An outcome set beforehand counts.
    data(await ask('wang', 'conversation:tags', { conversationId, tagIds: [tags.Refunded!.id] }));
    const { conversation } = data(await request<{ conversation: Conversation }>(sockets.wang, 'conversation:resolve', { conversationId }));
    expect(conversation).toMatchObject({ status: 'resolved', tagIds: [tags.Refunded!.id] });

    const audit = await run.server.db.query<{ details: { after: unknown } }>("SELECT details FROM audit_log WHERE target_type = 'conversation_tag_settings'");
    expect(audit.map((a) => a.details.after)).toEqual([{ requireOutcome: true }]);
    data(await ask('admin', 'conversation-tags:admin:settings', { requireOutcome: false }));
  });

  it('an archived tag cannot be put on another chat but still shows on the chats that have it', async () => {
    const old = await wangsChat('Anna Archived');
    data(await ask('wang', 'conversation:tags', { conversationId: old, tagIds: [tags['Billing question']!.id] }));
    const archived = data(await request<{ tag: ManagedConversationTag }>(sockets.admin, 'conversation-tags:admin:archive', { id: tags['Billing question']!.id, archived: true })).tag;
    expect(archived).toMatchObject({ archived: true, uses: 2 });

    const fresh = await wangsChat('Nina New');
    expect(await ask('wang', 'conversation:resolve', { conversationId: fresh, tagIds: [tags['Billing question']!.id, tags.Solved!.id] }))
      .toMatchObject({ ok: false, error: { code: 'tag_archived', details: { name: 'Billing question' } } });
    expect(await status(fresh)).toBe('open');

    // The old chat keeps it (named from the list, which still has it) and may gain an outcome beside it.
    const list = data(await request<AgentRequestResult<'conversation-tags:list'>>(sockets.wang, 'conversation-tags:list', {}));
    expect(list.tags.find((t) => t.id === tags['Billing question']!.id)).toMatchObject({ name: 'Billing question', archived: true });
    const { conversations } = data(await request<{ conversations: Conversation[] }>(sockets.wang, 'conversations:list', {}));
    expect(conversations.find((c) => c.id === old)?.tagIds).toEqual([tags['Billing question']!.id]);
    const { conversation } = data(await request<{ conversation: Conversation }>(sockets.wang, 'conversation:resolve', {
      conversationId: old, tagIds: [tags['Billing question']!.id, tags.Solved!.id],
    }));
    expect(conversation.tagIds?.sort()).toEqual([tags['Billing question']!.id, tags.Solved!.id].sort());

    const audit = await run.server.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_type = 'conversation_tag' AND target_id = $1 ORDER BY id", [tags['Billing question']!.id]);
    expect(audit.map((a) => a.action)).toEqual(['conversation_tag.create', 'conversation_tag.archive']);
  });
});
