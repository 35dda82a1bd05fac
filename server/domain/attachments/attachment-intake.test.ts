import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngOfSize, PNG_1X1 } from '../../../test/support/sample-files';
import type { Db } from '../../db/db';
import { openDb } from '../../db/open-db';
import { getMessageView } from '../conversations/message-repository';
import { sendContactMessage } from '../conversations/send-contact-message';
import { EventBus, type DomainEventOf } from '../events';
import { SensitiveWordCache } from '../sensitive/sensitive-screen';
import { AttachmentIntake } from './attachment-intake';
import { accountUsage, attachmentsOfMessage } from './attachment-repository';
import { LocalAttachmentStore } from './local-attachment-store';

let db: Db;
let root: string;

// One migrated in-memory database for the file; each test has its own account.
beforeAll(async () => {
  db = await openDb({});
  root = await mkdtemp(join(tmpdir(), 'sb-intake-'));
}, 120_000);

afterAll(async () => {
  await db?.close();
  await rm(root, { recursive: true, force: true });
});

/** A new account with a WhatsApp channel and a customer, and an intake with these limits over a fresh folder. */
async function account(limits: { maxFileBytes: number; accountQuotaBytes: number }) {
  const accountId = randomUUID();
  const channelId = randomUUID();
  const contactId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Shop']);
  await db.query(`INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'whatsapp', 'WhatsApp')`, [channelId, accountId]);
  await db.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [contactId, accountId, 'Carl']);
  const errors: unknown[] = [];
  const events = new EventBus((err) => errors.push(err));
  const pushed: DomainEventOf<'attachment.changed'>[] = [];
  events.on('attachment.changed', (e) => void pushed.push(e));
  const store = new LocalAttachmentStore(join(root, accountId));
  const intake = new AttachmentIntake({ db, store, events, clock: Date.now, logError: (err) => errors.push(err), limits });
  /** A customer's photo: the message and its pending file row, then the bytes through the intake. */
  const photo = async (bytes: Buffer) => {
    const change = await sendContactMessage(
      db, { accountId, channelId, contactId },
      { clientId: randomUUID(), body: '[Photo]', attachment: { kind: 'image', mediaId: 'm', url: null, mimeType: 'image/jpeg', fileName: null, size: null, caption: null, latitude: null, longitude: null, label: null },
        files: [{ kind: 'image', fileName: null, source: { kind: 'platform', mediaId: randomUUID() } }] },
      new SensitiveWordCache(() => undefined),
    );
    const [row] = await attachmentsOfMessage(db, change.message.id);
    const state = await intake.store(row!, bytes);
    return { state, messageId: change.message.id, row: (await attachmentsOfMessage(db, change.message.id))[0]! };
  };
  return { accountId, intake, store, photo, pushed, errors };
}

describe('taking customer files into the store', () => {
  it('stores a file once however often it is sent, and counts it once against the quota', async () => {
    const a = await account({ maxFileBytes: 10_000, accountQuotaBytes: 1_000 });
    const bytes = pngOfSize(600);
    const first = await a.photo(bytes);
    const again = await a.photo(bytes);
    expect([first.state, again.state]).toEqual(['ready', 'ready']);
    expect(again.row).toMatchObject({ sha256: first.row.sha256, size: 600, mimeType: 'image/png' });
    expect(await accountUsage(db, a.accountId)).toBe(600);
    // The message shows the stored file: its id, state and the type its bytes have (not the platform's image/jpeg).
    const view = await getMessageView(db, first.messageId);
    expect(view?.attachment).toMatchObject({ fileId: first.row.id, state: 'ready', mimeType: 'image/png', size: 600 });
    expect(a.pushed.map((e) => e.push.attachment.state)).toEqual(['ready', 'ready']);
  });

  it('refuses a new file beyond the account quota: nothing stored, the message kept with the state over_quota', async () => {
    const a = await account({ maxFileBytes: 10_000, accountQuotaBytes: 1_000 });
    expect((await a.photo(pngOfSize(700))).state).toBe('ready');
    const over = await a.photo(pngOfSize(400));
    expect(over.state).toBe('over_quota');
    expect(over.row).toMatchObject({ state: 'over_quota', sha256: null, size: 400 });
    expect(over.row.error).toMatch(/full/);
    expect(await a.store.has(createHash('sha256').update(pngOfSize(400)).digest('hex'))).toBe(false);
    expect(await accountUsage(db, a.accountId)).toBe(700);
    const view = await getMessageView(db, over.messageId);
    expect(view).toMatchObject({ body: '[Photo]', attachment: { state: 'over_quota', fileId: over.row.id } });
    // A file that fits what is left is still taken.
    expect((await a.photo(pngOfSize(300))).state).toBe('ready');
  });

  it('refuses a file larger than one file may be, keeping nothing of it', async () => {
    const a = await account({ maxFileBytes: 1_000, accountQuotaBytes: 1_000_000 });
    const big = await a.photo(pngOfSize(1_500));
    expect(big.state).toBe('too_large');
    expect(big.row).toMatchObject({ state: 'too_large', sha256: null });
    expect(await accountUsage(db, a.accountId)).toBe(0);
    expect((await a.photo(PNG_1X1)).state).toBe('ready');
    expect(a.errors).toEqual([]);
  });
});
