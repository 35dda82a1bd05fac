// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/*
 * Layering (ARCHITECTURE.md) is enforced with `no-restricted-imports`. Relative imports are
 * matched by how far they climb: a file N folders below the repository root reaches a top-level
 * folder with exactly N "../", so each folder gets one block per depth. This keeps
 * `renderer/features/server/x` (a folder that merely shares a name) legal while
 * `../../server/x` from `renderer/features/y.ts` is not.
 */

const sourceExtensions = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const maxDepth = 12;
const see = ' — see ARCHITECTURE.md layering.';

const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const builtinNames = builtinModules.filter((name) => !name.startsWith('_'));

/** @typedef {{ regexAt: (depth: number | null) => string, message: string }} Restriction */

/** @returns {Restriction} */
const electron = (/** @type {string} */ message) => ({
  regexAt: () => '^(?:electron|electron-store)(?:/.*)?$',
  message,
});

/** @returns {Restriction} */
const nodeBuiltins = (/** @type {string} */ message, /** @type {string[]} */ allowed = []) => {
  const names = builtinNames.filter((name) => !allowed.includes(name)).map(escape);
  const allowedNode = allowed.length ? `(?!(?:${allowed.map(escape).join('|')})$)` : '';
  return { regexAt: () => `^(?:node:${allowedNode}.*|(?:${names.join('|')})(?:/.*)?)$`, message };
};

/**
 * Top-level folders reached by a relative import. `depth` is how many folders below the root the
 * importing file sits; null (very deep files) falls back to "any number of ../".
 * @returns {Restriction}
 */
const topFolders = (/** @type {string[]} */ folders, /** @type {string} */ message) => ({
  regexAt: (depth) =>
    `^(?:\\./)?(?:\\.\\./)${depth === null ? '+' : `{${depth}}`}(?:${folders.map(escape).join('|')})(?:/|$)`,
  message,
});

/**
 * The Electron shell (main/ outside core/, browser-host/, launcher/) seen from main/core/.
 * @returns {Restriction}
 */
const electronShellFromCore = (/** @type {string} */ message) => ({
  regexAt: (depth) => {
    const intoShell = '(?!(?:core|\\.\\.)(?:/|$))[^/]';
    if (depth === null) return `^(?:\\./)?(?:\\.\\./)+main(?:/${intoShell}|$)`;
    return `^(?:\\./)?(?:(?:\\.\\./){${depth}}main(?:/${intoShell}|$)|(?:\\.\\./){${depth - 1}}${intoShell})`;
  },
  message,
});

/**
 * Bare imports (packages and Node built-ins) other than the listed packages.
 * @returns {Restriction}
 */
const onlyPackages = (/** @type {string[]} */ allowed, /** @type {string} */ message) => ({
  regexAt: () => `^(?![./])(?!(?:${allowed.map(escape).join('|')})(?:/|$))`,
  message,
});

/**
 * Relative imports that reach the repository root and go anywhere but shared/.
 * @returns {Restriction}
 */
const onlySharedAtRoot = (/** @type {string} */ message) => ({
  regexAt: (depth) =>
    depth === null
      ? `^(?:\\./)?(?:\\.\\./)+(?:main|preload|renderer|server|test|build)(?:/|$)`
      : `^(?:\\./)?(?:\\.\\./){${depth}}(?!shared(?:/|$))`,
  message,
});

/**
 * Relative imports that climb to server/ and enter any folder but the given one (for a layer
 * two levels below server/, such as server/widget/src).
 * @returns {Restriction}
 */
const onlyOwnFolderInServer = (/** @type {string} */ folder, /** @type {string} */ message) => ({
  regexAt: (depth) =>
    depth === null
      ? `^(?:\\./)?(?:\\.\\./)+server(?:/|$)`
      : `^(?:\\./)?(?:\\.\\./){${depth - 1}}(?!${escape(folder)}(?:/|$)|\\.\\./)`,
  message,
});

/**
 * Relative imports from inside server/ into one of its top-level folders.
 * @returns {Restriction}
 */
const serverFolder = (/** @type {string} */ folder, /** @type {string} */ message) => ({
  regexAt: (depth) =>
    depth === null
      ? `^(?:\\./)?(?:\\.\\./)+${escape(folder)}(?:/|$)`
      : `^(?:\\./)?(?:\\.\\./){${depth - 1}}${escape(folder)}(?:/|$)`,
  message,
});

/**
 * A part of server/ that never talks to sockets: only server/realtime/ does, so it imports neither
 * socket.io nor server/realtime/ (and, as all of server/, never electron, main/, preload/ or renderer/).
 */
const noSocketsLayer = (/** @type {string} */ folder, /** @type {string} */ role) => {
  const message = `${role}; only server/realtime/ talks to sockets, so it never imports socket.io or server/realtime/ (and, as all of server/, never electron, main/, preload/ or renderer/)${see}`;
  return {
    folder,
    restrictions: [
      electron(message),
      topFolders(['main', 'preload', 'renderer'], message),
      { regexAt: () => '^socket\\.io(?:-client)?(?:/.*)?$', message },
      serverFolder('realtime', message),
    ],
  };
};

