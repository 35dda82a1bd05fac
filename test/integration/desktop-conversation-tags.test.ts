import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../shared/contract';
import { startCore, type TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { DEMO_LOGINS } from '../support/server-fixture';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// The reason and outcome of a chat through the real client cores: the admin's list reaches every
// desktop and stays in its cache (offline, and after a restart); resolving with tags needs the connection.
describe.each(targets)('conversation tags on the desktop on $label', (target) => {
  const bed = desktopBedFor(target);

  async function claimed(agent: TestCore, name: string): Promise<InboxConversation> {
    const visitor = await bed.visitor({ name });
    await visitor.send(`${name}: where is my parcel?`);
    const waiting = await waitUntil(() => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.startsWith(name)), `${name}'s conversation`);
    await agent.call('outbox.send', { conversationId: waiting.id, body: 'Let me check.' });
    return waitUntil(async () => (await agent.call('conversations.list', {})).find((c) => c.id === waiting.id && c.assigneeId !== null), 'the conversation to be assigned');
  }

  it('the tag list reaches the agent, resolves a chat with its reason and outcome, and stays usable offline and after a restart', async () => {
    const proxy = await bed.proxy();
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-core-tags-'));
    let wang = startCore(dataDir);
    await wang.call('session.login', { serverUrl: proxy.url, email: DEMO_LOGINS.wang[0], password: DEMO_LOGINS.wang[1] });
    await wang.waitForStatus('online');
    const admin = await bed.signIn('admin');
    const supervisor = await bed.signIn('supervisor');

    const reason = await admin.call('conversationTags.save', { name: '物流查询', kind: 'reason' });
    const outcome = await admin.call('conversationTags.save', { name: 'Solved', kind: 'outcome' });
    await admin.call('conversationTags.saveSettings', { requireOutcome: true });
    const catalog = await waitUntil(async () => {
      const c = await wang.call('conversationTags.catalog', {});
      return c.tags.length === 2 && c.settings.requireOutcome ? c : undefined;
    }, "the agent's desktop to hold the new tags");
    expect(catalog.tags.map((t) => t.name).sort()).toEqual(['Solved', '物流查询']);
    // Agents cannot manage them.
    await expect(wang.call('conversationTags.save', { name: 'Mine', kind: 'other' })).rejects.toMatchObject({ code: 'forbidden' });

    const chat = await claimed(wang, 'Tag visitor');
    await expect(wang.call('conversations.resolve', { conversationId: chat.id, tagIds: [reason.id] })).rejects.toMatchObject({ code: 'outcome_required' });
    const resolved = await wang.call('conversations.resolve', { conversationId: chat.id, tagIds: [reason.id, outcome.id] });
    expect(resolved).toMatchObject({ status: 'resolved' });
    expect(resolved.tagIds?.sort()).toEqual([reason.id, outcome.id].sort());
    await waitUntil(
      () => supervisor.eventsOf('conversation.updated').some((c) => c.id === chat.id && c.status === 'resolved' && c.tagIds?.length === 2),
      'the supervisor to see the chat resolved with its tags',
    );

    // Offline: the list answers from the cache; changing tags needs the connection.
    proxy.cut();
    await wang.waitForStatus('offline');
    expect((await wang.call('conversationTags.catalog', {})).tags).toHaveLength(2);
    await expect(wang.call('conversations.setTags', { conversationId: chat.id, tagIds: [outcome.id] })).rejects.toMatchObject({ code: 'offline' });

    // A restart while still offline starts from the cache: the chat keeps its tags and the list is there.
    await wang.core.dispose();
    wang = startCore(dataDir);
    expect((await wang.call('conversationTags.catalog', {})).tags.map((t) => t.id).sort()).toEqual([reason.id, outcome.id].sort());
    expect((await wang.call('conversations.list', {})).find((c) => c.id === chat.id)?.tagIds?.sort()).toEqual([reason.id, outcome.id].sort());
    await wang.core.dispose();
    await admin.call('conversationTags.saveSettings', { requireOutcome: false });
  });
});
