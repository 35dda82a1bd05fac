import { describe, expect, it } from 'vitest';
import { buildTopics, type CustomerMessage } from './build-topics';

const DAY = 86_400_000;
const from = Date.UTC(2026, 11, 1, 12); // noon: a 7-day period touches 8 UTC days
const texts = ['退款什么时候到账', '我的退款还没到账', '退款到账要多久', 'when will my refund arrive', '能开发票吗', '发票怎么开', '我要开发票 公司报销', 'can i get an invoice'];
const messages: CustomerMessage[] = texts.map((body, i) => ({ id: `m${i}`, conversationId: `c${i % 5}`, body, createdAt: from + (i % 4) * DAY + 3_600_000 }));

describe('topics of a period', () => {
  it('counts each topic per UTC day of the period and its distinct conversations, largest topic first', async () => {
    const { topics, clustered } = await buildTopics([...messages, { id: 'e', conversationId: 'c9', body: '👍👍', createdAt: from }], { from, days: 7 }, 100);
    // The emoji-only message has nothing to group by.
    expect(clustered).toBe(8);
    expect(topics.map((t) => t.messages.length).reduce((a, b) => a + b, 0)).toBe(8);
    const refunds = topics.find((t) => t.label.includes('退款'))!;
    expect(refunds.messages.map((m) => m.id).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(refunds.trend).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(refunds.conversationCount).toBe(4);
    expect(refunds.examples.length).toBeGreaterThan(0);
  });

  it('clusters a sample of at most the cap, the same one every time for a seed', async () => {
    const first = await buildTopics(messages, { from, days: 7 }, 6, 3);
    const again = await buildTopics(messages, { from, days: 7 }, 6, 3);
    expect(first.clustered).toBe(6);
    expect(first.topics.flatMap((t) => t.messages.map((m) => m.id)).sort()).toEqual(again.topics.flatMap((t) => t.messages.map((m) => m.id)).sort());
  });
});
