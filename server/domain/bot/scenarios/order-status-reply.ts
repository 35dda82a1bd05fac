import type { Lang } from '../../../../shared/domain';
import type { BotRule } from '../../../../shared/knowledge';
import { fillForCustomer } from '../../../../shared/quick-replies';
import { caseAndWidthForm } from '../../../../shared/text/case-width';
import { byPriority, ruleReply } from '../rules/keyword-rules';
import { detectLanguage } from '../text/language';

/**
 * The order-status scenario reply, decided without I/O: which of the admins' order-status replies
 * covers a status, in which language to write, and the text with its variables filled
 * (see ORDER_REPLY_VARIABLES in shared/knowledge.ts).
 */

/** Spellings shops use for one status. */
const STATUS_ALIASES: Readonly<Record<string, string>> = { canceled: 'cancelled' };

/** How statuses compare: case, spacing and hyphens aside ("Out for-delivery" is out_for_delivery), "canceled" is "cancelled". */
export function orderStatusKey(status: string): string {
  const key = caseAndWidthForm(status).trim().replace(/[\s-]+/g, '_');
  return STATUS_ALIASES[key] ?? key;
}

/** The enabled order-status reply for a status (the lowest priority number first), or null. */
export function orderStatusRule(rules: readonly BotRule[], status: string): BotRule | null {
  const wanted = orderStatusKey(status);
  return rules.filter((r) => r.kind === 'order_status' && r.enabled && r.pattern !== null && orderStatusKey(r.pattern) === wanted).sort(byPriority)[0] ?? null;
}

export type OrderReplyValues = {
  /** What the customer calls the order (its number, such as SO-10001). */
  orderNumber: string;
  status: string;
  contactName: string;
};

/**
 * A reply with its variables filled. A variable without a value, or one the bot does not know,
 * is left out and the words around it close up: a customer never sees braces or a placeholder.
 * `contactName` is empty when the customer has no real name (only a made-up one).
 */
export function fillOrderReply(template: string, values: OrderReplyValues): string {
  return fillForCustomer(template, {
    'order.id': values.orderNumber,
    'order.number': values.orderNumber,
    'order.status': values.status,
    'contact.name': values.contactName,
  });
}

/**
 * The language to write to a customer in: that of their latest message that shows one (newest
 * first), else the one the bot last used with them, else Chinese.
 */
export function customerLanguage(latestFirst: readonly string[], botLang: Lang | null): Lang {
  for (const body of latestFirst) {
    const lang = detectLanguage(body);
    if (lang) return lang;
  }
  return botLang ?? 'zh';
}

/** The reply for an order reaching a status, in the customer's language; null when no enabled reply covers the status. */
export function orderStatusReply(rules: readonly BotRule[], values: OrderReplyValues, lang: Lang): { rule: BotRule; text: string } | null {
  const rule = orderStatusRule(rules, values.status);
  if (!rule) return null;
  const text = fillOrderReply(ruleReply(rule, lang), values);
  return text === '' ? null : { rule, text };
}
