import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
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
 * Files that run on PostgreSQL only: several server processes on one database, and what they
 * share in it (rate-limit counts), which PGlite (one process's data folder) cannot serve. They
 * skip with the reason printed when PostgreSQL or Redis does not answer.
 */
const postgresOnlyFiles = ['test/integration/server-two-nodes.test.ts', 'test/integration/server-shared-rate-limits.test.ts'];

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
    'test/integration/desktop-ai-provider.test.ts',
    'test/integration/desktop-cache-at-rest.test.ts',
    'test/integration/desktop-channel-admin.test.ts',
    'test/integration/desktop-channel-delivery.test.ts',
    'test/integration/desktop-contact-profile.test.ts',
    'test/integration/desktop-file-replies.test.ts',
    'test/integration/desktop-conversation-tags.test.ts',
    'test/integration/desktop-core.test.ts',
    'test/integration/desktop-csat.test.ts',
    'test/integration/desktop-inbox.test.ts',
    'test/integration/desktop-knowledge-admin.test.ts',
    'test/integration/desktop-knowledge.test.ts',
    'test/integration/desktop-supervision.test.ts',
    'test/integration/desktop-reports.test.ts',
    'test/integration/desktop-team-admin.test.ts',
    'test/integration/desktop-ticket-admin.test.ts',
    'test/integration/desktop-tickets.test.ts',
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
    // The chat model naming topics: one request to the provider's stand-in at a time.
    'test/integration/server-topics-ai.test.ts',
    'test/integration/server-visitor-limits.test.ts',
    'test/integration/server-widget-cues.test.ts',
    'test/integration/widget-identity-expiry.test.ts',
  ],
  e2e: [
    // No database at all.
    'test/e2e/electron-smoke.test.ts',
    'test/e2e/preload-sandbox.test.ts',
    // What a person sees and does; the database work behind each screen is in the integration
    // files above. first-conversation (history across a server restart) keeps a path on both.
    // A customer's message sent again with its client id after a server died is stored once: on
    // PGlite here, on PostgreSQL by server-two-nodes (a node killed mid-burst); an agent's by
    // desktop-faults on both.
    'test/e2e/widget-survives.test.ts',
    'test/e2e/attachments.test.ts',
    'test/e2e/accessibility.test.ts',
    'test/e2e/channels.test.ts',
    'test/e2e/inbox-filters.test.ts',
    'test/e2e/keyboard.test.ts',
    'test/e2e/offline-work.test.ts',
    'test/e2e/one-customer-two-channels.test.ts',
    'test/e2e/queue-rescue.test.ts',
    'test/e2e/queue.test.ts',
    'test/e2e/reports.test.ts',
    'test/e2e/reply-masking.test.ts',
    'test/e2e/supervision.test.ts',
    'test/e2e/tickets.test.ts',
    'test/e2e/widget-bot-suggestions.test.ts',
    'test/e2e/widget-new-visitor-limit.test.ts',
    'test/e2e/widget-csat.test.ts',
  ],
};

/** Unit tests: everything beside the code it tests, and test/unit. */
const unitFiles = ['{shared,server,main,preload,renderer,build}/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts'];
/** The unit tests that render into a document (React components, the widget's modules): each file starts from an empty one. */
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
      exclude: database === 'pglite' ? postgresOnlyFiles : [...selfContainedDatabaseFiles, ...pgliteOnlyFiles[suite]],
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

/**
 * Vitest's order (the longest files of a project first, by the last run's durations), with the
 * projects of a stage taken smallest first instead of by name. A worker keeps its modules only
 * while the next file is of its own project, so projects still run one after the other; the
 * smaller one (the PostgreSQL run: only the files that exercise the database itself) goes first,
 * and the larger one's many short files fill the workers at the end, rather than two or three of
 * the smaller project's long files running last while the other workers wait.
 */
class SmallProjectsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const counts = new Map<string, number>();
    for (const file of files) counts.set(file.project.name, (counts.get(file.project.name) ?? 0) + 1);
    const rank = (file: TestSpecification) => counts.get(file.project.name)!;
    // Array.prototype.sort is stable: each project keeps Vitest's order within it.
    return sorted.sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        rank(a) - rank(b) ||
        (a.project.name < b.project.name ? -1 : a.project.name > b.project.name ? 1 : 0),
    );
  }
}

export default defineConfig({
  root,
  test: {
    // Files run side by side: each starts its own server on a random port with its own database
    // copy and temp folders, so none shares a port or folder with another.
    maxWorkers: 3,
    // Of a stage's projects (a suite on PGlite and on PostgreSQL), the smaller one first (SmallProjectsFirst).
    sequence: { sequencer: SmallProjectsFirst },
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
          // A worker keeps its document and modules (React, the stores, happy-dom itself) from one
          // file to the next: setting them up again for every file took longer than the tests. Each
          // file still starts from an empty page and empty storage (test/support/fresh-document.ts),
          // and a component test resets the stores it reads (AppUnderTest).
          isolate: false,
          setupFiles: ['test/support/fresh-document.ts'],
        },
      },
      ...perDatabase('integration', { testTimeout: 60_000, hookTimeout: 60_000 }),
      ...perDatabase('e2e', { testTimeout: 120_000, hookTimeout: 120_000 }),
    ],
  },
});
