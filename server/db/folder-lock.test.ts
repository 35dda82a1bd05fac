import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileOf, lockFolder } from './folder-lock';

const folder = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'sb-folder-lock-')), 'pgdata');
const holder = (pid: number, hostname = os.hostname()) => JSON.stringify({ pid, hostname, since: '2026-01-01T00:00:00.000Z' });

describe('data folder lock', () => {
  it('holds a folder once: a second lock in the same process is refused until the first is released', async () => {
    const dir = folder();
    const lock = await lockFolder(dir);
    expect(JSON.parse(readFileSync(lockFileOf(dir), 'utf8'))).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    await expect(lockFolder(dir)).rejects.toThrow(`The data folder ${dir} is in use by another server (pid ${process.pid}`);
    await lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    await (await lockFolder(dir)).release();
  });

  it('takes over a lock whose process no longer runs on this machine', async () => {
    const dir = folder();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lockFileOf(dir), holder(gone));
    const lock = await lockFolder(dir);
    expect(JSON.parse(readFileSync(lockFileOf(dir), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('refuses a lock held from another machine and one it cannot read', async () => {
    const dir = folder();
    writeFileSync(lockFileOf(dir), holder(4242, 'other-host'));
    await expect(lockFolder(dir)).rejects.toThrow('pid 4242 on other-host');
    writeFileSync(lockFileOf(dir), '');
    await expect(lockFolder(dir)).rejects.toThrow('cannot be read');
  });
});
