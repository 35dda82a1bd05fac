import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../shared/domain';
import type { HighlightedText } from '../../../shared/knowledge';
import { CacheStore } from '../cache/cache-store';
import { FieldCipher } from '../cache/field-cipher';
import { migrate } from '../cache/migrate';
import { SqliteDb } from '../cache/sqlite';
import { searchArticles } from './search-index';

const at = '2026-11-20T08:00:00.000Z';
const article = (id: string, lang: 'zh' | 'en', title: string, body: string, more: Partial<KbArticle> = {}): KbArticle => ({
  id, lang, title, body, category: '', tags: [], questions: [], enabled: true, updatedAt: at, ...more,
});

const ARTICLES: KbArticle[] = [
  article('refund-zh', 'zh', '退款政策', '签收后 7 天内可无理由退货。我们收到退货后 1–3 个工作日内原路退款。', {
    questions: ['可以退货吗', '退款多久到账'],
  }),
  article('freight-zh', 'zh', '运费说明', '订单满 99 元包邮，不满 99 元收取 8 元运费。偏远地区运费另计。'),
  article('shipping-zh', 'zh', '发货与配送时间', '现货商品在付款后 24 小时内发货，一般 2–4 天送达。如需退款请先联系客服。'),
  article('refund-en', 'en', 'Refund policy', 'You can return any item within 30 days. Refunds go back to the original payment method.', {
    questions: ['when do I get my money back'],
  }),
  article('shipping-en', 'en', 'Shipping times', 'In-stock items ship within 24 hours of payment. We provide tracking for every parcel.'),
  article('tracking-en', 'en', 'Tracking your order', 'Open "My orders" to see the tracking number and the live status of your package.', {
    questions: ['where is my package', 'tracking number'],
  }),
  article('vip-en', 'en', 'VIP relationship managers', 'Every VIP customer has a personal relationship manager inside our team.'),
  article('iphone-zh', 'zh', 'iPhone 退货流程', '请先在设置中退出 Apple ID，再把手机寄回。退货流程约 3 天。'),
  article('old-refund', 'zh', '旧退款规则', '这条规则已经停用：退款政策请看新文章。', { enabled: false }),
];

const text = (pieces: HighlightedText) => pieces.map((p) => p.text).join('');
const marked = (pieces: HighlightedText) => pieces.filter((p) => p.match).map((p) => p.text);

