import type { ChannelKind } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ContactProfile } from '../../../shared/contact-profile';
import { maskContactProfile, seesPii } from '../../../shared/pii-mask';
import type { Queryable } from '../../db/db';
import { getConversationView, toConversation, toIso } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { canRead, type Viewer } from '../conversations/permissions';
import { canonicalContactId, getContacts, getVisibleContacts } from './contact-repository';

/** Refuses (404) a contact the viewer may not see: supervisors and admins any, agents the customers of conversations they may read. */
export async function assertVisibleContact(db: Queryable, viewer: Viewer, contactId: string): Promise<void> {
  const visible = await getVisibleContacts(db, viewer, [contactId]);
  if (visible.length === 0) throw new AppError('not_found', 'contact not found');
}

/**
 * A contact's profile for `viewer` (a merged-away id shows the contact it was merged into), with
 * phones and emails masked unless the viewer's role sees them.
 */
export async function contactProfile(db: Queryable, viewer: Viewer, requestedId: string): Promise<ContactProfile> {
  const profile = await clearContactProfile(db, viewer, requestedId);
  return seesPii(viewer.role) ? profile : maskContactProfile(profile);
}

/** The profile with every value in clear: for the server's own use (reveals), never for a client as is. */
export async function clearContactProfile(db: Queryable, viewer: Viewer, requestedId: string): Promise<ContactProfile> {
  const contactId = await canonicalContactId(db, requestedId);
  await assertVisibleContact(db, viewer, contactId);
  const [contact] = await getContacts(db, viewer.accountId, [contactId]);
  if (!contact) throw new AppError('not_found', 'contact not found');

  const identities = await db.query<{
    id: number | string; channel_id: string; kind: ChannelKind; name: string; external_id: string; display_name: string | null; phone: string | null; email: string | null;
  }>(
    `SELECT i.id, i.channel_id, ch.kind, ch.name, i.external_id, i.display_name, i.phone, i.email
     FROM contact_identities i JOIN channels ch ON ch.id = i.channel_id
     WHERE i.contact_id = $1 ORDER BY i.created_at, ch.kind, i.external_id`,
    [contactId],
  );
  const conversationIds = await db.query<{ id: string }>(
    'SELECT id FROM conversations WHERE contact_id = $1 ORDER BY last_message_at DESC, id',
    [contactId],
  );
  const conversations: ContactProfile['conversations'] = [];
  const member = await loadMember(db, viewer);
  for (const { id } of conversationIds) {
    const view = await getConversationView(db, id);
    if (!view) continue;
    const readable = canRead(member, view);
    const conversation = toConversation(view);
    conversations.push(readable ? { ...conversation, readable } : { ...conversation, lastMessagePreview: '', summary: null, readable });
  }
  const merges = await db.query<{
    id: string; kept_contact_id: string; merged_contact_id: string; merged_name: string; reason: 'manual' | 'phone' | 'email';
    actor_id: string | null; merged_at: Date | string; unmerged_at: Date | string | null;
  }>(
    `SELECT m.id, m.kept_contact_id, m.merged_contact_id, c.name AS merged_name, m.reason, m.actor_id, m.merged_at, m.unmerged_at
     FROM contact_merges m JOIN contacts c ON c.id = m.merged_contact_id
     WHERE m.kept_contact_id = $1 OR m.merged_contact_id = $1 ORDER BY m.merged_at DESC, m.id`,
    [contactId],
  );
  return {
    contact,
    identities: identities.map((i) => ({
      id: String(i.id), channelId: i.channel_id, channelKind: i.kind, channelName: i.name, externalId: i.external_id,
      displayName: i.display_name, phone: i.phone, email: i.email,
    })),
    conversations,
    merges: merges.map((m) => ({
      id: m.id, keptContactId: m.kept_contact_id, mergedContactId: m.merged_contact_id, mergedContactName: m.merged_name,
      reason: m.reason, actorId: m.actor_id, mergedAt: toIso(m.merged_at), unmergedAt: m.unmerged_at === null ? null : toIso(m.unmerged_at),
    })),
  };
}
