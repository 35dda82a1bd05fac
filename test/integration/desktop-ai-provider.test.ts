import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { closeAllSockets, connectVisitor, visitorSays, type DemoPerson } from '../support/server-fixture';

const targets = await databaseTargets();
const KEY = 'sk-desk-secret-key-0042';

// The admin screen's AI provider and the composer's suggestions through the real client core and server.
describe.each(targets)('the AI provider through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  let fake: FakeOpenAi;
  const cores = new Map<DemoPerson, Promise<TestCore>>();
  const signIn = (who: DemoPerson): Promise<TestCore> => {
    const existing = cores.get(who);
    if (existing) return existing;
    const core = bed.signIn(who);
    cores.set(who, core);
    return core;
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    closeAllSockets();
    await fake?.close();
  });

  it('an admin sets the provider up, the key never comes back, and the connection test reaches it', async () => {
    const admin = await signIn('admin');
    const saved = await admin.call('ai.saveSettings', { baseUrl: fake.url, chatModel: 'chat', embeddingModel: 'embed', apiKey: KEY, features: { replySuggestions: true } });
    expect(saved).toMatchObject({ baseUrl: fake.url, apiKeySet: true, features: { replySuggestions: true, groundedAnswers: false } });
    const read = await admin.call('ai.settings', {});
    expect(JSON.stringify([saved, read])).not.toContain(KEY);
    const tested = await admin.call('ai.test', {});
    expect(tested).toMatchObject({ chat: { ok: true }, embeddings: { ok: true } });
    expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`);
    const audit = await admin.call('audit.list', { query: 'ai.settings' });
    expect(audit.entries.some((e) => e.action === 'ai.settings.update')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(KEY);

    const agent = await signIn('wang');
    expect(await agent.invoke('ai.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await agent.invoke('ai.saveSettings', { chatModel: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an agent gets suggestions for a conversation they may read, and is refused one they may not', async () => {
    // Two open conversations: one 王芳's, one 李雷's.
    const customer = async (name: string) => {
      const { socket, session } = await connectVisitor(bed.server.url, { name });
      return { id: (await visitorSays(bed.server, { socket, contactId: session.contactId }, 'Where is my parcel?')).conversationId };
    };
    const wangs = await customer('Ada');
    const lis = await customer('Bo');
    for (const [conversation, email] of [[wangs, 'wang.fang@demo.test'], [lis, 'li.lei@demo.test']] as const) {
      await bed.server.db.query(
        "UPDATE conversations SET assignee_id = (SELECT id FROM users WHERE email = $2), routing_state = 'assigned' WHERE id = $1",
        [conversation.id, email],
      );
    }
    fake.chat(() => ({ content: '- Thanks for waiting, I am checking your order now.' }));
    const agent = await signIn('wang');
    expect(await agent.call('ai.status', {})).toEqual({ replySuggestions: true });
    expect(await agent.call('ai.suggest', { conversationId: wangs.id })).toEqual({
      suggestions: [{ text: 'Thanks for waiting, I am checking your order now.', articleId: null, articleTitle: null }],
    });
    expect(await agent.invoke('ai.suggest', { conversationId: lis.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
