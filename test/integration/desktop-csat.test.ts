import { afterAll, describe, expect, it } from 'vitest';
import { signedInCore, type TestCore } from '../support/core-harness';
import { serverForFile } from '../support/server-for-file';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const fixture = serverForFile();
const SETTINGS = {
  enabled: true, channelKinds: ['widget' as const], questionEn: 'How did we do? Rate us 1 to 5.', questionZh: '您对本次服务满意吗？', linkValidDays: 7,
};

// Satisfaction surveys through the real client cores and server: what an admin sets decides the
// survey, and the customer's answer reaches the agent's desktop as a line of the thread.
describe('satisfaction answers on the desktop', () => {
  const cores: TestCore[] = [];

  afterAll(async () => {
    for (const c of cores) await c.core.dispose();
  });

  const signIn = (email: string, password: string) => signedInCore(cores, fixture.server.url, email, password);

  it('an admin turns the survey on; after the agent resolves, the customer’s stars and comment arrive live in the thread and in csat.get', async () => {
    const admin = await signIn('admin@demo.test', 'demo-admin');
    expect(await admin.call('csatAdmin.saveSettings', SETTINGS)).toEqual(SETTINGS);
    expect(await admin.call('csatAdmin.settings', {})).toEqual(SETTINGS);
    const agent = await signIn('wang.fang@demo.test', 'demo-agent');
    expect(await agent.invoke('csatAdmin.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const visitor = await connectVisitor(fixture.server.url, { name: 'Survey Visitor' });
    expect((await visitor.send('Where is my parcel?')).ok).toBe(true);
    const conversation = await waitUntil(
      () => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.includes('Where is my parcel?')),
      'the conversation on the agent’s desktop',
    );
    const reply = await agent.call('outbox.send', { conversationId: conversation.id, body: 'It arrives tomorrow.' });
    await waitUntil(() => agent.eventsOf('message.updated').find((m) => m.clientId === reply.clientId && m.delivery === 'sent'), 'the reply stored');
    expect(await agent.call('csat.get', { conversationId: conversation.id })).toBeNull();
    await agent.call('conversations.resolve', { conversationId: conversation.id });

    const survey = await visitor.waitFor((m) => m.system?.code === 'csat_survey');
    expect(survey.body).toBe(SETTINGS.questionEn);
    const answered = (await visitor.socket.timeout(10_000).emitWithAck('visitor:csat', { messageId: survey.id, rating: 3, comment: 'OK but slow' })) as unknown;
    expect(answered).toEqual({ ok: true, data: { status: 'stored' } });

    const line = await waitUntil(
      () => agent.eventsOf('message.updated').find((m) => m.conversationId === conversation.id && m.system?.code === 'csat_answer'),
      'the answer on the agent’s desktop',
    );
    expect(line).toMatchObject({ internal: true, system: { params: { rating: '3', comment: 'OK but slow' } } });
    // The line is in the desktop's cache with the rest of the thread, after the survey line.
    const thread = await agent.call('messages.list', { conversationId: conversation.id });
    expect(thread.map((m) => m.system?.code ?? m.senderType)).toEqual(['contact', 'agent', 'csat_survey', 'csat_answer']);
    expect(await agent.call('csat.get', { conversationId: conversation.id })).toMatchObject({
      conversationId: conversation.id, channelKind: 'widget', answer: { rating: 3, comment: 'OK but slow', via: 'widget', late: false, changes: 0 },
    });
    visitor.close();
  });
});
