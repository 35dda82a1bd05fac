import { randomUUID } from 'node:crypto';
import type { Attachment, ChannelDetails } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { systemLines, type SystemLine } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq, takeSeqs } from '../../db/sequence';
import { getConversationView, lockOpenConversation, updateConversationView } from './conversation-repository';
import { isClientIdConflict, previewOf, type MessageChange } from './message-change';
import { findMessageByClientId, getMessageView, insertMessageView, type MessageView } from './message-repository';
import { closedNotice } from '../routing/classify';
import { channelRouting, chooseEntry } from '../routing/entry';
import { loadGroups } from '../routing/routing-repository';
import { nobodyAvailableFor, unavailableNotice } from '../routing/unavailable-notice';
import { sensitiveAlert } from '../sensitive/sensitive-alert';
import { insertAttachmentFiles, type NewAttachmentFile } from '../attachments/attachment-repository';
import type { SensitiveScreen } from '../sensitive/sensitive-screen';
import { attachOutgoingFile, fileMessageBody, outgoingFile } from '../attachments/outbound-file';

export type ContactRef = { accountId: string; channelId: string; contactId: string };
export type ContactSend = {
  clientId: string;
  body: string;
  /** The skill group picked in the widget's menu; only the first message of a conversation uses it. */
  groupId?: string;
  /** When the message arrived (ms since the epoch); defaults to the system clock. */
  now?: number;
  /** What a platform message carried besides text (the body describes it). */
  attachment?: Attachment | null;
  /** What the platform said about it beyond its text (a reaction, a quote, contact cards). */
  channelDetails?: ChannelDetails | null;
  /** The files it carried, recorded with it to be fetched or stored (attachments table). */
  files?: readonly NewAttachmentFile[];
  /** A widget customer's upload it sends, its text then the caption (checked against the widget's limits). */
  uploadId?: string;
};

/**
 * Stores a customer's message once per client id on their open conversation on that channel,
 * opening a new conversation when none is open. Every channel's inbound messages pass here: one
 * that matches sensitive words is stored as written and carries an `alert` for supervisors.
 */
export async function sendContactMessage(db: Db, contact: ContactRef, input: ContactSend, screen: SensitiveScreen): Promise<MessageChange> {
  try {
    return await db.transaction((tx) => sendInTransaction(tx, contact, input, screen));
  } catch (err) {
    if (isClientIdConflict(err)) {
      const existing = await replayDuplicate(db, contact, input);
      if (existing) return existing;
    }
    throw err;
  }
}