const mainMessage = `main/ never imports renderer/, server/ or preload/: the UI reaches it only through the contract${see}`;
const mainOutsideUi = topFolders(['renderer', 'server', 'preload'], mainMessage);

/** @type {{ folder: string, ignores?: string[], restrictions: Restriction[] }[]} */
const layers = [
  {
    folder: 'shared',
    restrictions: (() => {
      const message = `shared/ imports only shared/ and small pure libraries such as zod: no electron, no Node built-ins, no main/, preload/, renderer/ or server/${see}`;
      return [electron(message), nodeBuiltins(message), topFolders(['main', 'preload', 'renderer', 'server'], message)];
    })(),
  },
  {
    folder: 'main/core',
    restrictions: (() => {
      const message = `main/core/ imports shared/ and Node only: never electron, the Electron shell in main/, renderer/, server/ or preload/${see}`;
      return [
        electron(message),
        topFolders(['renderer', 'server', 'preload'], message),
        electronShellFromCore(message),
      ];
    })(),
  },
  {
    folder: 'main/browser-host',
    restrictions: [
      electron(`main/browser-host/ runs main/core without Electron, so it never imports electron${see}`),
      mainOutsideUi,
    ],
  },
  {
    folder: 'main/launcher',
    restrictions: [
      electron(`main/launcher/ is plain Node that starts Electron as a process, so it never imports electron${see}`),
      mainOutsideUi,
    ],
  },
  {
    folder: 'main',
    ignores: ['main/core/**', 'main/browser-host/**', 'main/launcher/**'],
    restrictions: [mainOutsideUi],
  },
  {
    folder: 'renderer',
    restrictions: (() => {
      const message = `renderer/ imports only shared/ (and UI libraries): no Node, no electron, no main/, preload/ or server/ — it reaches the core through window.switchboard${see}`;
      return [electron(message), nodeBuiltins(message), topFolders(['main', 'preload', 'server'], message)];
    })(),
  },
  {
    folder: 'server',
    restrictions: (() => {
      const message = `server/ imports shared/ and its own code: never electron, main/, preload/ or renderer/${see}`;
      return [electron(message), topFolders(['main', 'preload', 'renderer'], message)];
    })(),
  },
  // Listed after server/ so that their rules, not the server's, apply to the domain code and the
  // channel adapters.
  noSocketsLayer('server/domain', 'server/domain/ decides and emits domain events'),
  noSocketsLayer('server/channels', 'server/channels/ adapts platforms to the domain'),
  {
    // Listed after server/ so that its rules, not the server's, apply to the page's source.
    folder: 'server/widget/src',
    // Its tests run in Node under vitest and never reach the page's bundle.
    ignores: ['server/widget/src/**/*.test.ts'],
    restrictions: (() => {
      const message = `server/widget/src/ (the customer's chat page, run in the browser) imports only shared/ and socket.io-client: no Node built-ins, no electron, no other package, no server/, main/, preload/ or renderer/${see}`;
      return [onlyPackages(['socket.io-client'], message), onlySharedAtRoot(message), onlyOwnFolderInServer('widget', message)];
    })(),
  },
  {
    folder: 'preload',
    restrictions: (() => {
      const message = `preload/ runs sandboxed: it imports electron and shared/ only — no Node built-ins beyond events/timers/url, no main/, server/ or renderer/${see}`;
      return [nodeBuiltins(message, ['events', 'timers', 'url']), topFolders(['main', 'server', 'renderer'], message)];
    })(),
  },
];

/** One config block per folder and depth, each carrying the folder's full restriction list. */
function layeringBlocks() {
  /** @type {import('eslint').Linter.Config[]} */
  const blocks = [];
  for (const layer of layers) {
    const base = layer.folder.split('/').length;
    /** @type {(number | null)[]} */
    const depths = [];
    for (let depth = base; depth <= maxDepth; depth += 1) depths.push(depth);
    depths.push(null);
    for (const depth of depths) {
      const files =
        depth === null
          ? [`${layer.folder}/${'*/'.repeat(maxDepth - base + 1)}**/*.${sourceExtensions}`]
          : [`${layer.folder}/${'*/'.repeat(depth - base)}*.${sourceExtensions}`];
      blocks.push({
        name: `switchboard/layering/${layer.folder}/${depth ?? 'deep'}`,
        files,
        ...(layer.ignores ? { ignores: layer.ignores } : {}),
        rules: {
          'no-restricted-imports': [
            'error',
            { patterns: layer.restrictions.map((r) => ({ regex: r.regexAt(depth), message: r.message })) },
          ],
        },
      });
    }
  }
  return blocks;
}

export default defineConfig(
  { name: 'switchboard/ignores', ignores: ['out/', 'dist/', 'node_modules/', 'test/fixtures/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'switchboard/base',
    files: [`**/*.${sourceExtensions}`],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    name: 'switchboard/node-globals',
    files: [`**/*.${sourceExtensions}`],
    ignores: ['renderer/**', 'server/widget/src/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'switchboard/browser-globals',
    files: [`renderer/**/*.${sourceExtensions}`, `preload/**/*.${sourceExtensions}`, `server/widget/src/**/*.${sourceExtensions}`],
    languageOptions: { globals: { ...globals.browser } },
  },
  layeringBlocks(),
);
