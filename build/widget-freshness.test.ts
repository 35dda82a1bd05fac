import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { widgetBuildMarker, widgetBuildState } from './widget-freshness';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes a file dated `minutesAgo` minutes before now. */
function fileAt(base: string, path: string, minutesAgo: number): void {
  const full = join(base, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, path);
  const when = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(full, when, when);
}

describe('the widget build', () => {
  it('is missing until the page was built', () => {
    root = mkdtempSync(join(tmpdir(), 'widget-build-'));
    fileAt(root, 'server/widget/src/main.ts', 10);
    expect(widgetBuildState(root)).toBe('missing');
  });

  it('is fresh when built after every source, tests aside', () => {
    root = mkdtempSync(join(tmpdir(), 'widget-build-'));
    fileAt(root, 'server/widget/src/main.ts', 10);
    fileAt(root, 'shared/protocol.ts', 9);
    fileAt(root, widgetBuildMarker, 5);
    fileAt(root, 'server/widget/src/main.test.ts', 1);
    expect(widgetBuildState(root)).toBe('fresh');
  });

  it('is stale when a widget or shared source changed since', () => {
    root = mkdtempSync(join(tmpdir(), 'widget-build-'));
    fileAt(root, 'server/widget/src/main.ts', 10);
    fileAt(root, widgetBuildMarker, 5);
    fileAt(root, 'shared/i18n/widget-en.ts', 1);
    expect(widgetBuildState(root)).toBe('stale');
  });
});
