import { generateKeyPairSync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveUpdateFeed } from './update-feed';
import { signUpdateFile } from './update-signature';
import { startUpdates, type UpdaterLike } from './updates';

const release = generateKeyPairSync('ed25519');
const releasePublicKey = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const stranger = generateKeyPairSync('ed25519');

/** electron-updater's autoUpdater as far as the shell sees it: settings, a feed, events. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  disableWebInstaller = false;
  feeds: unknown[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.checks += 1;
    return null;
  }
  quitAndInstall() {
    this.installs += 1;
  }
}

/** A downloaded update file and the feed serving its signature. */
async function downloaded(content: string, signedBy: typeof release | null, signedContent = content) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-update-'));
  const file = join(dir, 'Switchboard-1.2.0.AppImage');
  writeFileSync(file, signedContent);
  const signature = signedBy ? await signUpdateFile(file, signedBy.privateKey) : null;
  writeFileSync(file, content);
  const fetched: string[] = [];
  const fetchText = async (url: string) => {
    fetched.push(url);
    if (signature === null) throw new Error('404 Not Found');
    return signature;
  };
  return { file, fetchText, fetched };
}

function setup(fetchText: (url: string) => Promise<string>, answer = true, feedOverride?: string) {
  const updater = new FakeUpdater();
  const asked: string[] = [];
  const logged: string[] = [];
  const updates = startUpdates({
    updater,
    feed: resolveUpdateFeed(feedOverride, 'https://updates.example.com/desktop/'),
    publicKey: releasePublicKey,
    fetchText,
    confirmRestart: async (version) => {
      asked.push(version);
      return answer;
    },
    log: (message) => logged.push(message),
  });
  return { updater, updates, asked, logged };
}

describe('updates', () => {
  it('never installs on quit by itself and reads the feed it was given', async () => {
    const { updater, updates } = setup(async () => '', true, 'https://mirror.example.org/sb');
    expect(updates.enabled).toBe(true);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://mirror.example.org/sb' }]);
    expect([updater.autoInstallOnAppQuit, updater.allowDowngrade, updater.disableWebInstaller]).toEqual([false, false, true]);
    if (updates.enabled) await updates.check();
    expect(updater.checks).toBe(1);
  });

  it('installs a release-signed update only after the person agrees to restart', async () => {
    const { file, fetchText, fetched } = await downloaded('new build', release);
    const { updater, updates, asked } = setup(fetchText);
    updater.emit('update-downloaded', { version: '1.2.0', downloadedFile: file });
    await expect.poll(() => updater.installs).toBe(1);
    expect(asked).toEqual(['1.2.0']);
    expect(fetched).toEqual(['https://updates.example.com/desktop/Switchboard-1.2.0.AppImage.sig']);
    expect(updates.enabled && updates.outcomes).toEqual([{ kind: 'installing', version: '1.2.0' }]);
  });

  it('waits when the person says later', async () => {
    const { file, fetchText } = await downloaded('new build', release);
    const { updater, updates } = setup(fetchText, false);
    updater.emit('update-downloaded', { version: '1.2.0', downloadedFile: file });
    await expect.poll(() => updates.enabled && updates.outcomes.length).toBe(1);
    expect(updater.installs).toBe(0);
  });

  it.each([
    ['a file changed after signing', 'tampered build', release, 'new build', 'bad_signature'],
    ['a file signed by another key', 'new build', stranger, 'new build', 'bad_signature'],
    ['a file without a signature', 'new build', null, 'new build', 'unsigned'],
  ] as const)('refuses %s without asking or installing', async (_label, content, signer, signedContent, reason) => {
    const { file, fetchText } = await downloaded(content, signer, signedContent);
    const { updater, updates, asked, logged } = setup(fetchText);
    updater.emit('update-downloaded', { version: '1.2.0', downloadedFile: file });
    await expect.poll(() => updates.enabled && updates.outcomes).toEqual([{ kind: 'refused', version: '1.2.0', reason }]);
    expect([updater.installs, asked.length]).toEqual([0, 0]);
    expect(logged.join('\n')).toContain('Update 1.2.0 refused');
  });

  it('refuses a garbled signature', async () => {
    const { file } = await downloaded('new build', release);
    const { updater, updates } = setup(async () => 'not a signature');
    updater.emit('update-downloaded', { version: '1.2.0', downloadedFile: file });
    await expect.poll(() => updates.enabled && updates.outcomes[0]?.kind).toBe('refused');
    expect(updater.installs).toBe(0);
  });

  it('does not start on a cleartext feed, except one on this machine', () => {
    const remote = setup(async () => '', true, 'http://updates.example.com/desktop');
    expect(remote.updates).toEqual({ enabled: false, reason: expect.stringContaining('https://') });
    expect([remote.updater.feeds, remote.updater.checks]).toEqual([[], 0]);
    expect(setup(async () => '', true, 'http://127.0.0.1:8080/feed').updates.enabled).toBe(true);
    expect(setup(async () => '', true, 'http://localhost:8080/feed').updates.enabled).toBe(true);
    expect(setup(async () => '', true, 'http://127.0.0.1.evil.example/feed').updates.enabled).toBe(false);
    expect(setup(async () => '', true, 'ftp://updates.example.com/').updates.enabled).toBe(false);
    expect(setup(async () => '', true, 'https://user:pw@updates.example.com/').updates.enabled).toBe(false);
  });

  it('stays off without a release key, or with a key that is not Ed25519', () => {
    const updater = new FakeUpdater();
    const base = {
      updater,
      feed: resolveUpdateFeed(undefined),
      fetchText: async () => '',
      confirmRestart: async () => true,
      log: () => {},
    };
    expect(startUpdates({ ...base, publicKey: null }).enabled).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(startUpdates({ ...base, publicKey: rsa }).enabled).toBe(false);
    expect(startUpdates({ ...base, publicKey: 'garbage' }).enabled).toBe(false);
    expect(updater.feeds).toEqual([]);
  });
});
