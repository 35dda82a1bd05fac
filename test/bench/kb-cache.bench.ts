import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheStore } from '../../main/core/cache/cache-store';
import { FieldCipher } from '../../main/core/cache/field-cipher';
import { migrate } from '../../main/core/cache/migrate';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { searchArticles } from '../../main/core/knowledge/search-index';
import type { KbArticle } from '../../shared/domain';
import { benchArticles } from './kb-corpus';
import { emit, log, now, TempDirs, percentile } from './report';

const BENCH = 'kb.cache_search';
const ARTICLES = 10_000;
const SAMPLES = 1_000;
const KB_FILE = new URL('../fixtures/bot-eval/kb.json', import.meta.url);
const QUESTIONS = JSON.parse(readFileSync(new URL('../fixtures/bot-eval/questions.json', import.meta.url), 'utf8')) as {
  q: string;
  expect: string | null;
}[];
/** What agents type into the search box: one or two Chinese characters, words, product names, mixed. */
const TYPED = [
  '退', '退款', '运费', '发票', '发货', '七天无理由', '退货流程', '羽绒服', '蓝牙耳机 退货', '积分',
  'id', 'refund', 'shipping', 'tracking number', 'power bank', 'warranty', 'gift card', 'earbuds 退款', 'VIP', 'cancel order',
];
const LIKE_SCAN = 'SELECT id, data FROM kb_articles WHERE title LIKE ?1 OR body LIKE ?1 LIMIT 10';


async function openCache(dir: string): Promise<{ db: SqliteDb; store: CacheStore }> {
  const db = await SqliteDb.open(join(dir, 'cache.sqlite'));
  await migrate(db);
  return { db, store: new CacheStore(db, FieldCipher.random()) };
}

/**
 * The desktop half of knowledge search: the client cache's FTS5 trigram index (with the LIKE
 * fallback for one and two characters) over 10,000 articles (zh and en) in an SQLite file, as
 * `kb.search` answers offline. Against a plain LIKE scan of the same articles in the same file, in
 * the same run: (1) customers' questions (what suggestions search for), (2) what agents type,
 * (3) building the index and keeping it in step after one article changed. Measured on the
 * search module in this process (no IPC).
 */
