import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { recordAudit } from '../../domain/audit/audit-log';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { displayPhone, phoneKey } from '../../domain/contacts/contact-keys';
import { getConversationView } from '../../domain/conversations/conversation-repository';
import type { ConversationChange } from '../../domain/conversations/message-change';
import { getMessageView, insertMessage } from '../../domain/conversations/message-repository';
import { inboundClientId } from './inbound';

/** A customer's new id on a platform (WhatsApp's user_changed_number): the platform's id for the notice, the old and the new id. */
export type NumberChange = { externalId: string; from: string; to: string };

export type NumberChangeResult = { updated: boolean; change: ConversationChange | null };

/**
 * Moves the customer's identity on the channel to their new id, so replies reach the new number,
 * and tells agents with an agents-only system line in the customer's latest conversation there:
 * never a customer message. Once per platform notice; audited. Nothing changes when the old id is
 * unknown, or the new one already belongs to someone on the channel (logged by the caller).
 */
export async function changeNumber(db: Db, channel: ChannelRecord, input: NumberChange): Promise<NumberChangeResult> {
  return db.transaction(async (tx) => {
    const clientId = inboundClientId(channel.id, input.externalId);
    if ((await tx.query('SELECT 1 FROM messages WHERE client_id = $1', [clientId])).length > 0) return { updated: false, change: null };
    const identity = await tx.query<{ contact_id: string }>(
      'SELECT contact_id FROM contact_identities WHERE channel_id = $1 AND external_id = $2 FOR UPDATE',
      [channel.id, input.from],
    );
    const contactId = identity[0]?.contact_id;
    if (!contactId) return { updated: false, change: null };
    const taken = await tx.query('SELECT 1 FROM contact_identities WHERE channel_id = $1 AND external_id = $2', [channel.id, input.to]);
    if (taken.length > 0) return { updated: false, change: null };
    await tx.query('UPDATE contact_identities SET external_id = $3, phone = $4 WHERE channel_id = $1 AND external_id = $2', [
      channel.id, input.from, input.to, phoneKey(input.to),
    ]);
    // The contact's phone follows when it was the old number (not one an agent typed in).
    const oldKey = phoneKey(input.from);
    if (oldKey && phoneKey(input.to)) {
      await tx.query(
        "UPDATE contacts SET phone = $3 WHERE id = $1 AND phone IS NOT NULL AND regexp_replace(phone, '[^0-9]', '', 'g') = $2",
        [contactId, oldKey, displayPhone(phoneKey(input.to)!)],
      );
    }
    await recordAudit(tx, {
      accountId: channel.accountId, actorId: null, action: 'contact.identity_changed', targetType: 'contact', targetId: contactId,
      details: { channelId: channel.id, from: input.from, to: input.to },
    });
    const latest = await tx.query<{ id: string }>(
      'SELECT id FROM conversations WHERE contact_id = $1 AND channel_id = $2 ORDER BY (status = \'open\') DESC, last_message_at DESC NULLS LAST LIMIT 1 FOR UPDATE',
      [contactId, channel.id],
    );
    const conversationId = latest[0]?.id;
    if (!conversationId) return { updated: true, change: null };
    const from = phoneKey(input.from) ? displayPhone(phoneKey(input.from)!) : input.from;
    const to = phoneKey(input.to) ? displayPhone(phoneKey(input.to)!) : input.to;
    const id = randomUUID();
    await insertMessage(tx, {
      id, accountId: channel.accountId, conversationId, seq: await nextSeq(tx, channel.accountId), senderType: 'system', senderId: null,
      body: `The customer changed their number from ${from} to ${to}`, clientId, internal: true,
      channelDetails: { numberChanged: { from, to } },
    });
    await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [conversationId, await nextSeq(tx, channel.accountId)]);
    const message = await getMessageView(tx, id);
    const conversation = await getConversationView(tx, conversationId);
    if (!message || !conversation) throw new Error('stored note vanished inside its transaction');
    return { updated: true, change: { message, conversation, previousAssigneeId: conversation.assigneeId, created: true } };
  });
}
