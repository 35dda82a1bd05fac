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

/**
 * Files that run on PGlite only. PGlite is PostgreSQL's own engine on one connection: a file
 * whose server makes its database calls one at a time, in plain SQL, gets the same answers there
 * as from a PostgreSQL server, so a second run finds nothing the first did not. Files that
 * exercise the database's own behaviour stay on both: concurrent transactions, row locks and
 * uniqueness under races (routing, sync, duplicate client ids, bursts of webhooks, parallel
 * sign-ins, the fuzzer's hostile values through each driver), sequences, triggers, migrations,
 * and servers killed or restarted mid-write. A new file runs on both until it is listed here.
 */
const pgliteOnlyFiles = {
  integration: [
    // The desktop core (cache, outbox, offline, contract) against a server asked one thing at a time.
    'test/integration/desktop-agent-state.test.ts',
    'test/integration/desktop-cache-at-rest.test.ts',
    'test/integration/desktop-channel-admin.test.ts',
    'test/integration/desktop-channel-delivery.test.ts',
    'test/integration/desktop-contact-profile.test.ts',
    'test/integration/desktop-core.test.ts',
    'test/integration/desktop-inbox.test.ts',
    'test/integration/desktop-knowledge-admin.test.ts',
    'test/integration/desktop-knowledge.test.ts',
    'test/integration/desktop-supervision.test.ts',
    'test/integration/desktop-team-admin.test.ts',
    // Platform payloads parsed and sent, secrets checked, admin screens: one request at a time.
    // (channel-whatsapp keeps the delivery queue on both; channel-wechat its row lock.)
    'test/integration/channel-admin.test.ts',
    'test/integration/channel-api.test.ts',
    'test/integration/channel-contacts.test.ts',
    'test/integration/channel-email.test.ts',
    'test/integration/channel-internal-notes.test.ts',
    'test/integration/channel-secrets.test.ts',
    'test/integration/channel-telegram-buttons.test.ts',
    'test/integration/channel-telegram.test.ts',
    'test/integration/channel-whatsapp-details.test.ts',
    // Permissions, masking, names and settings, asked and answered in turn.
    'test/integration/server-activity.test.ts',
    'test/integration/server-catalog.test.ts',
    'test/integration/server-contact-names.test.ts',
    'test/integration/server-contact-profile.test.ts',
    'test/integration/server-conversation-permissions.test.ts',
    'test/integration/server-knowledge-bot.test.ts',
    'test/integration/server-order-events.test.ts',
    'test/integration/server-reply-masking.test.ts',
    'test/integration/server-team-admin.test.ts',
    'test/integration/server-templates.test.ts',
    'test/integration/server-visitor-limits.test.ts',
    'test/integration/server-widget-cues.test.ts',
    'test/integration/widget-identity-expiry.test.ts',
  ],
  e2e: [
    // No database at all.
    'test/e2e/electron-smoke.test.ts',
    'test/e2e/preload-sandbox.test.ts',
    // What a person sees and does; the database work behind each screen is in the integration
    // files above. first-conversation (history across a server restart) and widget-survives
    // (a pending message stored once across a server process restart) keep a path on both.
    'test/e2e/channels.test.ts',
    'test/e2e/inbox-filters.test.ts',
    'test/e2e/offline-work.test.ts',
    'test/e2e/one-customer-two-channels.test.ts',
    'test/e2e/queue-rescue.test.ts',
    'test/e2e/queue.test.ts',
    'test/e2e/reply-masking.test.ts',
    'test/e2e/supervision.test.ts',
    'test/e2e/widget-new-visitor-limit.test.ts',
  ],
};

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
      exclude: database === 'pglite' ? [] : [...selfContainedDatabaseFiles, ...pgliteOnlyFiles[suite]],
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