export async function kbCacheBench(): Promise<void> {
  const temp = new TempDirs();
  let cache: { db: SqliteDb; store: CacheStore } | undefined;
  let plain: { db: SqliteDb; store: CacheStore } | undefined;
  try {
    const articles = benchArticles(ARTICLES, KB_FILE);
    const context = { articles: ARTICLES, sqlite: 'file, WAL, synchronous=FULL' };

    // Building the index: the catalog replaced whole, against writing only the articles' rows.
    cache = await openCache(await temp.make('kb-cache'));
    plain = await openCache(await temp.make('kb-plain'));
    let t = now();
    await cache.db.write((tx) => cache!.store.replaceCatalog(tx, articles, []));
    const buildMs = now() - t;
    t = now();
    await plain.db.write((tx) =>
      tx.runMany(
        'INSERT INTO kb_articles (id, lang, title, body, data) VALUES (?, ?, ?, ?, ?)',
        articles.map((a) => [a.id, a.lang, a.title, a.body, JSON.stringify(a)]),
      ),
    );
    const plainMs = now() - t;
    log(`kb.cache_search: indexed ${ARTICLES} articles in ${buildMs.toFixed(0)} ms (rows alone ${plainMs.toFixed(0)} ms)`);
    emit({ bench: BENCH, figure: 'index_build_ms', value: buildMs, unit: 'ms', baseline: { name: 'article_rows_only_ms', value: plainMs }, ...context });

    // One article changed (what a catalog:changed push brings): only it is indexed again.
    const changed: KbArticle[] = articles.map((a, i) => (i === 4242 ? { ...a, title: `${a.title}（已更新）`, updatedAt: new Date(1).toISOString() } : a));
    t = now();
    await cache.db.write((tx) => cache!.store.replaceCatalog(tx, changed, []));
    const updateMs = now() - t;
    emit({
      bench: BENCH, figure: 'index_update_one_changed_ms', value: updateMs, unit: 'ms', baseline: { name: 'index_build_ms', value: buildMs },
      note: 'replaceCatalog with the whole set, one article changed', ...context,
    });

    const scan = async (q: string) => plain!.db.all(LIKE_SCAN, [`%${q}%`]);
    const measure = async (queries: readonly string[], runs: number) => {
      for (const q of queries.slice(0, 30)) {
        await searchArticles(cache!.db, q, 10);
        await scan(q);
      }
      const ours: number[] = [];
      const base: number[] = [];
      // Interleaved, so neither side gets a quieter machine.
      for (let i = 0; i < runs; i++) {
        const q = queries[i % queries.length]!;
        let s = now();
        await searchArticles(cache!.db, q, 10);
        ours.push(now() - s);
        s = now();
        await scan(q);
        base.push(now() - s);
      }
      return { ours, base };
    };

    const questions = await measure(QUESTIONS.map((q) => q.q), SAMPLES);
    for (const p of [50, 99]) {
      emit({
        bench: BENCH, figure: `question_search_ms_p${p}`, value: percentile(questions.ours, p), unit: 'ms',
        baseline: { name: `like_scan_ms_p${p}`, value: percentile(questions.base, p) },
        queries: SAMPLES, queriesFrom: 'test/fixtures/bot-eval/questions.json', ...context,
      });
    }
    const typed = await measure(TYPED, SAMPLES);
    for (const p of [50, 99]) {
      emit({
        bench: BENCH, figure: `typed_search_ms_p${p}`, value: percentile(typed.ours, p), unit: 'ms',
        baseline: { name: `like_scan_ms_p${p}`, value: percentile(typed.base, p) },
        queries: SAMPLES, typed: TYPED, ...context,
      });
    }
    const short = await measure(['退', '退款', '运费', '发票', 'id'], 300);
    emit({
      bench: BENCH, figure: 'one_two_char_search_ms_p99', value: percentile(short.ours, 99), unit: 'ms',
      baseline: { name: 'like_scan_ms_p99', value: percentile(short.base, 99) },
      note: 'the LIKE fallback over the folded text (trigrams cannot answer these)', queries: 300, ...context,
    });

    // Suggestions' quality on the demo knowledge base itself: is the right article among the first three?
    await suggestionQuality(temp);
  } finally {
    await cache?.db.close().catch(() => undefined);
    await plain?.db.close().catch(() => undefined);
    await temp.cleanup();
  }
}

async function suggestionQuality(temp: TempDirs): Promise<void> {
  const base = JSON.parse(readFileSync(KB_FILE, 'utf8')) as (Omit<KbArticle, 'enabled' | 'updatedAt' | 'category' | 'tags' | 'questions'> & {
    category?: string;
    tags?: string[];
    questions?: string[];
  })[];
  const articles: KbArticle[] = base.map((a) => ({
    ...a, category: a.category ?? '', tags: a.tags ?? [], questions: a.questions ?? [], enabled: true, updatedAt: new Date(0).toISOString(),
  }));
  const cache = await openCache(await temp.make('kb-quality'));
  try {
    await cache.db.write((tx) => cache.store.replaceCatalog(tx, articles, []));
    const answerable = QUESTIONS.filter((q) => q.expect !== null);
    let ours = 0;
    let like = 0;
    for (const { q, expect } of answerable) {
      if ((await searchArticles(cache.db, q, 3)).some((h) => h.article.id === expect)) ours++;
      const rows = await cache.db.all<{ id: string }>(LIKE_SCAN.replace('LIMIT 10', 'LIMIT 3'), [`%${q}%`]);
      if (rows.some((r) => r.id === expect)) like++;
    }
    emit({
      bench: BENCH, figure: 'question_hit_at_3', value: ours / answerable.length, unit: 'ratio',
      baseline: { name: 'like_scan_hit_at_3', value: like / answerable.length },
      questions: answerable.length, articles: articles.length, note: 'the expected article among the first three, on the demo knowledge base',
    });
  } finally {
    await cache.db.close();
  }
}
