import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkShell, describeFindings } from './shell-check';

const repo = fileURLToPath(new URL('..', import.meta.url));
// Electronegativity parses every file of the shell; on a busy two-core machine that takes a while.
const scanTimeoutMs = 120_000;

/** A copy of the shell with one file rewritten, as a careless change would leave it. */
function shellWith(file: string, edit: (source: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'sb-shell-copy-'));
  for (const part of ['main', 'preload', 'renderer/index.html', 'renderer/src', 'package.json']) {
    cpSync(join(repo, part), join(root, part), { recursive: true });
  }
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
  return root;
}

describe('shell check (Electronegativity)', () => {
  it('finds no high-severity issue in the Electron shell and parses every file', { timeout: scanTimeoutMs }, async () => {
    const { high, unparsed } = await checkShell();
    expect(describeFindings(high)).toBe('');
    expect(unparsed).toEqual([]);
  });

  it('catches the main window losing context isolation and the app losing its navigation guard', { timeout: scanTimeoutMs }, async () => {
    const root = shellWith('main/window.ts', (source) => source.replace('contextIsolation: true', 'contextIsolation: false'));
    rmSync(join(root, 'main/navigation-guard.ts'));
    const { high } = await checkShell({ root });
    expect(high.map((finding) => finding.id).sort()).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']);
  });
});
