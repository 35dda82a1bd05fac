import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cacheRoot = path.join(os.tmpdir(), 'sb-pglite-templates');
/** Templates of other code are removed once they are this old (another checkout may still use a newer one). */
const STALE_MS = 6 * 60 * 60 * 1000;

/** What shapes the template databases: the server and shared code (migrations, seed), this folder's set-up, the packages. */
const SOURCES = ['server', 'shared'];
const FILES = ['package-lock.json', 'test/support/template-databases.ts'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(repo, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|json|sql)$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(repo, path.join(e.parentPath, e.name)))
    .sort();
}

/** A hash of every file the templates are made from: the same code finds the same templates. */
async function codeHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await Promise.all(SOURCES.map(sourceFiles))).flat(), ...FILES];
  for (const file of files) hash.update(file).update('\0').update(await readFile(path.join(repo, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function removeStale(keep: string): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) {
    if (name === keep) continue;
    const full = path.join(cacheRoot, name);
    const info = await stat(full).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(full, { recursive: true, force: true });
  }
}

/**
 * The PGlite templates (a new database, and one migrated and seeded) for the code as it is now:
 * made once and kept in the temp folder under a hash of the code they come from, so the
 * end-to-end stage (and the next run of unchanged code) copies them instead of spending seconds
 * on initdb, the migrations and the seed again. Made in a folder of their own and renamed into
 * place, so a run beside this one never sees half of them.
 */
export async function cachedPgliteTemplates(
  makeEmpty: () => Promise<string>,
  makeSeeded: (empty: string) => Promise<string>,
): Promise<{ pgliteEmptyDataDir: string; pgliteDataDir: string }> {
  const key = await codeHash();
  const dir = path.join(cacheRoot, key);
  const paths = { pgliteEmptyDataDir: path.join(dir, 'empty'), pgliteDataDir: path.join(dir, 'seeded') };
  await removeStale(key);
  if (await stat(paths.pgliteDataDir).catch(() => null)) {
    // In use: not stale for a checkout of other code that cleans up beside this one.
    await utimes(dir, new Date(), new Date());
    return paths;
  }

  await mkdir(cacheRoot, { recursive: true });
  const partial = path.join(cacheRoot, `${key}.${process.pid}.partial`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial);
  const empty = await makeEmpty();
  const seeded = await makeSeeded(empty);
  await rename(empty, path.join(partial, 'empty'));
  await rename(seeded, path.join(partial, 'seeded'));
  try {
    await rename(partial, dir);
  } catch {
    // Another run made them first: theirs are the same.
    await rm(partial, { recursive: true, force: true });
  }
  return paths;
}
