import { open, readFile, unlink } from 'node:fs/promises';
import os from 'node:os';

/** An exclusive hold on a data folder, given back with `release()`. */
export type FolderLock = { readonly file: string; release(): Promise<void> };

/** Who holds a folder, as written in its lock file. */
type Holder = { pid: number; hostname: string; since: string };

/** Lock files this process holds now: a lock naming our own pid but not in here is left from an earlier life. */
const heldHere = new Set<string>();

/** The lock file that guards `dir` (next to it, so nothing inside the database folder changes). */
export function lockFileOf(dir: string): string {
  return `${dir}.lock`;
}

/** Whether a process with `pid` runs on this machine (one we may not signal still runs). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 && typeof value.hostname === 'string') {
      return { pid: value.pid, hostname: value.hostname, since: typeof value.since === 'string' ? value.since : '?' };
    }
  } catch {
    // Not JSON: reported below as an unreadable lock.
  }
  return null;
}

/** Whether the holder is gone for sure: a process of this machine that no longer runs (or an earlier run of ours). */
function isStale(file: string, holder: Holder): boolean {
  if (holder.hostname !== os.hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(file);
  return !isAlive(holder.pid);
}

async function tryCreate(file: string): Promise<boolean> {
  let handle;
  try {
    // O_CREAT | O_EXCL: exactly one process creates the file.
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    const holder: Holder = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Takes the data folder `dir` for this process alone, or throws with the folder and the process
 * that holds it. A lock left by a process of this machine that no longer runs is taken over.
 */
export async function lockFolder(dir: string): Promise<FolderLock> {
  const file = lockFileOf(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(file)) {
      heldHere.add(file);
      let released = false;
      return {
        file,
        async release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          await unlink(file).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'ENOENT') throw err;
          });
        },
      };
    }
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) continue; // Released between our two steps: try again.
    const holder = parseHolder(text);
    if (!holder) {
      throw new Error(`The data folder ${dir} is locked by ${file}, which cannot be read; if no server runs on this folder, delete that file.`);
    }
    if (!isStale(file, holder)) {
      const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
      throw new Error(
        `The data folder ${dir} is in use by another server (pid ${holder.pid}${where}, since ${holder.since}). ` +
          `Stop that server or choose another folder with SWITCHBOARD_DATA_DIR; two servers on one folder lose data.`,
      );
    }
    await unlink(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  throw new Error(`Could not lock the data folder ${dir}: its lock file ${file} keeps changing.`);
}
