/**
 * `npm test`: type-check and lint, unit, integration, build and end-to-end tests, in that order,
 * stopping at the first stage that fails. Prints each stage's duration and counts, and a closing
 * line `tests: N passed, N failed, N skipped` over every stage.
 *
 * The database suites run once on PGlite and once on PostgreSQL (127.0.0.1:5432). Where no
 * PostgreSQL answers, the PostgreSQL runs are skipped and the output says so;
 * SWITCHBOARD_TEST_DATABASES=pglite chooses PGlite only on purpose.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresReachable } from './support/postgres';

const repo = fileURLToPath(new URL('..', import.meta.url));
const reports = mkdtempSync(join(tmpdir(), 'sb-test-reports-'));
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

type Counts = { passed: number; failed: number; skipped: number };
type StageResult = { name: string; seconds: number; ok: boolean; counts: Counts | null; note?: string };

/** Runs a command with the terminal's output; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Vitest over some projects, with a JSON report beside the usual output to count the tests. */
async function vitest(stage: string, projects: string[], maxWorkers?: number): Promise<{ ok: boolean; counts: Counts }> {
  const report = join(reports, `${stage}.json`);
  const code = await run(bin('vitest'), [
    'run', '--config', 'test/vitest.config.ts',
    ...projects.flatMap((p) => ['--project', p]),
    ...(maxWorkers ? [`--maxWorkers=${maxWorkers}`] : []),
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ]);
  return { ok: code === 0, counts: readCounts(report) };
}

function readCounts(file: string): Counts {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
  } catch {
    // No report: Vitest stopped before running anything (a config or start-up error, shown above).
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function chooseDatabases(): Promise<{ databases: string[]; note?: string }> {
  if (process.env.SWITCHBOARD_TEST_DATABASES === 'pglite') {
    return { databases: ['pglite'], note: 'PostgreSQL runs skipped: SWITCHBOARD_TEST_DATABASES=pglite' };
  }
  if (await postgresReachable()) return { databases: ['pglite', 'postgres'] };
  return { databases: ['pglite'], note: 'PostgreSQL runs skipped: nothing answers on 127.0.0.1:5432 (.ci/run starts one)' };
}

async function main(): Promise<number> {
  const results: StageResult[] = [];
  const { databases, note } = await chooseDatabases();
  console.log(`== databases: ${databases.join(' and ')}${note ? ` (${note})` : ''}`);

  const stages: { name: string; run: () => Promise<{ ok: boolean; counts: Counts | null }> }[] = [
    {
      name: 'type-check and lint',
      run: async () => {
        // Two single-threaded tools, one core each.
        const [tsc, eslint] = await Promise.all([run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']), run(bin('eslint'), ['.'])]);
        return { ok: tsc === 0 && eslint === 0, counts: null };
      },
    },
    { name: 'unit', run: () => vitest('unit', ['unit', 'unit:dom']) },
    { name: 'integration', run: () => vitest('integration', databases.map((d) => `integration:${d}`)) },
    {
      name: 'build',
      run: async () => ({ ok: (await run('npm', ['run', 'build', '--silent'])) === 0, counts: null }),
    },
    // Each e2e file drives Chromium as well as a server: two at a time on a two-core machine.
    { name: 'e2e', run: () => vitest('e2e', databases.map((d) => `e2e:${d}`), 2) },
  ];

  for (const stage of stages) {
    console.log(`\n== ${stage.name}`);
    const started = Date.now();
    const { ok, counts } = await stage.run();
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results.push({ name: stage.name, seconds, ok, counts });
    console.log(`== ${stage.name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
    if (!ok) break;
  }

  console.log('\n== stages');
  for (const r of results) {
    const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped)` : '';
    console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(20)} ${String(r.seconds).padStart(6)} s${counts}`);
  }
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  console.log(`total ${Math.round(total)} s on ${databases.join(' and ')}${note ? `; ${note}` : ''}`);
  const all = results.reduce<Counts>(
    (sum, r) => ({ passed: sum.passed + (r.counts?.passed ?? 0), failed: sum.failed + (r.counts?.failed ?? 0), skipped: sum.skipped + (r.counts?.skipped ?? 0) }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const failedStage = results.some((r) => !r.ok);
  // A stage that failed without a failing test (type errors, lint, build) still counts as one failure.
  const failed = all.failed + (failedStage && all.failed === 0 ? 1 : 0);
  console.log(`tests: ${all.passed} passed, ${failed} failed, ${all.skipped} skipped`);
  rmSync(reports, { recursive: true, force: true });
  return failedStage ? 1 : 0;
}

process.exitCode = await main();
