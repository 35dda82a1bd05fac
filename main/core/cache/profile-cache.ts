import type { ContactNote, CustomerProfile } from '../../../shared/contact-profile';
import type { Contact } from '../../../shared/domain';
import { maskContact, maskCustomerProfile } from '../../../shared/pii-mask';
import type { FieldCipher } from './field-cipher';
import type { SqliteDb } from './sqlite';

export type CachedProfile = { profile: CustomerProfile; savedAt: string };

/**
 * The last profile loaded for each customer (contact_profiles), for the profile panel offline.
 * Everything written here is masked first, whatever the role saw: clear values never reach the disk;
 * what remains (names, notes) is sealed with the cache's cipher.
 */
export class ProfileCache {
  constructor(
    private readonly db: SqliteDb,
    private readonly cipher: FieldCipher,
  ) {}

  async get(contactId: string): Promise<CachedProfile | null> {
    const row = await this.db.get<{ data: string; saved_at: string }>('SELECT data, saved_at FROM contact_profiles WHERE contact_id = ?', [
      contactId,
    ]);
    return row ? { profile: this.cipher.open<CustomerProfile>(JSON.parse(row.data)), savedAt: row.saved_at } : null;
  }

  /** Keeps the profile (masked) under the id asked for and the id it answered (a merged-away id leads to the kept one). */
  async put(requestedId: string, profile: CustomerProfile, savedAt: string): Promise<void> {
    const data = this.seal(maskCustomerProfile(profile));
    const ids = [...new Set([requestedId, profile.contact.id])];
    await this.db.write((tx) =>
      tx.runMany(
        `INSERT INTO contact_profiles (contact_id, saved_at, data) VALUES (?, ?, ?)
         ON CONFLICT (contact_id) DO UPDATE SET saved_at = excluded.saved_at, data = excluded.data`,
        ids.map((id) => [id, savedAt, data]),
      ),
    );
  }

  /** A changed contact (tags) also changes its cached profile; nothing happens when none is cached. */
  async updateContact(contact: Contact): Promise<void> {
    const cached = await this.get(contact.id);
    if (!cached) return;
    const profile = { ...cached.profile, contact: maskContact(contact) };
    await this.db.write((tx) =>
      tx.run('UPDATE contact_profiles SET data = ? WHERE contact_id = ?', [this.seal(profile), contact.id]),
    );
  }

  /** A note added from this desktop shows offline too. */
  async addNote(note: ContactNote): Promise<void> {
    const cached = await this.get(note.contactId);
    if (!cached) return;
    const profile = { ...cached.profile, notes: [note, ...cached.profile.notes.filter((n) => n.id !== note.id)] };
    await this.db.write((tx) =>
      tx.run('UPDATE contact_profiles SET data = ? WHERE contact_id = ?', [this.seal(profile), note.contactId]),
    );
  }

  /** The column holds JSON: the sealed profile as one JSON string. */
  private seal(profile: CustomerProfile): string {
    return JSON.stringify(this.cipher.seal(profile));
  }

  /** The server says this user may no longer see the customer: their profile goes. */
  async remove(contactId: string): Promise<void> {
    await this.db.write((tx) => tx.run('DELETE FROM contact_profiles WHERE contact_id = ?', [contactId]));
  }
}
