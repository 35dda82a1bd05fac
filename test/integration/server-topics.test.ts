import { beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { TopicDetail, TopicRun, TopicsList, TopicTranscript } from '../../shared/topics';
import { serverForFile } from '../support/server-for-file';
import { connectDemoTeam, data, request, type DemoPerson } from '../support/server-fixture';
import { seedConversation } from '../support/topic-seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Added to the server's clock: the nightly run comes due when a test moves time on. */
let offset = 0;
const file = serverForFile({ clock: () => Date.now() + offset, topicPollMs: 24 * HOUR });

const refunds = ['退款什么时候到账', '我的退款还没到账 都一周了', '退款到账要多久啊', 'tk怎么还没到账', 'when will my refund arrive', 'refund still not received'];
const invoices = ['能开发票吗 公司报销', '发票怎么开', '我要开增值税发票', 'fp能开吗 急用', 'can i get an invoice', 'please send the invoice for my order'];
const logins = ['登录不上去 密码错误', '忘记密码 登录不了', '密码重置了还是登录不了', '验证码收不到 登录不了', 'cant log in, password wrong', 'login says wrong password'];

// Question clustering as a background job: customers' messages of the last days grouped into
// topics a supervisor reads, and the conversations behind each topic.
describe('question clustering', () => {
  let sockets: Record<DemoPerson, Socket>;
  let ids: Record<DemoPerson, string>;
  let accountId: string;
  const conversationOf = new Map<string, string>();
  /** Midnight UTC today: the seeded messages are on the three days before. */
  const today = Math.floor(Date.now() / DAY) * DAY;
  const list = async (who: DemoPerson, days = 7) => request<TopicsList>(sockets[who], 'topics:list', { days });

  beforeAll(async () => {
    ({ sockets, ids, accountId } = await connectDemoTeam(file.server.url));
    const db = file.server.db;
    // The demo shop's own customer messages are moved out of the period: the topics are ours.
    await db.query("UPDATE messages SET created_at = created_at - interval '60 days' WHERE sender_type = 'contact'");
    for (const [group, texts] of [['refund', refunds], ['invoice', invoices], ['login', logins]] as const) {
      for (const [i, body] of texts.entries()) {
        // Two of each group three days ago, the rest the day before yesterday; an agent's answer
        // with the same words is not a customer's question.
        const at = new Date(today - (i < 2 ? 3 : 2) * DAY + i * HOUR);
        const { conversationId } = await seedConversation(db, accountId, `${group} customer ${i}`, [
          { from: 'contact', body, at },
          { from: 'agent', body: `关于${body}，我帮您查一下`, at: new Date(at.getTime() + 60_000) },
        ], ids.li);
        conversationOf.set(body, conversationId);
      }
    }
    // Outside the period: ten days ago.
    await seedConversation(db, accountId, 'old customer', [{ from: 'contact', body: '退款什么时候到账', at: new Date(today - 10 * DAY) }]);
  });

  it('a supervisor queues a run; the job groups the customer messages of the period by meaning', async () => {
    const before = data(await list('supervisor'));
    expect(before).toEqual({ run: null, pending: null, topics: [] });
    const { run } = data(await request<{ run: TopicRun }>(sockets.supervisor, 'topics:run', { days: 7 }));
    expect(run).toMatchObject({ days: 7, status: 'queued', trigger: 'request' });
    await file.server.topics.sweep();

    const after = data(await list('supervisor'));
    expect(after.pending).toBeNull();
    expect(after.run).toMatchObject({ id: run.id, status: 'done', method: 'local', messageCount: 18, clusteredCount: 18 });
    const topicOfMessage = new Map<string, string>();
    for (const t of after.topics) for (const e of t.examples) topicOfMessage.set(e.body, t.id);
    const topicsOf = (texts: readonly string[]) => new Set(after.topics.filter((t) => t.examples.some((e) => texts.includes(e.body))).map((t) => t.id));
    // Each group is one topic of its own, holding all six (examples show the most typical five).
    for (const texts of [refunds, invoices, logins]) {
      const [id, ...more] = topicsOf(texts);
      expect(more).toEqual([]);
      const topic = after.topics.find((t) => t.id === id)!;
      expect(topic.messageCount).toBe(6);
      expect(topic.conversationCount).toBe(6);
      expect(topic.examples.every((e) => texts.includes(e.body))).toBe(true);
      // Per UTC day from the start of the period (seven days back from now): two, then four.
      expect(topic.trend.reduce((a, b) => a + b, 0)).toBe(6);
      expect(topic.trend.filter((n) => n > 0)).toEqual([2, 4]);
    }
    const refundTopic = after.topics.find((t) => t.examples.some((e) => e.body === refunds[0]))!;
    expect(refundTopic.lang).toBe('zh');
    expect(refundTopic.label).toContain('退款');
    expect(after.topics.map((t) => t.messageCount).reduce((a, b) => a + b, 0)).toBe(18);
  });

  it('a supervisor opens a topic and reads the conversations its messages came from', async () => {
    const { topics } = data(await list('admin'));
    const invoiceTopic = topics.find((t) => t.examples.some((e) => e.body === invoices[0]))!;
    const detail = data(await request<TopicDetail>(sockets.supervisor, 'topics:get', { topicId: invoiceTopic.id }));
    expect(detail.topic.id).toBe(invoiceTopic.id);
    expect(detail.conversations.map((c) => c.conversationId).sort()).toEqual(invoices.map((b) => conversationOf.get(b)!).sort());
    const first = detail.conversations.find((c) => c.conversationId === conversationOf.get(invoices[0]!))!;
    expect(first).toMatchObject({ contactName: 'invoice customer 0', channelKind: 'widget', status: 'resolved', assigneeId: ids.li });
    // Only the customer's own words: the agent's answer is not part of the topic.
    expect(first.messages.map((m) => m.body)).toEqual([invoices[0]]);
    // The whole conversation is read beside the topic, the agent's answer too.
    const transcript = data(await request<TopicTranscript>(sockets.supervisor, 'topics:conversation', { topicId: invoiceTopic.id, conversationId: first.conversationId }));
    expect(transcript.messages.map((m) => [m.from, m.body])).toEqual([['contact', invoices[0]], ['agent', `关于${invoices[0]}，我帮您查一下`]]);
    // A conversation of another topic is not read through this one.
    const other = await request(sockets.supervisor, 'topics:conversation', { topicId: invoiceTopic.id, conversationId: conversationOf.get(refunds[0]!)! });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('not_found');
  });

  it('agents are refused every topic request', async () => {
    const { topics } = data(await list('supervisor'));
    const conversationId = topics[0]!.examples[0]!.conversationId;
    for (const [name, payload] of [
      ['topics:list', { days: 7 }], ['topics:get', { topicId: topics[0]!.id }], ['topics:conversation', { topicId: topics[0]!.id, conversationId }], ['topics:run', { days: 30 }],
    ] as const) {
      const answer = await request(sockets.wang, name, payload);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('forbidden');
    }
    expect(data(await list('supervisor', 30))).toEqual({ run: null, pending: null, topics: [] });
  });

  it('a topic of another account or one that does not exist is not found', async () => {
    const answer = await request(sockets.supervisor, 'topics:get', { topicId: 'no-such-topic' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('not_found');
  });

  it('runs by itself every night, for the last seven days', async () => {
    const now = Date.now();
    const nextBoundary = Math.floor(now / DAY) * DAY + 18 * HOUR + (now % DAY >= 18 * HOUR ? DAY : 0);
    offset = nextBoundary - now + 60_000;
    await file.server.topics.sweep();
    const runs = await file.server.db.query<{ trigger: string; status: string; period_days: number }>(
      "SELECT trigger, status, period_days FROM topic_runs WHERE account_id = $1 AND trigger = 'nightly'", [accountId],
    );
    expect(runs).toEqual([{ trigger: 'nightly', status: 'done', period_days: 7 }]);
    // The same night again: nothing new.
    await file.server.topics.sweep();
    expect((await file.server.db.query("SELECT id FROM topic_runs WHERE trigger = 'nightly'")).length).toBe(1);
    const latest = data(await list('supervisor'));
    expect(latest.run?.trigger).toBe('nightly');
  });
});
