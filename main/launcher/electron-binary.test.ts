import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateElectronBinary } from './electron-binary';

const folders: string[] = [];
function electronPackage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-electron-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('locating the Electron binary', () => {
  it('is null when the download was skipped (no path.txt, no dist)', () => {
    expect(locateElectronBinary(electronPackage({ 'package.json': '{}' }), {})).toBeNull();
  });

  it('is null when path.txt names a file that is not there', () => {
    expect(locateElectronBinary(electronPackage({ 'path.txt': 'electron' }), {})).toBeNull();
  });

  it('finds the binary path.txt names under dist/', () => {
    const dir = electronPackage({ 'path.txt': 'electron', 'dist/electron': '' });
    expect(locateElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = electronPackage({ 'path.txt': 'electron', 'custom/electron': '' });
    expect(locateElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'custom') })).toBe(
      join(dir, 'custom', 'electron'),
    );
  });
});
