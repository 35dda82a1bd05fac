import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
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
    const dataDir = await seededDataDir('sb-lock-');
    const first = await serverOn(dataDir);
    await first.start();

    const second = await serverOn(dataDir);
    const refusal = await second.start().then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(refusal).toContain('Could not start the server');
    expect(refusal).toContain(pgliteDir(dataDir));
    expect(refusal).toContain(`pid ${first.pid}`);

    // The first keeps serving.
    expect((await fetch(`${first.url}/healthz`)).ok).toBe(true);

    // Once it stops cleanly the folder is free again.
    await first.stop();
    expect(existsSync(lockFileOf(pgliteDir(dataDir)))).toBe(false);
    const third = await serverOn(dataDir);
    await third.start();
    expect((await fetch(`${third.url}/healthz`)).ok).toBe(true);
  }, 120_000);

  it('takes over the lock of a server that was killed', async () => {
    const dataDir = await seededDataDir('sb-lock-');
    const first = await serverOn(dataDir);
    await first.start();
    await first.kill();
    expect(existsSync(lockFileOf(pgliteDir(dataDir)))).toBe(true);

    const next = await serverOn(dataDir);
    await next.start();
    expect((await fetch(`${next.url}/healthz`)).ok).toBe(true);
  }, 120_000);
});
