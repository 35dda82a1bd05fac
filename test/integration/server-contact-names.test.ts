import { describe, expect, it } from 'vitest';
import { resolveIdentity } from '../../server/domain/contacts/contact-identities';
import { mergeContacts, unmergeContacts } from '../../server/domain/contacts/contact-merge';
import { serverForFile } from '../support/server-for-file';

// Where contacts get their names: the one rule every channel follows, on the real database.
describe('contact names', () => {
  const file = serverForFile();

  async function channel() {
    const [row] = await file.server.db.query<{ id: string; account_id: string }>("SELECT id, account_id FROM channels WHERE kind = 'widget' LIMIT 1");
    return row!;
  }
  const stored = async (contactId: string) =>
    (await file.server.db.query<{ name: string; name_generated: boolean }>('SELECT name, name_generated FROM contacts WHERE id = $1', [contactId]))[0];

  it('a customer whose platform gave no name is marked as made up, and takes the first real name it gives later', async () => {
    const { id: channelId, account_id: accountId } = await channel();
    const first = await resolveIdentity(file.server.db, { accountId, channelId, externalId: 'ext-8613900000001', name: '  ' });
    expect(first.created).toBe(true);
    expect(await stored(first.contactId)).toEqual({ name: 'ext-8613900000001', name_generated: true });

    const named = await resolveIdentity(file.server.db, { accountId, channelId, externalId: 'ext-8613900000001', name: '王五' });
    expect(named.contactId).toBe(first.contactId);
    expect(await stored(first.contactId)).toEqual({ name: '王五', name_generated: false });

    // A real name is never replaced by whatever the platform says next: agents may have set it.
    await resolveIdentity(file.server.db, { accountId, channelId, externalId: 'ext-8613900000001', name: 'wangwu_88' });
    expect(await stored(first.contactId)).toEqual({ name: '王五', name_generated: false });
  });

  it('a customer whose platform gave a name keeps it, not marked', async () => {
    const { id: channelId, account_id: accountId } = await channel();
    const { contactId } = await resolveIdentity(file.server.db, { accountId, channelId, externalId: 'ext-named', name: ' Sarah Johnson ' });
    expect(await stored(contactId)).toEqual({ name: 'Sarah Johnson', name_generated: false });
  });

  it('a merge gives a contact known by a made-up name the real name of the other, and an unmerge takes it back', async () => {
    const { id: channelId, account_id: accountId } = await channel();
    const db = file.server.db;
    const visitor = await resolveIdentity(db, { accountId, channelId, externalId: 'ext-merge-visitor', name: null, standInName: 'Visitor 4321' });
    const named = await resolveIdentity(db, { accountId, channelId, externalId: 'ext-merge-named', name: '周杰' });
    expect(await stored(visitor.contactId)).toEqual({ name: 'Visitor 4321', name_generated: true });

    const { mergeId } = await db.transaction((tx) => mergeContacts(tx, { accountId, keptId: visitor.contactId, mergedId: named.contactId, reason: 'manual', actorId: null }));
    expect(await stored(visitor.contactId)).toEqual({ name: '周杰', name_generated: false });

    const [admin] = await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND account_id = $1 LIMIT 1", [accountId]);
    await db.transaction((tx) => unmergeContacts(tx, { accountId, mergeId, actorId: admin!.id }));
    expect(await stored(visitor.contactId)).toEqual({ name: 'Visitor 4321', name_generated: true });
    expect(await stored(named.contactId)).toEqual({ name: '周杰', name_generated: false });
  });
});
