import { describe, expect, it } from 'vitest';
import type { IndexableArticle } from './indexable-article';
import { KnowledgeIndex } from './knowledge-index';
import { prepareQuery } from './query';
import { findArticles } from './find-articles';
import { retrieve } from './retrieve';

const article = (id: string, lang: 'zh' | 'en', title: string, questions: string[] = [], body = title): IndexableArticle => ({
  id, lang, title, body, category: '', tags: [], questions,
});

const ARTICLES = [
  article('refund', 'zh', '退款多久到账', ['钱什么时候退回来'], '收到退货后 1–3 个工作日内原路退款。'),
  article('invoice', 'zh', '如何开发票', ['能开发票吗'], '确认收货后在订单详情申请电子发票。'),
  article('installment', 'zh', '花呗分期和免息', ['可以分期吗'], '满 300 元可以使用花呗分期。'),
  article('coupon', 'zh', '优惠券怎么用', ['红包怎么领'], '结算时勾选可用的优惠券或红包。'),
  article('tracking', 'en', 'Tracking your order', ['where is my package'], 'Open My orders to see the tracking number.'),
  article('password', 'en', 'Forgot password', ['I cannot log in'], 'Click Forgot password on the sign-in page.'),
];

function best(index: KnowledgeIndex, text: string, lang: 'zh' | 'en' | null = null) {
  return retrieve(index, prepareQuery(index, text, lang), { lang })[0];
}

describe('knowledge retrieval', () => {
  const index = new KnowledgeIndex(ARTICLES);

  it('finds Chinese without word spaces, and a phrasing close to an alternative question', () => {
    expect(best(index, '钱啥时候退给我')?.article.id).toBe('refund');
    expect(best(index, '能开发票吗')).toMatchObject({ article: { id: 'invoice' } });
    expect(best(index, '能开发票吗')!.confidence).toBeGreaterThan(0.9);
  });

  it('forgives typing mistakes: misspelt English words and Chinese that only sounds right', () => {
    expect(best(index, 'how do i trak my pakage', 'en')?.article.id).toBe('tracking');
    expect(best(index, '开发漂')?.article.id).toBe('invoice');
    expect(best(index, '花被分期')?.article.id).toBe('installment');
  });

  it('reads Chinese typed as pinyin or pinyin initials, and homophones, from the knowledge base\'s own words', () => {
    expect(best(index, 'tuikuan')?.article.id).toBe('refund');
    expect(best(index, 'hb怎么领')?.article.id).toBe('coupon');
    expect(best(index, 'yhq')?.article.id).toBe('coupon');
    // One letter of pinyin away from a long word: 优惠卷 (juan) for 优惠券 (quan).
    expect(best(index, '优惠卷')?.article.id).toBe('coupon');
  });

  it('finds the question buried in a long chat message', () => {
    const message = '你好呀😊 上周在你们店里买了一件外套，朋友都说好看，就是我想问一下，钱什么时候退回来？？谢谢啦';
    expect(findArticles(index, message, { lang: 'zh' })[0]?.article.id).toBe('refund');
  });

  it('reads traditional characters, full-width letters and mixed languages', () => {
    expect(best(index, '發票怎麼開')?.article.id).toBe('invoice');
    expect(best(index, 'ＰＡＳＳＷＯＲＤ reset', 'en')?.article.id).toBe('password');
    expect(best(index, 'refund多久到账', 'zh')?.article.id).toBe('refund');
  });

  it('finds one- and two-character Chinese queries', () => {
    expect(best(index, '分期')?.article.id).toBe('installment');
    expect(best(index, '票')?.article.id).toBe('invoice');
  });

  it('is unsure of a question the knowledge base does not cover', () => {
    const off = best(index, '你们招聘客服吗');
    expect(off?.confidence ?? 0).toBeLessThan(0.42);
  });

  it('keeps to the language asked for', () => {
    expect(retrieve(index, prepareQuery(index, 'password', 'en'), { lang: 'zh' })).toEqual([]);
  });

  it('follows articles as they are added, replaced and removed', () => {
    const live = new KnowledgeIndex(ARTICLES);
    live.put(article('gift', 'en', 'Gift cards', ['check gift card balance']));
    expect(best(live, 'gift card balance', 'en')?.article.id).toBe('gift');
    live.put(article('gift', 'en', 'Vouchers', ['redeem a voucher']));
    expect(best(live, 'gift card balance', 'en')?.article.id).not.toBe('gift');
    expect(best(live, 'redeem voucher', 'en')?.article.id).toBe('gift');
    expect(live.remove('gift')).toBe(true);
    expect(best(live, 'redeem voucher', 'en')?.article.id).not.toBe('gift');
    expect(live.size).toBe(ARTICLES.length);
    expect(live.remove('gift')).toBe(false);
  });
});
