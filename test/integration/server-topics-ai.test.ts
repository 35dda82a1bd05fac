import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { TopicRun, TopicsList } from '../../shared/topics';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { serverForFile } from '../support/server-for-file';
import { connectDemoTeam, data, request, type DemoPerson } from '../support/server-fixture';
import { seedConversation } from '../support/topic-seed';

const DAY = 86_400_000;
/** Fewer than the 18 seeded messages: a run clusters a sample of this many. */
const CAP = 12;
const file = serverForFile({ topicPollMs: DAY, topicMessageCap: CAP });

const groups = [
  ['退款什么时候到账', '我的退款还没到账', '退款到账要多久', '退款一直没到账', 'when will my refund arrive', 'refund not received yet'],
  ['能开发票吗 公司报销', '发票怎么开', '我要开发票', '发票能开吗 急用', 'can i get an invoice', 'please send the invoice'],
  ['登录不上去 密码错误', '忘记密码 登录不了', '密码重置了还是登录不了', '验证码收不到 登录不了', 'cant log in, wrong password', 'login says wrong password'],
];

// Topics named by the account's AI provider when it has a chat model, the local labels otherwise.
describe('question clustering with an AI provider', () => {
  let sockets: Record<DemoPerson, Socket>;
  let tokens: Record<DemoPerson, string>;
  let fake: FakeOpenAi;

  const runNow = async () => {
    data(await request<{ run: TopicRun }>(sockets.supervisor, 'topics:run', { days: 7 }));
    await file.server.topics.sweep();
    return data(await request<TopicsList>(sockets.supervisor, 'topics:list', { days: 7 }));
  };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    let accountId: string;
    ({ sockets, tokens, accountId } = await connectDemoTeam(file.server.url));
    const db = file.server.db;
    await db.query("UPDATE messages SET created_at = created_at - interval '60 days' WHERE sender_type = 'contact'");
    for (const [g, texts] of groups.entries()) {
      for (const [i, body] of texts.entries()) {
        await seedConversation(db, accountId, `customer ${g}-${i}`, [{ from: 'contact', body, at: new Date(Date.now() - DAY - i * 60_000) }]);
      }
    }
    const answer = await fetch(`${file.server.url}/api/admin/ai`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ baseUrl: fake.url, chatModel: 'namer', apiKey: 'sk-topics' }),
    });
    expect(answer.status).toBe(200);
  });

  afterAll(async () => {
    await fake.close();
  });

  it('the chat model names each topic from its examples, in the topic language', async () => {
    fake.chat((messages) => {
      const user = messages.find((m) => m.role === 'user')!.content;
      // Each topic is named after the first example it was shown, so the test can tell which name went where.
      const names = [...user.matchAll(/^\[(\d+)\] \((Chinese|English)\)\n- (.*)$/gm)].map(([, n, lang, first]) =>
        `[${n}] ${lang === 'Chinese' ? '话题' : 'Topic'}: ${first}`);
      return { content: names.join('\n') };
    });
    const list = await runNow();
    expect(list.run).toMatchObject({ status: 'done', method: 'local+ai-labels', messageCount: 18, clusteredCount: CAP });
    expect(list.topics.map((t) => t.messageCount).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(CAP);
    const call = fake.requests.filter((r) => r.path === '/chat/completions').at(-1)!;
    expect(call.body.model).toBe('namer');
    expect(call.authorization).toBe('Bearer sk-topics');
    expect(list.topics.length).toBeGreaterThan(0);
    for (const topic of list.topics) {
      const prefix = topic.lang === 'zh' ? '话题' : 'Topic';
      expect(topic.examples.map((e) => `${prefix}: ${e.body}`)).toContain(topic.label);
    }
  });

  it('when the provider fails the topics keep their own labels and the failure is counted', async () => {
    const before = file.server.ai.failureCounts().http_error ?? 0;
    fake.chat(() => ({ status: 500 }));
    const list = await runNow();
    expect(list.run).toMatchObject({ status: 'done', method: 'local' });
    expect(list.topics.length).toBeGreaterThan(0);
    for (const topic of list.topics) expect(topic.label).not.toMatch(/^(话题|Topic):/);
    expect(list.topics.some((t) => /退款|发票|登录|密码/.test(t.label))).toBe(true);
    expect(file.server.ai.failureCounts().http_error ?? 0).toBeGreaterThan(before);
  });
});