describe('knowledge search in the client cache', () => {
  let db: SqliteDb;
  let store: CacheStore;
  const search = async (query: string, limit?: number) => searchArticles(db, query, limit);
  const ids = async (query: string) => (await search(query)).map((h) => h.article.id);

  beforeEach(async () => {
    db = await SqliteDb.open(':memory:');
    await migrate(db);
    store = new CacheStore(db, FieldCipher.random());
    await db.write((tx) => store.replaceCatalog(tx, ARTICLES, []));
  });
  afterEach(async () => {
    await db.close();
  });

  it('runs on an SQLite with FTS5 and the trigram tokenizer', async () => {
    const version = (await db.get<{ v: string }>('SELECT sqlite_version() AS v'))!.v.split('.').map(Number);
    // The trigram tokenizer arrived in SQLite 3.34.
    expect(version[0]! * 1000 + version[1]!).toBeGreaterThanOrEqual(3034);
    const rows = await db.all<{ rowid: number }>(`SELECT rowid FROM kb_fts WHERE kb_fts MATCH '"款政策"'`);
    const found = await db.all<{ article_id: string }>(`SELECT article_id FROM kb_search WHERE id IN (${rows.map((r) => r.rowid).join(',')})`);
    expect(found.map((r) => r.article_id)).toEqual(['refund-zh']);
  });

  it('finds a Chinese article by a query of three or more characters, its title marked', async () => {
    const [first] = await search('退款政策');
    expect(first?.article.id).toBe('refund-zh');
    expect(first?.title).toEqual([{ text: '退款政策', match: true }]);
    expect(first?.score).toBe(1);
  });

  it('finds two-character and one-character Chinese queries (the LIKE fallback)', async () => {
    expect((await ids('运费'))[0]).toBe('freight-zh');
    expect(await ids('运费')).not.toContain('refund-zh');
    const refunds = await ids('退款');
    // In the title first, then where only the body has it.
    expect(refunds[0]).toBe('refund-zh');
    expect(refunds).toContain('shipping-zh');
    expect(refunds.indexOf('refund-zh')).toBeLessThan(refunds.indexOf('shipping-zh'));
    expect(await ids('邮')).toEqual(['freight-zh']);
  });

  it('finds English words by their start and their other forms, not inside other words', async () => {
    expect((await ids('refunds'))[0]).toBe('refund-en');
    expect((await ids('refunding'))[0]).toBe('refund-en');
    const ship = await ids('ship');
    expect(ship[0]).toBe('shipping-en');
    expect(ship).not.toContain('vip-en'); // "relationship"
    const [hit] = await search('shipped');
    expect(marked(hit!.title)).toEqual(['Shipping']);
    expect(marked(hit!.snippet)).toEqual(['ship']);
  });

  it('finds a two-letter word such as "id" as a word, never inside "provide" or "inside"', async () => {
    expect(await ids('id')).toEqual(['iphone-zh']);
    const [hit] = await search('ID');
    expect(marked(hit!.snippet)).toEqual(['ID']);
  });

  it('answers mixed Chinese and English queries, ranking the article holding both first', async () => {
    const hits = await search('iphone 退货');
    expect(hits[0]?.article.id).toBe('iphone-zh');
    expect(marked(hits[0]!.title)).toEqual(['iPhone', '退货']);
    expect(hits.map((h) => h.article.id)).toContain('refund-zh');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('reads traditional characters and full-width letters as their plain forms', async () => {
    expect((await ids('退貨'))).toContain('refund-zh');
    expect((await ids('ＲＥＦＵＮＤ'))[0]).toBe('refund-en');
    const [hit] = await search('運費');
    expect(hit?.article.id).toBe('freight-zh');
    expect(marked(hit!.title)).toEqual(['运费']);
  });

  it('never finds a disabled article', async () => {
    expect(await ids('旧退款规则')).not.toContain('old-refund');
    expect(await ids('停用')).toEqual([]);
  });

  it('suggests the article for a whole customer message', async () => {
    expect((await ids('你好，我想问一下退款多久能到账？'))[0]).toBe('refund-zh');
    expect((await ids('Hi, where is my package? I need the tracking number'))[0]).toBe('tracking-en');
  });

  it('ranks by score (0–1, best first) and marks the best passage of the body', async () => {
    const hits = await search('退款');
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(text(hit.title)).toBe(hit.article.title);
    }
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const body = hits.find((h) => h.article.id === 'shipping-zh')!;
    expect(marked(body.snippet)).toEqual(['退款']);
    expect(text(body.snippet)).toContain('如需退款请先联系客服');
  });

  it('shows the alternative question that matched when the body does not', async () => {
    const [hit] = await search('money back');
    expect(hit?.article.id).toBe('refund-en');
    expect(text(hit!.snippet)).toBe('when do I get my money back');
    expect(marked(hit!.snippet)).toEqual(['money', 'back']);
  });

  it('cuts a long body around the best passage with "…"', async () => {
    const long = `${'这是一段与问题无关的说明文字。'.repeat(20)}发票可以在订单详情页申请开具电子发票。${'其他说明。'.repeat(20)}`;
    await db.write((tx) => store.replaceCatalog(tx, [...ARTICLES, article('invoice', 'zh', '售后说明', long)], []));
    const [hit] = await search('发票');
    expect(hit?.article.id).toBe('invoice');
    expect(hit!.snippet[0]).toEqual({ text: '…', match: false });
    expect(hit!.snippet.at(-1)).toEqual({ text: '…', match: false });
    expect(marked(hit!.snippet)).toEqual(['发票', '发票']);
    expect(text(hit!.snippet).length).toBeLessThan(130);
  });

  it('follows the cached articles: changed, removed, disabled and new ones', async () => {
    const changed = ARTICLES.filter((a) => a.id !== 'freight-zh' && a.id !== 'iphone-zh').map((a) =>
      a.id === 'refund-zh' ? { ...a, title: '售后退款', updatedAt: '2026-11-21T08:00:00.000Z' } : a,
    );
    changed.push(article('invoice', 'zh', '发票申请', '在订单详情页申请电子发票。'));
    changed.push({ ...ARTICLES.find((a) => a.id === 'iphone-zh')!, enabled: false });
    await db.write((tx) => store.replaceCatalog(tx, changed, []));
    expect(await ids('运费')).toEqual([]);
    expect(await ids('iphone')).toEqual([]);
    expect((await ids('发票'))[0]).toBe('invoice');
    expect(marked((await search('售后'))[0]!.title)).toEqual(['售后']);
    const rows = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM kb_search');
    expect(rows?.n).toBe(changed.filter((a) => a.enabled).length);
  });

  it('finds nothing for an empty query or one of punctuation only', async () => {
    expect(await search('')).toEqual([]);
    expect(await search('  ？！…  ')).toEqual([]);
    expect(await search('zzzz')).toEqual([]);
  });

  it('answers at most `limit` hits', async () => {
    expect(await search('退', 2)).toHaveLength(2);
  });
});
