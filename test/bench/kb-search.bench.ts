import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { startServer, type RunningServer } from '../../server/app';
import { KnowledgeIndex } from '../../server/domain/bot/retrieval/knowledge-index';
import { searchKnowledge } from '../../server/domain/knowledge/knowledge-search';
import type { KbArticle } from '../../shared/domain';
import { tokenizeForMiniSearch } from '../bot-eval/minisearch-baseline';
import { login } from '../support/server-fixture';
import { benchArticles } from './kb-corpus';
import { emit, log, mb, now, TempDirs, percentile } from './report';

const BENCH = 'kb.search';
const ARTICLES = 10_000;
const SAMPLES = 1_000;
const HTTP_SAMPLES = 300;
const KB_FILE = new URL('../fixtures/bot-eval/kb.json', import.meta.url);
const QUESTIONS = JSON.parse(readFileSync(new URL('../fixtures/bot-eval/questions.json', import.meta.url), 'utf8')) as { q: string }[];
const ADMIN = { email: 'admin@demo.test', password: 'demo-admin' };


/** The customers' questions of the evaluation set, round and round until `n`. */
const queries = (n: number) => Array.from({ length: n }, (_, i) => QUESTIONS[i % QUESTIONS.length]!.q);

/**
 * Knowledge search over 10,000 articles (zh and en) on the server: (1) the search itself
 * (retrieval, ranking and highlights), against MiniSearch over the same articles with a
 * Chinese-aware tokenizer, and against a plain SQL scan (ILIKE) on the server's database, in the
 * same run; (2) GET /api/kb/search over loopback HTTP, against GET /healthz (the HTTP floor).
 */
export async function kbSearchBench(): Promise<void> {
  const articles = benchArticles(ARTICLES, KB_FILE);
  const context = { articles: ARTICLES, queries: SAMPLES, queriesFrom: 'test/fixtures/bot-eval/questions.json' };

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = now();
  const index = new KnowledgeIndex(articles);
  // The agents' search keeps its own view of the index, built at its first query: count it here.
  searchKnowledge(index, articles[0]!.title, { limit: 1 });
  const buildMs = now() - t;
  const heapMb = mb(process.memoryUsage().heapUsed - heapBefore);
  t = now();
  const mini = new MiniSearch<{ id: string; title: string; questions: string; body: string; tags: string }>({
    fields: ['title', 'questions', 'body', 'tags'],
    tokenize: tokenizeForMiniSearch,
    searchOptions: { boost: { title: 2, questions: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, questions: a.questions.join('\n'), body: a.body, tags: a.tags.join(' ') })));
  const miniBuildMs = now() - t;
  log(`kb.search: indexed ${ARTICLES} articles in ${buildMs.toFixed(0)} ms (MiniSearch ${miniBuildMs.toFixed(0)} ms)`);
  emit({ bench: BENCH, figure: 'index_build_ms', value: buildMs, unit: 'ms', baseline: { name: 'minisearch_build_ms', value: miniBuildMs }, heapDeltaMb: heapMb, ...context });

  // Warm both up on other questions first, then measure them interleaved so neither gets a quieter machine.
  for (const q of queries(50)) {
    searchKnowledge(index, q, { limit: 10 });
    mini.search(q);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const q of queries(SAMPLES)) {
    t = now();
    searchKnowledge(index, q, { limit: 10 });
    ours.push(now() - t);
    t = now();
    mini.search(q).slice(0, 10);
    theirs.push(now() - t);
  }
  for (const p of [50, 99]) {
    emit({ bench: BENCH, figure: `search_ms_p${p}`, value: percentile(ours, p), unit: 'ms', baseline: { name: `minisearch_ms_p${p}`, value: percentile(theirs, p) }, ...context });
  }

  await serverHalf(articles, ours, context);
}

async function serverHalf(articles: KbArticle[], ours: number[], context: Record<string, unknown>): Promise<void> {
  const temp = new TempDirs();
  let server: RunningServer | undefined;
  try {
    server = await startServer({ port: 0, dataDir: await temp.make('kb-search'), seed: 'if-empty' });
    const tokens = await login(server.url, ADMIN.email, ADMIN.password);
    await server.db.query(
      `INSERT INTO kb_articles (id, account_id, lang, title, body, category, tags, questions)
       SELECT a.id, $1, a.lang, a.title, a.body, a.category, to_jsonb(string_to_array(a.tags, '|')), to_jsonb(string_to_array(a.questions, '|'))
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS a(id, lang, title, body, category, tags, questions)`,
      [
        tokens.user.accountId, articles.map((a) => a.id), articles.map((a) => a.lang), articles.map((a) => a.title), articles.map((a) => a.body),
        articles.map((a) => a.category), articles.map((a) => a.tags.join('|')), articles.map((a) => a.questions.join('|')),
      ],
    );
    await server.db.query('UPDATE accounts SET knowledge_revision = knowledge_revision + 1 WHERE id = $1', [tokens.user.accountId]);

    // A plain scan of the same table, as a search without an index would do it.
    const sql: number[] = [];
    for (const q of queries(200)) {
      const t = now();
      await server.db.query(
        `SELECT id FROM kb_articles WHERE account_id = $1 AND enabled AND (title ILIKE $2 OR body ILIKE $2 OR questions::text ILIKE $2) LIMIT 10`,
        [tokens.user.accountId, `%${q}%`],
      );
      sql.push(now() - t);
    }
    emit({ bench: BENCH, figure: 'search_vs_sql_scan_ms_p50', value: percentile(ours, 50), unit: 'ms', baseline: { name: 'sql_ilike_scan_ms_p50', value: percentile(sql, 50) }, database: 'PGlite', ...context });

    const get = async (path: string) => {
      const t = now();
      const response = await fetch(`${server!.url}${path}`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      return now() - t;
    };
    // The first search builds the server's index of the account's articles.
    const firstMs = await get(`/api/kb/search?q=${encodeURIComponent('退款')}`);
    log(`kb.search: the first search over HTTP (index build included) took ${firstMs.toFixed(0)} ms`);
    const http: number[] = [];
    const floor: number[] = [];
    for (const q of queries(HTTP_SAMPLES)) {
      http.push(await get(`/api/kb/search?q=${encodeURIComponent(q)}`));
      floor.push(await get('/healthz'));
    }
    for (const p of [50, 99]) {
      emit({
        bench: BENCH, figure: `http_search_ms_p${p}`, value: percentile(http, p), unit: 'ms', baseline: { name: `http_healthz_ms_p${p}`, value: percentile(floor, p) },
        database: 'PGlite', firstSearchMs: Math.round(firstMs), ...context, queries: HTTP_SAMPLES,
      });
    }
  } finally {
    await server?.close();
    await temp.cleanup();
  }
}
