import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { recordAudit } from '../audit/audit-log';
import type { DomainEvents } from '../events';
import { orderStatusKey } from '../bot/scenarios/order-status-reply';
import { replyToOrderStatus, type OrderReplyResult } from '../bot/scenarios/order-status-turn';
import { canonicalContactId } from '../contacts/contact-repository';
import type { ConversationChange } from '../conversations/message-change';
import type { OrderStatusChange, ShopOrderEvent } from './order-events-payload';
import {
  claimOrderEvent,
  findEventContact,
  findOrderEvent,
  lockStoreOrder,
  setStoreOrderStatus,
  settleOrderEvent,
  type NewOrderEvent,
  type OrderEventOutcome,
} from './order-events-repository';

export type OrderEventsDeps = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  logError: ErrorLogger;
  /** Called after the bot wrote to a customer: its message waits in the platform delivery queue. */
  onReplied?: () => void;
};

/** What became of an event: the bot replied, or why it did not; `duplicate` when it was stored before. */
export type OrderEventAnswer = { id: string; duplicate: boolean; outcome: OrderEventOutcome; conversationId: string | null; messageId: string | null };

export type StatusChangeAnswer = {
  order: { id: string; number: string; status: string; previousStatus: string };
  /** False when the order already had the status: nothing was stored or sent. */
  changed: boolean;
  event: OrderEventAnswer | null;
};

/** Who changed a status: an admin, or (actorId null) the shop's system with a signed request. */
export type OrderActor = { accountId: string; actorId: string | null };

/**
 * Order-status events, from the built-in store (a status change through the API) or from a
 * shop's own system (a signed event): each stored once per event id, with the bot's order-status
 * reply to the customer written in the same transaction, then pushed to agents and the widget and
 * handed to the platform delivery queue.
 */
export class OrderEvents {
  constructor(private readonly deps: OrderEventsDeps) {}

  /**
   * Sets a built-in order's status (audited as `order.status_change`) and lets the bot tell the
   * customer. The same `eventId` again changes nothing; the status it already has changes nothing.
   */
  async changeStatus(actor: OrderActor, orderId: string, input: OrderStatusChange): Promise<StatusChangeAnswer> {
    const result = await this.deps.db.transaction(async (tx) => {
      const order = await lockStoreOrder(tx, actor.accountId, orderId);
      if (!order) throw new AppError('not_found', 'There is no such order in the built-in store.');
      const view = { id: order.id, number: order.number, status: input.status, previousStatus: order.status };
      if (input.eventId) {
        const seen = await findOrderEvent(tx, actor.accountId, 'store', input.eventId);
        if (seen) return { answer: { order: { ...view, status: order.status }, changed: false, event: { ...seen, duplicate: true } }, change: null };
      }
      if (orderStatusKey(order.status) === orderStatusKey(input.status)) {
        return { answer: { order: { ...view, status: order.status }, changed: false, event: null }, change: null };
      }
      await setStoreOrderStatus(tx, order.id, input.status);
      await recordAudit(tx, {
        accountId: actor.accountId, actorId: actor.actorId, action: 'order.status_change', targetType: 'order', targetId: order.id,
        details: { number: order.number, from: order.status, to: input.status, via: actor.actorId ? 'admin' : 'signed_request' },
      });
      const contactId = await canonicalContactId(tx, order.contactId);
      const handled = await this.handle(tx, {
        accountId: actor.accountId, source: 'store', externalId: input.eventId ?? randomUUID(), orderId: order.id, orderNumber: order.number,
        status: input.status, previousStatus: order.status, contactId, actorId: actor.actorId, occurredAt: null,
      });
      return { answer: { order: view, changed: true, event: handled.answer }, change: handled.change };
    });
    this.publish(result.change);
    return result.answer;
  }

  /** An event from the shop's own system: stored once per `eventId`, answered by the bot when the customer is known. */
  async receive(accountId: string, event: ShopOrderEvent): Promise<OrderEventAnswer> {
    const result = await this.deps.db.transaction(async (tx) => {
      const contactId = await findEventContact(tx, accountId, event.contact);
      return this.handle(tx, {
        accountId, source: 'rest', externalId: event.eventId, orderId: event.orderId ?? null,
        orderNumber: event.orderNumber ?? event.orderId ?? null, status: event.status, previousStatus: null, contactId, actorId: null,
        occurredAt: event.occurredAt ?? null,
      });
    });
    this.publish(result.change);
    return result.answer;
  }

  /** Stores the event (or finds it stored) and lets the bot reply; all inside the caller's transaction. */
  private async handle(tx: Queryable, event: NewOrderEvent): Promise<{ answer: OrderEventAnswer; change: ConversationChange | null }> {
    const id = await claimOrderEvent(tx, event);
    if (!id) {
      const seen = await findOrderEvent(tx, event.accountId, event.source, event.externalId);
      if (!seen) throw new Error('an order event vanished between its insert and its read');
      return { answer: { ...seen, duplicate: true }, change: null };
    }
    const reply: OrderReplyResult | null = event.contactId
      ? await replyToOrderStatus(
          tx,
          { id, accountId: event.accountId, contactId: event.contactId, orderNumber: event.orderNumber ?? '', status: event.status },
          this.deps.clock(),
        )
      : null;
    const outcome: OrderEventOutcome = reply?.outcome ?? 'no_contact';
    const messageId = reply?.outcome === 'replied' ? reply.messageId : null;
    const conversationId = reply?.conversationId ?? null;
    await settleOrderEvent(tx, id, { outcome, contactId: event.contactId, ruleId: reply?.ruleId ?? null, conversationId, messageId });
    return {
      answer: { id, duplicate: false, outcome, conversationId, messageId },
      change: reply?.outcome === 'replied' ? reply.change : null,
    };
  }

  private publish(change: ConversationChange | null): void {
    if (!change) return;
    void this.deps.events.emit({ type: 'conversation.changed', change });
    this.deps.onReplied?.();
  }
}
