import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the built widget's folder holds relative to the sources it is built from. */
export type WidgetBuildState = 'missing' | 'stale' | 'fresh';

/** The files the widget bundle is made of, relative to the repository root. */
export const widgetInputs = ['server/widget/index.html', 'server/widget/widget.css', 'server/widget/src', 'shared', 'build/widget.vite.config.ts', 'package-lock.json'];

/** The built page whose age stands for the whole build. */
export const widgetBuildMarker = 'out/widget/index.html';

/** The newest modification time under the given files and folders (tests excluded); 0 when none exist. */
export function newestModification(root: string, paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // An input that does not exist (yet) cannot make the build stale.
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/** Whether the widget must be built before the server can serve it. */
export function widgetBuildState(root: string): WidgetBuildState {
  let built: number;
  try {
    built = statSync(join(root, widgetBuildMarker)).mtimeMs;
  } catch {
    return 'missing';
  }
  return newestModification(root, widgetInputs) > built ? 'stale' : 'fresh';
}
