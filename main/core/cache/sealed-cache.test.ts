import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aContact, aConversation, aMessage } from '../testing/cache-fixtures';
import { CacheStore } from './cache-store';
import { FieldCipher } from './field-cipher';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openSealedCache } from './sealed-cache';
import { SqliteDb } from './sqlite';

const BODY = 'My card number is 6222 0000 1111 2222';
const DRAFT = '您好，退款已经在处理中';
const QUEUED = 'queued reply to 张伟';
const NAME = '张伟先生';
const PHONE = '+8613800138000';

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

function cachePath(): { folder: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'sb-sealed-'));
  folders.push(root);
  const folder = join(root, 'accounts', 'u1');
  return { folder, file: join(folder, 'cache.sqlite') };
}

/** What anyone who can read the files sees: the database and its write-ahead log, as bytes. */
function onDisk(file: string): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('\n');
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function writeThrough(store: CacheStore): Promise<void> {
  await store.db.write(async (tx) => {
    await store.putConversations(tx, [aConversation({ id: 'c1', seq: 2, contactName: NAME, lastMessagePreview: BODY })]);
    await store.putContacts(tx, [aContact({ id: 'k1', name: NAME, phone: PHONE })]);
    await store.putMessages(tx, [aMessage({ id: 'm1', seq: 1, conversationId: 'c1', body: BODY, senderName: NAME })]);
    await store.putDraft(tx, { conversationId: 'c1', body: DRAFT, updatedAt: '2026-12-01T10:00:00Z', reason: null });
    await store.addToOutbox(tx, { clientId: '018f0000-0000-7000-8000-000000000001', conversationId: 'c1', body: QUEUED, createdAt: '2026-12-01T10:00:00Z', state: 'queued', error: null, attempts: 0 });
  });
}

describe('the cache at rest', () => {
  it('is created readable by its owner only: folder 0700, file 0600', async () => {
    const { folder, file } = cachePath();
    const db = await openSealedCache(file, FieldCipher.random());
    await db.close();
    expect(mode(folder)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('takes an existing cache that others could read back to owner-only', async () => {
    const { folder, file } = cachePath();
    const cipher = FieldCipher.random();
    await (await openSealedCache(file, cipher)).close();
    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);
    await (await openSealedCache(file, cipher)).close();
    expect(mode(folder)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('keeps message bodies, names, phones, drafts and the outbox sealed on the disk, and reads them back', async () => {
    const { file } = cachePath();
    const cipher = FieldCipher.random();
    const store = new CacheStore(await openSealedCache(file, cipher), cipher);
    await writeThrough(store);
    for (const clear of [BODY, DRAFT, QUEUED, NAME, PHONE, '6222']) expect(onDisk(file)).not.toContain(clear);
    expect(onDisk(file)).toContain('c1');

    expect((await store.thread('c1')).map((m) => [m.body, m.senderName])).toEqual([[BODY, NAME]]);
    expect((await store.contact('k1'))?.phone).toBe(PHONE);
    expect((await store.draft('c1'))?.body).toBe(DRAFT);
    expect((await store.outbox()).map((o) => o.body)).toEqual([QUEUED]);
    expect(await store.conversation('c1')).toMatchObject({ contactName: NAME, lastMessagePreview: BODY });
    await store.db.close();

    // The next start, with the same key from the secret store, reads the same.
    const again = new CacheStore(await openSealedCache(file, cipher), cipher);
    expect((await again.draft('c1'))?.body).toBe(DRAFT);
    await again.db.close();
  });

  it('seals drafts and the outbox an older version wrote in clear, and drops the rest to sync again', async () => {
    const { folder, file } = cachePath();
    mkdirSync(folder, { recursive: true });
    const old = await SqliteDb.open(file);
    await migrate(old, migrations.slice(0, 6));
    await old.run(`INSERT INTO conversations (id, seq, last_message_at, data) VALUES ('c1', 3, '2026-11-21T10:00:00Z', ?)`, [
      JSON.stringify(aConversation({ id: 'c1', seq: 3, contactName: NAME })),
    ]);
    await old.run(`INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES ('m1', 'c1', 2, NULL, ?)`, [JSON.stringify(aMessage({ id: 'm1', seq: 2, conversationId: 'c1', body: BODY }))]);
    await old.run(`INSERT INTO drafts (conversation_id, body, updated_at) VALUES ('c1', ?, '2026-11-21T10:00:00Z')`, [DRAFT]);
    await old.run(
      `INSERT INTO outbox (client_id, conversation_id, body, created_at, state) VALUES ('018f0000-0000-7000-8000-000000000001', 'c1', ?, '2026-11-21T10:00:00Z', 'queued')`,
      [QUEUED],
    );
    await old.run(`INSERT INTO sync_state (key, value) VALUES ('cursor', '3')`);
    await old.close();
    expect(onDisk(file)).toContain(BODY);

    const cipher = FieldCipher.random();
    const store = new CacheStore(await openSealedCache(file, cipher), cipher);
    for (const clear of [BODY, DRAFT, QUEUED, NAME]) expect(onDisk(file)).not.toContain(clear);
    expect((await store.draft('c1'))?.body).toBe(DRAFT);
    expect((await store.outbox()).map((o) => o.body)).toEqual([QUEUED]);
    expect(await store.conversation('c1')).toMatchObject({ contactName: NAME });
    expect(await store.thread('c1')).toEqual([]);
    expect(await store.cursor()).toBe(0);
    await store.db.close();
  });

  it('drops a cache sealed with a key the secret store no longer has, and starts empty', async () => {
    const { file } = cachePath();
    const first = FieldCipher.random();
    const store = new CacheStore(await openSealedCache(file, first), first);
    await writeThrough(store);
    await store.db.close();

    const other = FieldCipher.random();
    const fresh = new CacheStore(await openSealedCache(file, other), other);
    expect(await fresh.inbox()).toEqual([]);
    expect(await fresh.draft('c1')).toBeNull();
    await writeThrough(fresh);
    expect((await fresh.draft('c1'))?.body).toBe(DRAFT);
    await fresh.db.close();
  });
});

describe('the cache key', () => {
  it('is made once and kept in the secret store', () => {
    const data = new Map<string, string>();
    const secrets = { get: (k: string) => data.get(k) ?? null, set: (k: string, v: string | null) => void (v === null ? data.delete(k) : data.set(k, v)) };
    const sealed = FieldCipher.fromSecrets(secrets).seal(BODY);
    expect(Buffer.from(data.get('cacheKey') ?? '', 'base64')).toHaveLength(32);
    expect(FieldCipher.fromSecrets(secrets).open(sealed)).toBe(BODY);
  });

  it('refuses a sealed value that was altered', () => {
    const cipher = FieldCipher.random();
    const sealed = cipher.seal(BODY);
    const altered = `${sealed.slice(0, -6)}${sealed.slice(-6, -5) === 'A' ? 'B' : 'A'}${sealed.slice(-5)}`;
    expect(() => cipher.open(altered)).toThrow();
    expect(() => FieldCipher.random().open(sealed)).toThrow();
  });
});
