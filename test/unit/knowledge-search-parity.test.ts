import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../../main/core/cache/cache-store';
import { FieldCipher } from '../../main/core/cache/field-cipher';
import { migrate } from '../../main/core/cache/migrate';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { searchArticles } from '../../main/core/knowledge/search-index';
import { KnowledgeIndex } from '../../server/domain/bot/retrieval/knowledge-index';
import { searchKnowledge } from '../../server/domain/knowledge/knowledge-search';
import type { KbArticle } from '../../shared/domain';
import type { KbSearchHit } from '../../shared/knowledge';

type Fixture = Omit<KbArticle, 'enabled' | 'updatedAt'>;

const ARTICLES: KbArticle[] = (JSON.parse(readFileSync(new URL('../fixtures/bot-eval/kb.json', import.meta.url), 'utf8')) as Fixture[]).map(
  (a) => ({ ...a, enabled: true, updatedAt: '2026-11-20T08:00:00.000Z' }),
);

/** What agents type into the search box, written for this test (none is a question of the bot's evaluation sets). */
const QUERIES = [
  '退', '退款', '发票怎么开', '修改收货地址', '优惠券', '积分', '会员等级', '忘记密码', '七天无理由退货', '怎么取消订单',
  '分期付款', '運費', '快递到哪了', '我想把订单取消掉', 'refund', 'shipping cost', 'gift card', 'delete account',
  'change address', 'warranty', 'promo code', 'payment failed', 'international shipping', 'password', 'TRACKING number',
  'iphone 退货', 'coupon 优惠', '订单号',
];

/** What an agent sees of a hit: the article, its score, and the marked words of its title and passage. */
const seen = (hits: KbSearchHit[]) =>
  hits.map((h) => ({
    id: h.article.id,
    score: h.score,
    title: h.title.filter((p) => p.match).map((p) => p.text),
    snippet: h.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join(''),
  }));

describe('knowledge search online and offline', () => {
  let db: SqliteDb;
  const server = new KnowledgeIndex(ARTICLES);

  beforeAll(async () => {
    db = await SqliteDb.open(':memory:');
    await migrate(db);
    const store = new CacheStore(db, FieldCipher.random());
    await db.write((tx) => store.replaceCatalog(tx, ARTICLES, []));
  });
  afterAll(async () => {
    await db.close();
  });

  it.each(QUERIES)('gives the same hits in the same order for %j', async (query) => {
    const online = seen(searchKnowledge(server, query, { limit: 10 }));
    const offline = seen(await searchArticles(db, query, 10));
    expect(online.length).toBeGreaterThan(0);
    expect(offline).toEqual(online);
  });

  it('finds the article a plain query is about first, in both', async () => {
    const firsts = async (query: string) => [searchKnowledge(server, query, { limit: 1 })[0]?.article.id, (await searchArticles(db, query, 1))[0]?.article.id];
    expect(await firsts('发票怎么开')).toEqual(['zh-invoice', 'zh-invoice']);
    expect(await firsts('gift card')).toEqual(['en-gift-card', 'en-gift-card']);
    expect(await firsts('忘记密码')).toEqual(['zh-password', 'zh-password']);
  });

  it('follows the server index as articles are added, changed and removed', () => {
    const index = new KnowledgeIndex(ARTICLES.slice(0, 5));
    const ids = (q: string) => searchKnowledge(index, q, { limit: 10 }).map((h) => h.article.id);
    expect(ids('礼品卡')).toEqual([]);
    const gift: KbArticle = { ...ARTICLES[0]!, id: 'gift', title: '礼品卡怎么用', questions: [], body: '在结算页输入礼品卡卡号。' };
    index.put(gift);
    expect(ids('礼品卡')).toEqual(['gift']);
    index.put({ ...gift, title: '购物卡怎么用', body: '在结算页输入卡号。' });
    expect(ids('礼品卡')).toEqual([]);
    expect(ids('购物卡')).toEqual(['gift']);
    index.remove('gift');
    expect(ids('购物卡')).toEqual([]);
  });
});
