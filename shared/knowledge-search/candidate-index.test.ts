import { describe, expect, it } from 'vitest';
import { analyzeArticle, analyzeQuery } from './analyzer';
import { CandidateIndex } from './candidate-index';
import { rankArticles, scoreArticle } from './rank';

const ARTICLES = [
  { id: 'refund', title: '退款政策', questions: ['退款多久到账'], body: '签收后 7 天内可无理由退货，退款原路返回。' },
  { id: 'freight', title: '运费说明', questions: [], body: '订单满 99 元包邮。偏远地区运费另计。' },
  { id: 'ship-zh', title: '发货时间', questions: ['什么时候发货'], body: '付款后 24 小时内发货。如需退款请先联系客服。' },
  { id: 'ship-en', title: 'Shipping times', questions: ['when will my order ship'], body: 'Items ship within 24 hours. Refunds are handled separately.' },
  { id: 'vip', title: 'VIP relationship managers', questions: [], body: 'Every VIP customer has a personal manager.' },
  { id: 'iphone', title: 'iPhone 退货流程', questions: [], body: '请先退出 Apple ID，再寄回手机。' },
];
const QUERIES = ['退款', '退', '运费多少钱', 'ship', 'refunds', 'iphone 退货', 'vip 客服', 'id', 'manager', '发货 refund'];

const indexOf = (articles: typeof ARTICLES) => {
  const index = new CandidateIndex<string>();
  for (const a of articles) index.put(a.id, a.id, analyzeArticle(a));
  return index;
};

describe('the in-memory candidate index', () => {
  it('answers exactly the articles holding a unit of the query, with the scores reading their text gives', () => {
    const index = indexOf(ARTICLES);
    for (const q of QUERIES) {
      const query = analyzeQuery(q);
      const expected = ARTICLES.filter((a) => scoreArticle(query, analyzeArticle(a)) > 0).map((a) => a.id);
      const found = index.candidates(query);
      expect(found.map((c) => c.item).sort(), q).toEqual([...expected].sort());
      const byIndex = rankArticles(query, found.map((c) => ({ id: c.item, text: c.text, held: c.held })), 10);
      const byText = rankArticles(query, ARTICLES.map((a) => ({ id: a.id, text: analyzeArticle(a) })), 10);
      expect(byIndex.map((r) => [r.id, r.score]), q).toEqual(byText.map((r) => [r.id, r.score]));
    }
  });

  it('finds a word by its start only, never inside another word', () => {
    const ids = indexOf(ARTICLES).candidates(analyzeQuery('ship')).map((c) => c.item);
    expect(ids).toEqual(['ship-en']);
  });

  it('follows replaced and removed articles', () => {
    const index = indexOf(ARTICLES);
    index.put('freight', 'freight', analyzeArticle({ title: '包邮规则', questions: [], body: '满 99 元包邮。' }));
    expect(index.candidates(analyzeQuery('运费')).map((c) => c.item)).toEqual([]);
    expect(index.candidates(analyzeQuery('包邮')).map((c) => c.item)).toEqual(['freight']);
    expect(index.remove('refund')).toBe(true);
    expect(index.remove('refund')).toBe(false);
    expect(index.candidates(analyzeQuery('退款政策')).map((c) => c.item)).toEqual(['ship-zh']);
    expect(index.size).toBe(ARTICLES.length - 1);
  });
});
