import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { ConversationChange } from '../conversations/message-change';
import { displayPhone, emailKey, phoneKey } from './contact-keys';
import { contactNameFrom } from './contact-name';
import { canonicalContactId } from './contact-repository';
import { mergeContacts, openOnSameChannel, wereUnmerged } from './contact-merge';

/**
 * Someone writing on a channel: the platform's id for them there, the name it gives, and only what
 * the platform verified (WhatsApp's number, a Telegram contact the user shared as their own, a
 * signed widget identity, a shop's app). Never pass a number or address the customer just typed.
 */
export type IdentityInput = {
  accountId: string;
  channelId: string;
  externalId: string;
  name: string | null;
  /** What to call a new contact when the platform gave no name (default: the external id); marked as made up. */
  standInName?: string;
  verifiedPhone?: string | null;
  verifiedEmail?: string | null;
};

export type IdentityResult = {
  contactId: string;
  /** A new contact was made for this identity. */
  created: boolean;
  /** Conversations that moved to another contact by an automatic merge: to publish. */
  changes: ConversationChange[];
};

type IdentityRow = { contact_id: string; phone: string | null; email: string | null; display_name: string | null };

/** Contacts of the account (not merged away) with this phone or email key (contact-keys.ts), oldest first. */
export async function contactsMatching(tx: Queryable, accountId: string, phone: string | null, email: string | null): Promise<{ id: string; reason: 'phone' | 'email' }[]> {
  if (!phone && !email) return [];
  const rows = await tx.query<{ id: string; by_phone: boolean }>(
    `SELECT c.id, bool_or(match_phone) AS by_phone FROM (
       SELECT c.id, c.created_at, ($2::text IS NOT NULL AND regexp_replace(c.phone, '[^0-9]', '', 'g') = $2) AS match_phone
       FROM contacts c WHERE c.account_id = $1 AND c.merged_into IS NULL
         AND (($2::text IS NOT NULL AND c.phone IS NOT NULL AND regexp_replace(c.phone, '[^0-9]', '', 'g') = $2)
           OR ($3::text IS NOT NULL AND c.email IS NOT NULL AND lower(c.email) = $3))
       UNION ALL
       SELECT c.id, c.created_at, ($2::text IS NOT NULL AND i.phone = $2) AS match_phone
       FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
       WHERE c.account_id = $1 AND c.merged_into IS NULL
         AND (($2::text IS NOT NULL AND i.phone = $2) OR ($3::text IS NOT NULL AND i.email = $3))
     ) c GROUP BY c.id, c.created_at ORDER BY c.created_at, c.id`,
    [accountId, phone, email],
  );
  return rows.map((r) => ({ id: r.id, reason: r.by_phone ? 'phone' : 'email' }));
}

/**
 * The contact a message from this identity belongs to. A known identity keeps its contact; a new
 * one joins the contact that already has its verified phone or email, or gets a new contact. When
 * a known identity brings a verified phone or email another contact has, the two contacts merge
 * (the older one stays) unless an agent took them apart before or both have an open conversation
 * on the same channel. Every automatic link and merge is audited.
 */
export async function resolveIdentity(db: Db, input: IdentityInput): Promise<IdentityResult> {
  try {
    return await db.transaction((tx) => resolveInTransaction(tx, input));
  } catch (err) {
    // Two first messages from the same person raced: the other one created the identity.
    if (isIdentityConflict(err)) return db.transaction((tx) => resolveInTransaction(tx, input));
    throw err;
  }
}

function isIdentityConflict(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return !!e && e.code === '23505' && String(e.constraint ?? e.message ?? '').includes('contact_identities');
}