async function sendInTransaction(tx: Queryable, contact: ContactRef, input: ContactSend, screen: SensitiveScreen): Promise<MessageChange> {
  // Serialises sends per contact, so two tabs cannot open two conversations at once. The same
  // statement reads the account's sensitive-word version and looks for a message already stored
  // under this client id (a retry). A retry stored while this waited for the lock is missed here
  // (the statement's snapshot is older) and caught by the unique client id at the insert instead.
  const locked = await tx.query<{ vip_level: number; words_version: number | string; duplicate: string | null }>(
    `SELECT c.vip_level, a.sensitive_words_version AS words_version, (SELECT m.id FROM messages m WHERE m.client_id = $3) AS duplicate
     FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = $1 AND c.account_id = $2 FOR UPDATE OF c`,
    [contact.contactId, contact.accountId, input.clientId],
  );
  if (locked.length === 0) throw new AppError('not_found', 'contact not found');
  const vipLevel = Number(locked[0]!.vip_level);
  const wordsVersion = Number(locked[0]!.words_version);

  if (locked[0]!.duplicate !== null) {
    const duplicate = await replayDuplicate(tx, contact, input);
    if (duplicate) return duplicate;
  }

  const outgoing = input.uploadId
    ? await outgoingFile(tx, { accountId: contact.accountId, conversationId: null, uploader: { id: contact.contactId, kind: 'contact' } }, input.uploadId, 'widget', input.body)
    : null;
  if (outgoing) input = { ...input, body: fileMessageBody(outgoing), attachment: outgoing.attachment };

  const now = new Date(input.now ?? Date.now());
  const open = await lockOpenConversation(tx, contact.contactId, contact.channelId);
  const groups = open && open.routingState !== 'bot' ? [] : await loadGroups(tx, contact.accountId);
  if (input.groupId !== undefined && !open && !groups.some((g) => g.id === input.groupId)) {
    throw new AppError('bad_request', 'groupId: no such group on this chat');
  }
  // The message's number, and the conversation's after it (a notice may take one in between, below).
  const [messageSeq, secondSeq] = (await takeSeqs(tx, contact.accountId, 2)) as [number, number];
  const messageId = randomUUID();
  const preview = previewOf(input.body);
  let conversationId: string;
  let notice: string | null = null;
  let noticeLine: SystemLine | null = null;
  let leftMessage = false;
  let stored: MessageView;
  if (open) {
    conversationId = open.id;
    stored = await insertContactMessage(tx, contact, conversationId, messageId, messageSeq, input);
    // With the bot, the bot answers once this is stored (BotService), handing over to a person when asked.
  } else {
    conversationId = randomUUID();
    const channelRows = await tx.query<{ config: unknown; kind: string }>('SELECT config, kind FROM channels WHERE id = $1', [contact.channelId]);
    const entry = chooseEntry(input.groupId ?? null, channelRouting(channelRows[0]?.config), input.body, groups, now.getTime());
    notice = entry.notice;
    // The group is closed now (the customer's message is kept): every reader sees that in their language.
    const groupName = groups.find((g) => g.id === entry.groupId)?.name ?? null;
    if (notice !== null && notice === closedNotice(entry.lang, groupName)) noticeLine = systemLines.closed(groupName);
    // Nobody to answer (off-hours, or nobody at work for it): kept as a left message from the start;
    // a platform customer is told once, the widget shows it in its queue line.
    const nobody = entry.routingState === 'queued' && (await nobodyAvailableFor(tx, contact.accountId, entry.groupId, groups));
    if (nobody && channelRows[0]?.kind !== 'widget') {
      notice = unavailableNotice(entry.lang);
      noticeLine = systemLines.unavailable();
    }
    leftMessage = nobody || entry.routingState === 'pending';
    // Placeholder seq: the conversation takes its number after its messages, below.
    await tx.query(
      `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq,
         last_message_at, last_message_preview, last_message_sender_type, routing_state, group_id, priority, waiting_since, left_message)
       VALUES ($1, $2, $3, $4, 'open', NULL, $5, $6, $7, 'contact', $8, $9, $10, $11, $12)`,
      [conversationId, contact.accountId, contact.channelId, contact.contactId, messageSeq, now, preview,
        entry.routingState, entry.groupId, vipLevel, entry.routingState === 'bot' ? null : now, leftMessage],
    );
    stored = await insertContactMessage(tx, contact, conversationId, messageId, messageSeq, input);
  }
  if (outgoing) await attachOutgoingFile(tx, outgoing, messageId);
  // The view read with the insert knows no files: read again when files were recorded after it.
  const message = outgoing || (input.files && input.files.length > 0) ? await getMessageView(tx, messageId) : stored;
  // A notice takes the number after the message's, and the conversation one after both.
  const noticeView = notice
    ? await insertMessageView(tx, {
        id: randomUUID(), accountId: contact.accountId, conversationId, seq: secondSeq,
        senderType: 'system', senderId: null, body: notice, clientId: null, system: noticeLine,
      })
    : null;
  const conversationSeq = noticeView ? await nextSeq(tx, contact.accountId) : secondSeq;
  const conversation = await updateConversationView(
    tx, conversationId, `seq = $2, last_message_at = $4, last_message_preview = $3, last_message_sender_type = 'contact'`, [conversationSeq, preview, now],
  );
  if (!message || !conversation) throw new Error('stored message vanished inside its transaction');
  const moreMessages: MessageView[] = noticeView ? [noticeView] : [];
  const check = await screen.check(tx, contact.accountId, input.body, wordsVersion);
  const alert = check.matches.length > 0 ? sensitiveAlert(conversation, message, check) : undefined;
  return { message, moreMessages, conversation, previousAssigneeId: open ? open.assigneeId : undefined, created: true, alert };
}

async function insertContactMessage(tx: Queryable, contact: ContactRef, conversationId: string, id: string, seq: number, input: ContactSend): Promise<MessageView> {
  const view = await insertMessageView(tx, {
    id,
    accountId: contact.accountId,
    conversationId,
    seq,
    senderType: 'contact',
    senderId: contact.contactId,
    body: input.body,
    clientId: input.clientId,
    attachment: input.attachment ?? null,
    channelDetails: input.channelDetails ?? null,
  });
  // In the message's own transaction: a message is never stored without the files it names.
  if (input.files && input.files.length > 0) await insertAttachmentFiles(tx, contact.accountId, id, input.files, new Date(input.now ?? Date.now()));
  return view;
}

async function replayDuplicate(db: Queryable, contact: ContactRef, input: ContactSend): Promise<MessageChange | null> {
  const existing = await findMessageByClientId(db, input.clientId);
  if (!existing) return null;
  if (existing.senderType !== 'contact' || existing.senderId !== contact.contactId) {
    throw new AppError('conflict', 'this client id was already used for another message');
  }
  const conversation = await getConversationView(db, existing.conversationId);
  if (!conversation) throw new AppError('not_found', 'conversation not found');
  return { message: existing, conversation, previousAssigneeId: conversation.assigneeId, created: false };
}
