import { outboxBench } from './outbox.bench';
import { runRoutingBench } from './routing.bench';
import { routingCostBench } from './routing-cost.bench';
import { syncBench } from './sync.bench';
import { threadBench } from './thread.bench';
import { kbSearchBench } from './kb-search.bench';
import { kbCacheBench } from './kb-cache.bench';
import { inboxRenderBench } from './inbox-render.bench';
import { wechatIntakeBench } from './wechat-intake.bench';
import { whatsappMediaBench } from './whatsapp-media.bench';
import { sensitiveWordsBench } from './sensitive-words.bench';
import { ticketListBench } from './ticket-list.bench';
import { topicsBench } from './topics.bench';
import { ticketCacheBench } from './ticket-cache.bench';
import { reportsBench } from './reports.bench';
import { loadBench } from './load.bench';
import { log } from './report';

/**
 * Runs every benchmark one after another (`npm run bench`, optionally `-- outbox sync thread` to
 * pick some). Figures go to stdout as one JSON line each; progress goes to stderr. Each benchmark
 * has its own time limit and the whole run has one, so it always stops by itself.
 */
const benches: Record<string, { run: () => Promise<void>; limitMs: number }> = {
  outbox: { run: outboxBench, limitMs: 150_000 },
  sync: { run: syncBench, limitMs: 300_000 },
  thread: { run: threadBench, limitMs: 120_000 },
  routing: { run: runRoutingBench, limitMs: 150_000 },
  'routing-cost': { run: routingCostBench, limitMs: 240_000 },
  'kb-search': { run: kbSearchBench, limitMs: 240_000 },
  'kb-cache': { run: kbCacheBench, limitMs: 180_000 },
  'inbox-render': { run: inboxRenderBench, limitMs: 240_000 },
  'wechat-intake': { run: wechatIntakeBench, limitMs: 180_000 },
  'whatsapp-media': { run: whatsappMediaBench, limitMs: 240_000 },
  'sensitive-words': { run: sensitiveWordsBench, limitMs: 60_000 },
  'ticket-list': { run: ticketListBench, limitMs: 420_000 },
  topics: { run: topicsBench, limitMs: 120_000 },
  'ticket-cache': { run: ticketCacheBench, limitMs: 360_000 },
  reports: { run: reportsBench, limitMs: 480_000 },
  load: { run: loadBench, limitMs: 500_000 },
};

const TOTAL_LIMIT_MS = 9 * 60_000;

// Anything else that logs (libraries, the server) must not mix into the JSON lines on stdout.
console.log = console.error;
console.info = console.error;

const watchdog = setTimeout(() => {
  log(`the whole run took longer than ${TOTAL_LIMIT_MS / 1000} s; stopping`);
  process.exit(2);
}, TOTAL_LIMIT_MS);
watchdog.unref();

const picked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = picked.length > 0 ? picked : Object.keys(benches);
let failed = 0;
const started = Date.now();
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    log(`no benchmark called "${name}" (have: ${Object.keys(benches).join(', ')})`);
    failed++;
    continue;
  }
  log(`---- ${name} ----`);
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      bench.run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} took longer than ${bench.limitMs / 1000} s`)), bench.limitMs);
      }),
    ]);
    log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    failed++;
    log(`${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
log(`all done in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
// Open handles of a failed benchmark must not keep the process alive.
process.exit(failed ? 1 : 0);
