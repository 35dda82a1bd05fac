import { describe, expect, it } from 'vitest';
import { clusterMessages } from './cluster-messages';
import { summarizeTopics } from './topic-labels';

const refunds = ['退款什么时候到账', '我的退款还没到账', '退款到账要多久', 'tk怎么还没到账', 'when will my refund arrive'];
const invoices = ['能开发票吗', '发票怎么开', '我要开发票 公司报销', 'fp能开吗', 'can i get an invoice'];
const logins = ['登录不上去 密码错误', '忘记密码 登录不了', '密码重置了还是登录不了', 'cant log in, password wrong'];

describe('question clustering on a tiny set', () => {
  it('keeps refund, invoice and sign-in questions apart, shorthand and English included', () => {
    const texts = [...refunds, ...invoices, ...logins];
    const result = clusterMessages(texts);
    const groupOf = (i: number) => [refunds, invoices, logins].findIndex((g) => g.includes(texts[i]!));
    // No topic mixes two kinds of question; a kind may be split once on a set this small.
    for (let c = 0; c < result.k; c++) {
      const kinds = new Set(result.assignment.flatMap((a, i) => (a === c ? [groupOf(i)] : [])));
      expect(kinds.size).toBe(1);
    }
    expect(result.k).toBeGreaterThanOrEqual(3);
    expect(result.k).toBeLessThanOrEqual(4);
    const pinyinRefund = result.assignment[texts.indexOf('tk怎么还没到账')];
    expect(result.assignment.filter((a) => a === pinyinRefund).length).toBeGreaterThan(1);
  });

  it('names each topic by its own words in its main language and lists its most central messages', () => {
    const texts = [...refunds, ...invoices, ...logins];
    const result = clusterMessages(texts);
    const topics = summarizeTopics(texts, result.vectors, result.terms, result.assignment);
    const refundTopic = topics[result.assignment[0]!]!;
    expect(refundTopic.lang).toBe('zh');
    expect(refundTopic.label).toContain('退款');
    expect(refundTopic.central.every((i) => refunds.includes(texts[i]!))).toBe(true);
    expect(topics[result.assignment[texts.indexOf(invoices[0]!)]!]!.label).toContain('发票');
  });

  it('gives the same topics for the same messages every time', () => {
    const texts = [...logins, ...refunds, ...invoices];
    expect(clusterMessages(texts).assignment).toEqual(clusterMessages(texts).assignment);
  });
});
