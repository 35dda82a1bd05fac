import { AppError } from '../../../../shared/errors';
import type { Queryable } from '../../../db/db';
import { assertReplyWindowOpen } from '../../channels/reply-window';
import { greetingName } from '../../contacts/contact-name';
import { lockConversation } from '../../conversations/conversation-repository';
import type { ConversationChange } from '../../conversations/message-change';
import { finishBotChange, insertBotMessages } from '../bot-messages';
import { lastBotState, listRules, recordTurn } from '../bot-repository';
import { customerLanguage, orderStatusReply, orderStatusRule } from './order-status-reply';

/** An order-status event the bot may answer, already stored (the bot's turn points at it). */
export type OrderStatusEvent = {
  /** order_events.id */
  id: string;
  accountId: string;
  contactId: string;
  /** What the customer calls the order. */
  orderNumber: string;
  status: string;
};

export type OrderReplyResult =
  | { outcome: 'replied'; ruleId: string; conversationId: string; messageId: string; change: ConversationChange }
  | { outcome: 'no_rule' | 'no_conversation' | 'window_closed'; ruleId: string | null; conversationId: string | null };

/** How many of the customer's latest messages are read to tell their language. */
const LANGUAGE_SAMPLE = 10;

/**
 * The bot's order-status reply, inside the caller's transaction. When an enabled reply covers the
 * status, it is written as a bot message into the customer's latest conversation on the channel
 * they last wrote on (the open one there, else the newest; a resolved one stays resolved, and the
 * customer's answer opens a new one as any message after resolution does), in the language of
 * their latest messages, and stored as a bot turn that names the rule and the event. Nothing is
 * written when no reply covers the status, the customer has no conversation, or the platform's
 * reply window is closed (WhatsApp, WeChat would refuse it).
 */
export async function replyToOrderStatus(tx: Queryable, event: OrderStatusEvent, now: number): Promise<OrderReplyResult> {
  const rules = await listRules(tx, event.accountId);
  if (!orderStatusRule(rules, event.status)) return { outcome: 'no_rule', ruleId: null, conversationId: null };

  const recent = await tx.query<{ body: string; channel_id: string }>(
    `SELECT m.body, c.channel_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.contact_id = $1 AND m.sender_type = 'contact' ORDER BY m.created_at DESC, m.seq DESC LIMIT $2`,
    [event.contactId, LANGUAGE_SAMPLE],
  );
  const conversationId = await targetConversation(tx, event.contactId, recent[0]?.channel_id ?? null);
  const locked = conversationId ? await lockConversation(tx, conversationId) : null;
  if (!locked) return { outcome: 'no_conversation', ruleId: null, conversationId: null };
  try {
    await assertReplyWindowOpen(tx, locked);
  } catch (err) {
    if (err instanceof AppError && err.code === 'forbidden') return { outcome: 'window_closed', ruleId: null, conversationId: locked.id };
    throw err;
  }

  const state = await lastBotState(tx, locked.id);
  const lang = customerLanguage(recent.map((r) => r.body), state.lang);
  const names = await tx.query<{ name: string; name_generated: boolean }>('SELECT name, name_generated FROM contacts WHERE id = $1', [event.contactId]);
  const contactName = names[0] ? greetingName(names[0]) : '';
  const reply = orderStatusReply(rules, { orderNumber: event.orderNumber, status: event.status, contactName }, lang);
  if (!reply) return { outcome: 'no_rule', ruleId: null, conversationId: locked.id };

  const [messageId] = await insertBotMessages(tx, locked, [reply.text]);
  // The event changes nothing the dialogue remembers: the next customer message continues from the same state.
  await recordTurn(tx, {
    accountId: event.accountId, conversationId: locked.id, messageId: null, orderEventId: event.id,
    outcome: {
      action: 'rule', via: 'rule', replies: [reply.text], choices: [], articleId: null, ruleId: reply.rule.id, confidence: null, candidates: [],
      handoffReason: null, lang, sentiment: 0, state,
    },
  });
  const change = await finishBotChange(tx, locked, [messageId!], null, now);
  return { outcome: 'replied', ruleId: reply.rule.id, conversationId: locked.id, messageId: messageId!, change };
}

/** The open conversation on the channel the customer last wrote on, else the newest there; any channel when they never wrote. */
async function targetConversation(tx: Queryable, contactId: string, channelId: string | null): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM conversations WHERE contact_id = $1 AND ($2::text IS NULL OR channel_id = $2)
     ORDER BY (status = 'open') DESC, last_message_at DESC, created_at DESC LIMIT 1`,
    [contactId, channelId],
  );
  return rows[0]?.id ?? null;
}
