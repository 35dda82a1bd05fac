import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The databases the database suites run on, once each (test/support/databases.ts reads the variable). */
const databases = ['pglite', 'postgres'] as const;

/**
 * Files that choose their databases themselves (the PGlite folder, migrations on each, the
 * sequence on each, the lock on a PGlite folder): they run once, in the PGlite run.
 */
const selfContainedDatabaseFiles = [
  'test/integration/server-persistence.test.ts',
  'test/integration/server-sequence.test.ts',
  // The lock on a PGlite data folder: PostgreSQL has no folder of ours to lock.
  'test/integration/server-data-lock.test.ts',
];

/** Unit tests: everything beside the code it tests, and test/unit. */
const unitFiles = ['{shared,server,main,preload,renderer,build}/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts'];
/** The unit tests that render into a document (React components, the widget's modules): each file gets a fresh one. */
const domFiles = ['**/*.test.tsx', 'server/widget/src/**/*.test.ts'];

/** One project per database for a suite that starts real servers; each file gets its own database copy. */
function perDatabase(
  suite: 'integration' | 'e2e',
  test: NonNullable<TestProjectInlineConfiguration['test']>,
): TestProjectInlineConfiguration[] {
  return databases.map((database) => ({
    extends: true,
    test: {
      ...test,
      name: `${suite}:${database}`,
      include: [`test/${suite}/**/*.test.ts`],
      exclude: database === 'pglite' ? [] : selfContainedDatabaseFiles,
      environment: 'node',
      env: { SWITCHBOARD_TEST_DATABASE: database },
      // A worker keeps the server's modules loaded from one file to the next (each file still
      // starts its own server on its own database): loading them again for every file cost more
      // than the tests themselves.
      isolate: false,
      globalSetup: ['test/support/template-databases.ts'],
      // What a person waits for (a sign-in, a push reaching the page) may take a few seconds on a
      // busy two-core machine; expect.poll's default of one second would fail a correct app.
      expect: { poll: { timeout: 10_000 } },
    },
  }));
}

export default defineConfig({
  root,
  test: {
    // Files run side by side: each starts its own server on a random port with its own database
    // copy and temp folders, so none shares a port or folder with another.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: unitFiles,
          exclude: [...domFiles, '**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          // A worker keeps modules loaded from one file to the next (loading them again for every
          // file took longer than the tests), so a test must not rely on module-level state being
          // fresh (an id generator's last time, a store: set what the test needs in beforeEach).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit:dom',
          include: domFiles,
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      ...perDatabase('integration', { testTimeout: 60_000, hookTimeout: 60_000 }),
      ...perDatabase('e2e', { testTimeout: 120_000, hookTimeout: 120_000 }),
    ],
  },
});
