import type { Lang } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TicketStatus } from '../../../shared/tickets';
import { assertReplyWindowOpen } from '../channels/reply-window';
import { ticketOpenedNotice, ticketReopenedNotice, ticketReplyMark, ticketStatusNotice } from './customer-notice-text';
import { customerConversationOf, customerLangOf, writeCustomerMessage } from './customer-messages';
import type { TicketChange } from './ticket-change';
import { readTicketSettings } from './ticket-settings';

/**
 * The system's notices to a ticket's customer (opened with its number, each status it moves to,
 * reopened), sent in the ticket's conversation in the customer's language. A ticket without a
 * conversation, or one whose platform no longer accepts a free message (WhatsApp after 24 hours),
 * sends nothing: the history says whether the customer was told.
 */
async function notify(change: TicketChange, text: (lang: Lang) => string): Promise<boolean> {
  const { tx } = change;
  const conversationId = await customerConversationOf(tx, change.ticketId);
  if (!conversationId) return false;
  const access = await tx.query<{ contact_id: string; channel_id: string }>('SELECT contact_id, channel_id FROM conversations WHERE id = $1', [conversationId]);
  const row = access[0];
  if (!row) return false;
  try {
    await assertReplyWindowOpen(tx, { contactId: row.contact_id, channelId: row.channel_id });
  } catch (err) {
    if (err instanceof AppError && err.code === 'forbidden') return false;
    throw err;
  }
  const written = await writeCustomerMessage(tx, {
    accountId: change.accountId, conversationId, body: text(await customerLangOf(tx, conversationId)), senderType: 'system', senderId: null,
  });
  if (written) change.customer.push(written);
  return written !== null;
}

export const sendOpenedNotice = (change: TicketChange, number: number, subject: string) =>
  notify(change, (lang) => ticketOpenedNotice(lang, number, subject));

export async function sendStatusNotice(change: TicketChange, number: number, status: TicketStatus): Promise<boolean> {
  const { reopenDays } = await readTicketSettings(change.tx, change.accountId);
  return notify(change, (lang) => ticketStatusNotice(lang, number, status, reopenDays));
}

export const sendReopenedNotice = (change: TicketChange, number: number) => notify(change, (lang) => ticketReopenedNotice(lang, number));

/**
 * An agent's public reply, sent as their message (marked with the ticket number) in the ticket's
 * conversation. Refused with `conflict` when the ticket has no conversation to reach the customer
 * in, and as the composer refuses a reply the platform would refuse (`forbidden`, details.reason).
 */
export async function sendPublicReply(change: TicketChange, number: number, senderId: string | null, body: string): Promise<string> {
  const { tx } = change;
  const conversationId = await customerConversationOf(tx, change.ticketId);
  const row = conversationId ? (await tx.query<{ contact_id: string; channel_id: string }>('SELECT contact_id, channel_id FROM conversations WHERE id = $1', [conversationId]))[0] : undefined;
  if (!conversationId || !row) throw new AppError('conflict', 'This ticket has no conversation with the customer to reply in.');
  await assertReplyWindowOpen(tx, { contactId: row.contact_id, channelId: row.channel_id });
  const written = await writeCustomerMessage(tx, {
    accountId: change.accountId, conversationId, body: `${ticketReplyMark(await customerLangOf(tx, conversationId), number)}${body}`, senderType: 'agent', senderId,
  });
  if (!written) throw new AppError('conflict', 'This ticket has no conversation with the customer to reply in.');
  change.customer.push(written);
  return conversationId;
}
