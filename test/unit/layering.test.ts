import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/layering/${name}`, import.meta.url), 'utf8');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(code: string, filePath: string) {
  expect(await eslint.isPathIgnored(filePath), `${filePath} must not be ignored by the lint config`).toBe(false);
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages;
}

const importCount = (code: string) => code.split('\n').filter((line) => /^import\b/.test(line)).length;

const rules = [
  { fixture: 'shared.ts', filePath: 'shared/text/fixture.ts', names: 'shared/ imports only shared/' },
  { fixture: 'main-core.ts', filePath: 'main/core/cache/fixture.ts', names: 'main/core/ imports shared/ and Node only' },
  { fixture: 'main-browser-host.ts', filePath: 'main/browser-host/fixture.ts', names: 'main/browser-host/ runs main/core without Electron' },
  { fixture: 'main-launcher.ts', filePath: 'main/launcher/fixture.ts', names: 'main/launcher/ is plain Node' },
  { fixture: 'main-shell.ts', filePath: 'main/fixture.ts', names: 'main/ never imports renderer/, server/ or preload/' },
  { fixture: 'renderer.ts', filePath: 'renderer/src/features/inbox/fixture.tsx', names: 'renderer/ imports only shared/' },
  { fixture: 'server.ts', filePath: 'server/db/migrations/fixture.ts', names: 'server/ imports shared/' },
  { fixture: 'server-sockets.ts', filePath: 'server/domain/routing/fixture.ts', names: 'server/domain/ decides and emits domain events' },
  { fixture: 'server-sockets.ts', filePath: 'server/channels/whatsapp/fixture.ts', names: 'server/channels/ adapts platforms to the domain' },
  { fixture: 'preload.ts', filePath: 'preload/fixture.ts', names: 'preload/ runs sandboxed' },
  { fixture: 'widget.ts', filePath: 'server/widget/src/fixture.ts', names: 'server/widget/src/ (the customer' },
];

describe('layering lint rules', () => {
  it.each(rules)('flags every import in $fixture as $filePath, naming the rule', async ({ fixture: name, filePath, names }) => {
    const code = fixture(name);
    const messages = await lint(code, filePath);
    const expected = importCount(code);
    expect(expected).toBeGreaterThan(0);
    expect(messages.map((m) => m.ruleId)).toEqual(Array(expected).fill('no-restricted-imports'));
    expect(messages.map((m) => m.line)).toEqual(
      code.split('\n').flatMap((line, index) => (/^import\b/.test(line) ? [index + 1] : [])),
    );
    for (const message of messages) {
      expect(message.message).toContain(names);
      expect(message.message).toContain('see ARCHITECTURE.md layering');
    }
  });

  it.each([
    'shared/a/b/clean.ts',
    'main/core/a/clean.ts',
    'main/browser-host/a/clean.ts',
    'main/launcher/a/clean.ts',
    'main/a/b/clean.ts',
    'renderer/src/features/clean.tsx',
    'server/domain/routing/clean.ts',
    'preload/a/b/clean.ts',
  ])('passes the clean fixture as %s', async (filePath) => {
    expect(await lint(fixture('clean.ts'), filePath)).toEqual([]);
  });

  it('lets the Electron shell import electron and main/core', async () => {
    const code = "import { app } from 'electron';\nimport { createCore } from './core';\nexport const used = [app, createCore];\n";
    expect(await lint(code, 'main/index.ts')).toEqual([]);
  });

  it('lets the widget import socket.io-client, shared/ and its own modules', async () => {
    const code = [
      "import { io } from 'socket.io-client';",
      "import { VISITOR_NAMESPACE } from '../../../shared/protocol';",
      "import { widgetLanguage } from './i18n';",
      "import { helper } from './parts/helper';",
      'export const used = [io, VISITOR_NAMESPACE, widgetLanguage, helper];',
      '',
    ].join('\n');
    expect(await lint(code, 'server/widget/src/main.ts')).toEqual([]);
    expect(await lint(code.replaceAll('../../../shared', '../../../../shared').replace('./i18n', '../i18n'), 'server/widget/src/parts/deep.ts')).toEqual([]);
  });

  it('leaves the server code next to the widget under the server rule', async () => {
    const code = "import type { FastifyReply } from 'fastify';\nimport { readFileSync } from 'node:fs';\nexport type Used = [FastifyReply, typeof readFileSync];\n";
    expect(await lint(code, 'server/widget/widget-page.ts')).toEqual([]);
  });

  it('lets preload import electron and shared/', async () => {
    const code = "import { contextBridge } from 'electron';\nimport { methodNames } from '../shared/contract';\nexport const used = [contextBridge, methodNames];\n";
    expect(await lint(code, 'preload/index.ts')).toEqual([]);
  });
});
