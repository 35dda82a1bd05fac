import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import { pgliteDir } from '../../server/db/open-db';
import { lockFileOf } from '../../server/db/folder-lock';
import { seededDataDir } from '../support/databases';
import { freePort, ServerProcess } from '../support/server-process';

// One PGlite folder, one server: a second process on the same folder would keep its own copy of
// the database in memory and overwrite what the first acknowledged.

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stop();
});

async function serverOn(dataDir: string): Promise<ServerProcess> {
  const server = new ServerProcess(await freePort(), { SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: '' });
  running.push(server);
  return server;
}

describe('one server per PGlite data folder', () => {
  it('refuses a second server on a folder in use, naming the folder and the process holding it', async () => {
    // The first server runs in this process; the second is a real server process on the same folder.
    const dataDir = await seededDataDir('sb-lock-');
    const first = await startServer({ port: 0, dataDir });
    try {
      const second = await serverOn(dataDir);
      const refusal = await second.start().then(
        () => 'started',
        (err: Error) => err.message,
      );
      expect(refusal).toContain('Could not start the server');
      expect(refusal).toContain(pgliteDir(dataDir));
      expect(refusal).toContain(`pid ${process.pid}`);

      // The first keeps serving.
      expect((await fetch(`${first.url}/healthz`)).ok).toBe(true);
    } finally {
      await first.close();
    }

    // Once it stops cleanly the folder is free again.
    expect(existsSync(lockFileOf(pgliteDir(dataDir)))).toBe(false);
    const third = await startServer({ port: 0, dataDir });
    expect((await fetch(`${third.url}/healthz`)).ok).toBe(true);
    await third.close();
  }, 120_000);

  it('takes over the lock of a server that was killed', async () => {
    const dataDir = await seededDataDir('sb-lock-');
    const first = await serverOn(dataDir);
    await first.start();
    await first.kill();
    expect(existsSync(lockFileOf(pgliteDir(dataDir)))).toBe(true);

    const next = await startServer({ port: 0, dataDir });
    expect((await fetch(`${next.url}/healthz`)).ok).toBe(true);
    await next.close();
  }, 120_000);
});
