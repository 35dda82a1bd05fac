import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { flattenTagGroups, reconcileTagGroups, unionTagGroups, type TagGroups } from '../../../shared/tag-groups';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { recordAudit } from '../audit/audit-log';
import { getConversationView } from '../conversations/conversation-repository';
import type { ConversationChange } from '../conversations/message-change';

export type MergeReason = 'manual' | 'phone' | 'email';

/** What a merge moved from the merged contact to the kept one: exactly what an unmerge moves back. */
type Moved = {
  identities: { channelId: string; externalId: string }[];
  conversationIds: string[];
  orderIds: string[];
  /** `tagGroups` is absent on merges made before tags had groups (their tags come back as basic). */
  keptBefore: {
    phone: string | null; email: string | null; vipLevel: number; tags: string[]; tagGroups?: TagGroups;
    /** The kept contact's made-up name, when the merge gave it the other contact's real one. */
    generatedName?: string;
  };
};

export type MergeResult = { mergeId: string; keptId: string; mergedId: string; changes: ConversationChange[] };

type ContactLockRow = {
  id: string; account_id: string; name: string; name_generated: boolean; phone: string | null; email: string | null; vip_level: number;
  tags: unknown; tag_groups: unknown; merged_into: string | null;
};

async function lockContacts(tx: Queryable, accountId: string, ids: string[]): Promise<Map<string, ContactLockRow>> {
  // Always in id order, so two merges of the same pair cannot deadlock.
  const rows = await tx.query<ContactLockRow>(
    `SELECT id, account_id, name, name_generated, phone, email, vip_level, tags, tag_groups, merged_into FROM contacts
     WHERE id = ANY($1::text[]) AND account_id = $2 ORDER BY id FOR UPDATE`,
    [ids, accountId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const tagsOf = (value: unknown): string[] => {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
};

const groupsOf = (row: ContactLockRow): TagGroups =>
  reconcileTagGroups(tagsOf(row.tags), typeof row.tag_groups === 'string' ? (JSON.parse(row.tag_groups) as unknown) : row.tag_groups);

/** Gives each moved conversation a new sequence number, so every desktop hears its new contact. */
async function renumber(tx: Queryable, accountId: string, conversationIds: readonly string[]): Promise<ConversationChange[]> {
  const changes: ConversationChange[] = [];
  for (const id of conversationIds) {
    await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [id, await nextSeq(tx, accountId)]);
    const conversation = await getConversationView(tx, id);
    if (conversation) changes.push({ conversation, previousAssigneeId: conversation.assigneeId, created: true });
  }
  return changes;
}

/** Whether the two contacts were merged before and an agent took them apart: never merged again automatically. */
export async function wereUnmerged(tx: Queryable, a: string, b: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM contact_merges WHERE unmerged_at IS NOT NULL
       AND ((kept_contact_id = $1 AND merged_contact_id = $2) OR (kept_contact_id = $2 AND merged_contact_id = $1)) LIMIT 1`,
    [a, b],
  );
  return rows.length > 0;
}

/** The channels on which both contacts have an open conversation (a merge would leave two open ones). */
export async function openOnSameChannel(tx: Queryable, a: string, b: string): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT DISTINCT ch.name FROM conversations x JOIN conversations y ON y.channel_id = x.channel_id
     JOIN channels ch ON ch.id = x.channel_id
     WHERE x.contact_id = $1 AND y.contact_id = $2 AND x.status = 'open' AND y.status = 'open'`,
    [a, b],
  );
  return rows.map((r) => r.name);
}

/**
 * Merges `mergedId` into `keptId` inside the caller's transaction: the merged contact's identities,
 * conversations and orders move to the kept one, which takes its phone and email where it has
 * none, the higher VIP level and both sets of tags. The merged contact stays (pointing at the kept
 * one) so the merge can be undone. Audited. Refuses (409) when both have an open conversation on
 * the same channel: one of them has to be resolved first.
 */
export async function mergeContacts(
  tx: Queryable,
  m: { accountId: string; keptId: string; mergedId: string; reason: MergeReason; actorId: string | null },
): Promise<MergeResult> {
  if (m.keptId === m.mergedId) throw new AppError('bad_request', 'a contact cannot be merged into itself');
  const locked = await lockContacts(tx, m.accountId, [m.keptId, m.mergedId]);
  const kept = locked.get(m.keptId);
  const merged = locked.get(m.mergedId);
  if (!kept || !merged) throw new AppError('not_found', 'contact not found');
  if (kept.merged_into || merged.merged_into) throw new AppError('conflict', 'this contact was already merged into another one');
  const clash = await openOnSameChannel(tx, m.keptId, m.mergedId);
  if (clash.length > 0) {
    throw new AppError('conflict', `Both contacts have an open conversation on ${clash.join(', ')}; resolve one of them first.`, {
      channels: clash.join(','),
    });
  }
  const identities = await tx.query<{ channel_id: string; external_id: string }>(
    'UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2 RETURNING channel_id, external_id',
    [m.keptId, m.mergedId],
  );
  const conversations = await tx.query<{ id: string }>('UPDATE conversations SET contact_id = $1 WHERE contact_id = $2 RETURNING id', [
    m.keptId,
    m.mergedId,
  ]);
  const orders = await tx.query<{ id: string }>('UPDATE orders SET contact_id = $1 WHERE contact_id = $2 RETURNING id', [m.keptId, m.mergedId]);
  const keptTags = tagsOf(kept.tags);
  const keptGroups = groupsOf(kept);
  const groups = unionTagGroups(keptGroups, groupsOf(merged));
  const moved: Moved = {
    identities: identities.map((i) => ({ channelId: i.channel_id, externalId: i.external_id })),
    conversationIds: conversations.map((c) => c.id),
    orderIds: orders.map((o) => o.id),
    keptBefore: { phone: kept.phone, email: kept.email, vipLevel: Number(kept.vip_level), tags: keptTags, tagGroups: keptGroups },
  };
  // A made-up name gives way to the real one the other contact has (and comes back with an unmerge).
  const takesName = kept.name_generated && !merged.name_generated;
  if (takesName) moved.keptBefore.generatedName = kept.name;
  const name = takesName ? { name: merged.name, generated: false } : { name: kept.name, generated: kept.name_generated };
  await tx.query(
    `UPDATE contacts SET phone = COALESCE(phone, $2), email = COALESCE(email, $3), vip_level = GREATEST(vip_level, $4), tags = $5::jsonb,
       tag_groups = $6::jsonb, name = $7, name_generated = $8
     WHERE id = $1`,
    [m.keptId, merged.phone, merged.email, Number(merged.vip_level), JSON.stringify(flattenTagGroups(groups)), JSON.stringify(groups), name.name, name.generated],
  );
  await tx.query('UPDATE contacts SET merged_into = $2 WHERE id = $1', [m.mergedId, m.keptId]);
  const mergeId = randomUUID();
  await tx.query(
    `INSERT INTO contact_merges (id, account_id, kept_contact_id, merged_contact_id, reason, actor_id, moved)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [mergeId, m.accountId, m.keptId, m.mergedId, m.reason, m.actorId, JSON.stringify(moved)],
  );
  await recordAudit(tx, {
    accountId: m.accountId, actorId: m.actorId, action: 'contact.merge', targetType: 'contact', targetId: m.keptId,
    details: {
      mergeId, mergedContactId: m.mergedId, reason: m.reason, automatic: m.actorId === null,
      identities: moved.identities.length, conversations: moved.conversationIds.length,
    },
  });
  const changes = await renumber(tx, m.accountId, moved.conversationIds);
  return { mergeId, keptId: m.keptId, mergedId: m.mergedId, changes };
}

type MergeRow = { id: string; account_id: string; kept_contact_id: string; merged_contact_id: string; moved: unknown; unmerged_at: unknown };

/**
 * Undoes a merge inside the caller's transaction: the identities it moved go back, with the
 * conversations and orders it moved and any conversation opened since on a channel where only
 * those identities reach the customer; the kept contact gets its phone, email, VIP level and tags
 * back. The two are not merged automatically again. Audited.
 */
export async function unmergeContacts(tx: Queryable, u: { accountId: string; mergeId: string; actorId: string }): Promise<MergeResult> {
  const rows = await tx.query<MergeRow>(
    'SELECT id, account_id, kept_contact_id, merged_contact_id, moved, unmerged_at FROM contact_merges WHERE id = $1 FOR UPDATE',
    [u.mergeId],
  );
  const merge = rows[0];
  if (!merge || merge.account_id !== u.accountId) throw new AppError('not_found', 'no such merge');
  if (merge.unmerged_at !== null) throw new AppError('conflict', 'this merge was undone already');
  const keptId = merge.kept_contact_id;
  const mergedId = merge.merged_contact_id;
  const locked = await lockContacts(tx, u.accountId, [keptId, mergedId]);
  const merged = locked.get(mergedId);
  if (!merged || merged.merged_into !== keptId) throw new AppError('conflict', 'the contacts changed since; this merge cannot be undone');
  const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as Moved;

  const identityChannels = new Set<string>();
  for (const identity of moved.identities) {
    const back = await tx.query<{ channel_id: string }>(
      'UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2 AND channel_id = $3 AND external_id = $4 RETURNING channel_id',
      [mergedId, keptId, identity.channelId, identity.externalId],
    );
    if (back[0]) identityChannels.add(back[0].channel_id);
  }
  // Channels where the kept contact has no identity of its own: what arrived there since is the merged contact's.
  const keptChannels = new Set(
    (await tx.query<{ channel_id: string }>('SELECT DISTINCT channel_id FROM contact_identities WHERE contact_id = $1', [keptId])).map((r) => r.channel_id),
  );
  const onlyTheirs = [...identityChannels].filter((c) => !keptChannels.has(c));
  const conversations = await tx.query<{ id: string }>(
    `UPDATE conversations SET contact_id = $1
     WHERE contact_id = $2 AND (id = ANY($3::text[]) OR channel_id = ANY($4::text[])) RETURNING id`,
    [mergedId, keptId, moved.conversationIds, onlyTheirs],
  );
  await tx.query('UPDATE orders SET contact_id = $1 WHERE contact_id = $2 AND id = ANY($3::text[])', [mergedId, keptId, moved.orderIds]);
  const before = moved.keptBefore;
  const beforeGroups = before.tagGroups ?? reconcileTagGroups(before.tags, null);
  await tx.query('UPDATE contacts SET phone = $2, email = $3, vip_level = $4, tags = $5::jsonb, tag_groups = $6::jsonb WHERE id = $1', [
    keptId, before.phone, before.email, before.vipLevel, JSON.stringify(flattenTagGroups(beforeGroups)), JSON.stringify(beforeGroups),
  ]);
  // The name the merge gave goes back to the made-up one, unless someone renamed the contact since.
  if (before.generatedName !== undefined) {
    await tx.query('UPDATE contacts SET name = $2, name_generated = true WHERE id = $1 AND name = $3 AND NOT name_generated', [
      keptId, before.generatedName, merged.name,
    ]);
  }
  await tx.query('UPDATE contacts SET merged_into = NULL WHERE id = $1', [mergedId]);
  await tx.query('UPDATE contact_merges SET unmerged_at = now(), unmerged_by = $2 WHERE id = $1', [u.mergeId, u.actorId]);
  await recordAudit(tx, {
    accountId: u.accountId, actorId: u.actorId, action: 'contact.unmerge', targetType: 'contact', targetId: keptId,
    details: { mergeId: u.mergeId, mergedContactId: mergedId, conversations: conversations.length },
  });
  const changes = await renumber(tx, u.accountId, conversations.map((c) => c.id));
  return { mergeId: u.mergeId, keptId, mergedId, changes };
}
