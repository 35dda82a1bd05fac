import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable the `electron` package would run, or null when it is not installed.
 * Reads the package's own path.txt (and honours ELECTRON_OVERRIDE_DIST_PATH like the package does)
 * instead of requiring it: requiring `electron` from Node starts a download when the binary is
 * missing.
 */
export function locateElectronBinary(electronPackageDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  let relative: string | null = null;
  try {
    relative = readFileSync(join(electronPackageDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    relative = null;
  }
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(electronPackageDir, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