async function resolveInTransaction(tx: Queryable, input: IdentityInput): Promise<IdentityResult> {
  const phone = phoneKey(input.verifiedPhone);
  const email = emailKey(input.verifiedEmail);
  const found = await tx.query<IdentityRow>(
    'SELECT contact_id, phone, email, display_name FROM contact_identities WHERE channel_id = $1 AND external_id = $2',
    [input.channelId, input.externalId],
  );
  const known = found[0];
  if (known) {
    const contactId = await canonicalContactId(tx, known.contact_id);
    const newPhone = phone && phone !== known.phone ? phone : null;
    const newEmail = email && email !== known.email ? email : null;
    if (newPhone || newEmail || (input.name && input.name !== known.display_name)) {
      await tx.query(
        `UPDATE contact_identities SET phone = COALESCE($3, phone), email = COALESCE($4, email), display_name = COALESCE($5, display_name)
         WHERE channel_id = $1 AND external_id = $2`,
        [input.channelId, input.externalId, newPhone, newEmail, input.name],
      );
    }
    // A contact known only by a made-up name takes the first real one its platform gives.
    const given = contactNameFrom(input.name, () => '');
    if (!given.generated) {
      await tx.query('UPDATE contacts SET name = $2, name_generated = false WHERE id = $1 AND name_generated', [contactId, given.name]);
    }
    if (!newPhone && !newEmail) return { contactId, created: false, changes: [] };
    await fillContact(tx, contactId, newPhone, newEmail);
    return mergeMatches(tx, input.accountId, contactId, newPhone, newEmail);
  }

  const matches = await contactsMatching(tx, input.accountId, phone, email);
  const owner = matches[0];
  if (owner) {
    await insertIdentity(tx, owner.id, input, phone, email);
    await fillContact(tx, owner.id, phone, email);
    await recordAudit(tx, {
      accountId: input.accountId, actorId: null, action: 'contact.identity_linked', targetType: 'contact', targetId: owner.id,
      details: { channelId: input.channelId, externalId: input.externalId, reason: owner.reason, automatic: true },
    });
    return { contactId: owner.id, created: false, changes: [] };
  }
  const contactId = randomUUID();
  const name = contactNameFrom(input.name, () => input.standInName ?? input.externalId);
  await tx.query('INSERT INTO contacts (id, account_id, name, name_generated, phone, email) VALUES ($1, $2, $3, $4, $5, $6)', [
    contactId, input.accountId, name.name, name.generated, phone ? displayPhone(phone) : null, email,
  ]);
  await insertIdentity(tx, contactId, input, phone, email);
  return { contactId, created: true, changes: [] };
}

async function insertIdentity(tx: Queryable, contactId: string, input: IdentityInput, phone: string | null, email: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO contact_identities (contact_id, channel_id, external_id, display_name, phone, email) VALUES ($1, $2, $3, $4, $5, $6)`,
    [contactId, input.channelId, input.externalId, input.name, phone, email],
  );
}

/** A verified phone or email becomes the contact's own where it has none yet. */
async function fillContact(tx: Queryable, contactId: string, phone: string | null, email: string | null): Promise<void> {
  if (!phone && !email) return;
  await tx.query('UPDATE contacts SET phone = COALESCE(phone, $2), email = COALESCE(email, $3) WHERE id = $1', [
    contactId, phone ? displayPhone(phone) : null, email,
  ]);
}

/** Merges this contact with the others that have its verified phone or email, the oldest staying. */
async function mergeMatches(tx: Queryable, accountId: string, contactId: string, phone: string | null, email: string | null): Promise<IdentityResult> {
  const others = (await contactsMatching(tx, accountId, phone, email)).filter((m) => m.id !== contactId);
  if (others.length === 0) return { contactId, created: false, changes: [] };
  const reasonOf = (id: string) => others.find((m) => m.id === id)?.reason ?? 'phone';
  const order = await tx.query<{ id: string }>('SELECT id FROM contacts WHERE id = ANY($1::text[]) ORDER BY created_at, id', [
    [contactId, ...others.map((m) => m.id)],
  ]);
  const mayMerge = async (a: string, b: string) => !(await wereUnmerged(tx, a, b)) && (await openOnSameChannel(tx, a, b)).length === 0;
  const changes: ConversationChange[] = [];
  if (order[0]!.id === contactId) {
    // This contact is the oldest: the others join it.
    for (const other of others) {
      if (!(await mayMerge(contactId, other.id))) continue;
      const result = await mergeContacts(tx, { accountId, keptId: contactId, mergedId: other.id, reason: other.reason, actorId: null });
      changes.push(...result.changes);
    }
    return { contactId, created: false, changes };
  }
  // This contact joins the oldest one it may join.
  for (const { id } of order) {
    if (id === contactId || !(await mayMerge(id, contactId))) continue;
    const result = await mergeContacts(tx, { accountId, keptId: id, mergedId: contactId, reason: reasonOf(id), actorId: null });
    return { contactId: id, created: false, changes: result.changes };
  }
  return { contactId, created: false, changes };
}
