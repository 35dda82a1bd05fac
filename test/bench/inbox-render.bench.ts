import react from '@vitejs/plugin-react';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { staticHandler } from '../../main/browser-host/static-files';
import { chromiumMissing, CHROMIUM_PATH, launchChromium } from '../support/browser';
import { emit, log, median, TempDirs, until } from './report';

const BENCH = 'inbox.render';
const CONVERSATIONS = 10_000;
const RUNS = 3;
const VIEWPORT = { width: 1360, height: 820 };
const pageDir = fileURLToPath(new URL('./inbox-page/', import.meta.url));

type Run = {
  /** From the start of rendering to the first frame painted with the list in it, ms. */
  renderMs: number;
  /** Scrolling from the top to the bottom in SCROLL_STEPS steps, each step painted, ms. */
  scrollMs: number;
  /** Steps that took longer than SLOW_STEP_MS (a visible stutter). */
  slowSteps: number;
  /** The longest single scroll step, ms. */
  worstStepMs: number;
  /** Rows in the page once rendered. */
  rows: number;
};

/**
 * Runs in the page: scrolls the list from top to bottom in ${SCROLL_STEPS} equal steps (a fast
 * fling, several screens a step), waiting for each step to be painted (two frames: the list
 * answers the scroll event, then the new rows paint). At 60 frames a second a perfectly smooth
 * run takes about ${SCROLL_STEPS} × 33 ms. A string, so the runner's transform adds no helpers the
 * page does not have.
 */
const SCROLL_STEPS = 200;
const SLOW_STEP_MS = 50;
const SCROLL_THROUGH = `(async () => {
  const box = document.querySelector('[data-testid=inbox-scroll]');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  await frame();
  const start = performance.now();
  let worst = 0;
  let slow = 0;
  // A virtual list learns its rows' real heights as they show, so its length is read at each step.
  for (let step = 1; step <= ${SCROLL_STEPS} + 50; step++) {
    if (step > ${SCROLL_STEPS} && box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
    const t = performance.now();
    box.scrollTop = Math.round(((box.scrollHeight - box.clientHeight) * Math.min(step, ${SCROLL_STEPS})) / ${SCROLL_STEPS});
    await frame();
    await frame();
    const took = performance.now() - t;
    worst = Math.max(worst, took);
    if (took > ${SLOW_STEP_MS}) slow++;
  }
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
  if (!atEnd) throw new Error('the list did not reach its end');
  return { scrollMs: performance.now() - start, slowSteps: slow, worstStepMs: worst };
})()`;

async function measure(page: Page, url: string): Promise<Run> {
  await page.goto(url);
  const renderMs = await until(async () => ((await page.evaluate('window.bench.rendered')) as number | null) ?? false, 'the first render', 120_000, 50);
  const rows = (await page.evaluate('window.bench.rows()')) as number;
  const scroll = (await page.evaluate(SCROLL_THROUGH)) as Pick<Run, 'scrollMs' | 'slowSteps' | 'worstStepMs'>;
  return { renderMs, rows, ...scroll };
}

/**
 * The inbox with 10,000 conversations in Chromium: the real InboxList (a virtual list) against
 * the same rows (the real InboxItem) rendered as a plain list, in the same run. Figures: time to
 * the first painted frame, and scrolling from top to bottom (total time, stutters, worst step).
 */
export async function inboxRenderBench(): Promise<void> {
  if (chromiumMissing) {
    log(`inbox.render: skipped, no Chromium at ${CHROMIUM_PATH}`);
    return;
  }
  const temp = new TempDirs();
  let browser: Browser | undefined;
  let server: Server | undefined;
  try {
    const outDir = await temp.make('inbox-page');
    log('inbox.render: building the benchmark page (the real InboxList)');
    await build({
      root: pageDir,
      base: './',
      logLevel: 'warn',
      configFile: false,
      plugins: [react()],
      build: { outDir, emptyOutDir: true, rollupOptions: { input: { index: `${pageDir}index.html` } } },
    });
    server = createServer((req, res) => void staticHandler(outDir)(req, res));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    browser = await launchChromium();

    const results: Record<'virtual' | 'plain', Run[]> = { virtual: [], plain: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither list always runs on a warmer browser.
      const order = i % 2 === 0 ? (['virtual', 'plain'] as const) : (['plain', 'virtual'] as const);
      for (const mode of order) {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const run = await measure(page, `${base}?mode=${mode}&n=${CONVERSATIONS}`);
        await page.close();
        results[mode].push(run);
        log(`inbox.render: ${mode} run ${i + 1}: render ${run.renderMs.toFixed(0)} ms, scroll ${run.scrollMs.toFixed(0)} ms (${run.slowSteps} steps over ${SLOW_STEP_MS} ms, worst ${run.worstStepMs.toFixed(0)} ms), ${run.rows} rows in the page`);
      }
    }
    const pick = (mode: 'virtual' | 'plain', key: keyof Run) => median(results[mode].map((r) => r[key]));
    const context = { conversations: CONVERSATIONS, runs: RUNS, viewport: `${VIEWPORT.width}x${VIEWPORT.height}`, browser: 'chromium (headless)' };
    emit({
      bench: BENCH,
      figure: 'first render of the inbox (median)',
      value: pick('virtual', 'renderMs'),
      unit: 'ms',
      baseline: { name: 'the same rows as a plain list', value: pick('plain', 'renderMs') },
      rowsInPage: pick('virtual', 'rows'),
      baselineRowsInPage: pick('plain', 'rows'),
      ...context,
    });
    emit({
      bench: BENCH,
      figure: `scroll through the whole inbox in ${SCROLL_STEPS} painted steps (median)`,
      value: pick('virtual', 'scrollMs'),
      unit: 'ms',
      baseline: { name: 'the same rows as a plain list', value: pick('plain', 'scrollMs') },
      smoothFloorMs: Math.round(SCROLL_STEPS * 2 * (1000 / 60)),
      ...context,
    });
    emit({
      bench: BENCH,
      figure: `scroll steps over ${SLOW_STEP_MS} ms (median)`,
      value: pick('virtual', 'slowSteps'),
      unit: 'steps',
      baseline: { name: 'the same rows as a plain list', value: pick('plain', 'slowSteps') },
      steps: SCROLL_STEPS,
      ...context,
    });
    emit({
      bench: BENCH,
      figure: 'slowest scroll step (median over runs)',
      value: pick('virtual', 'worstStepMs'),
      unit: 'ms',
      baseline: { name: 'the same rows as a plain list', value: pick('plain', 'worstStepMs') },
      ...context,
    });
  } finally {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await temp.cleanup();
  }
}
