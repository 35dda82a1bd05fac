import type { Attachment } from '../../../shared/domain';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { resolveIdentity } from '../../domain/contacts/contact-identities';
import type { ConversationChange, MessageChange } from '../../domain/conversations/message-change';
import { sendContactMessage } from '../../domain/conversations/send-contact-message';
import type { Router } from '../../domain/routing/router';
import type { SensitiveScreen } from '../../domain/sensitive/sensitive-screen';
import type { DomainEvents } from '../../domain/events';
import type { ErrorLogger } from '../../lib/error-logger';

/** A customer's message as every adapter hands it over, whatever the platform's payload looked like. */
export type InboundMessage = {
  /** The platform's id for this message: a second delivery of the same id is stored once. */
  externalId: string;
  sender: {
    /** The platform's id for the person on this channel (wa_id, Telegram chat id, OpenID, address). */
    externalId: string;
    name: string | null;
    /** Only what the platform verified. */
    verifiedPhone?: string | null;
    verifiedEmail?: string | null;
  };
  /** Already normalised; describes the attachment when there is one. */
  body: string;
  attachment?: Attachment | null;
  /** When the platform says it was sent (ms since the epoch). */
  sentAt?: number | null;
};

export type InboundResult = { messageId: string; conversationId: string; contactId: string; duplicate: boolean };

/** The bot, when the server runs one: answers a stored customer message while the conversation is with it. */
export interface InboundResponder {
  respond(change: MessageChange): Promise<ConversationChange | null>;
}

export type InboundDeps = {
  db: Db;
  events: DomainEvents;
  router: Router;
  clock: Clock;
  sensitive: SensitiveScreen;
  logError: ErrorLogger;
  bot?: InboundResponder;
  /** Called after a message was stored and answered: notices and the bot's answers wait in the delivery queue. */
  onStored?: () => void;
};

/** The client id a platform message is stored under: unique per channel, never a UUID a desktop could pick. */
export function inboundClientId(channelId: string, externalId: string): string {
  return `ch:${channelId}:${externalId}`;
}

/**
 * The one inbound path of every platform channel: the sender's identity is resolved to a contact
 * (merging on a verified phone or email), the message is stored once per platform message id through
 * the same domain function as a widget message (sensitive words, routing entry), then published,
 * routed and offered to the bot exactly as a widget message is.
 */
export class InboundMessages {
  constructor(private readonly deps: InboundDeps) {}

  async receive(channel: ChannelRecord, inbound: InboundMessage): Promise<InboundResult> {
    const { db, events } = this.deps;
    const publish = (change: ConversationChange) => void events.emit({ type: 'conversation.changed', change });
    const clientId = inboundClientId(channel.id, inbound.externalId);
    // A platform delivering the same message again: answered from what is stored, nothing published.
    const stored = await db.query<{ id: string; conversation_id: string; sender_id: string }>(
      'SELECT id, conversation_id, sender_id FROM messages WHERE client_id = $1',
      [clientId],
    );
    if (stored[0]) return { messageId: stored[0].id, conversationId: stored[0].conversation_id, contactId: stored[0].sender_id, duplicate: true };

    const identity = await resolveIdentity(db, {
      accountId: channel.accountId,
      channelId: channel.id,
      externalId: inbound.sender.externalId,
      name: inbound.sender.name,
      verifiedPhone: inbound.sender.verifiedPhone ?? null,
      verifiedEmail: inbound.sender.verifiedEmail ?? null,
    });
    for (const moved of identity.changes) publish(moved);

    const change = await sendContactMessage(
      db,
      { accountId: channel.accountId, channelId: channel.id, contactId: identity.contactId },
      { clientId, body: inbound.body, attachment: inbound.attachment ?? null, now: this.deps.clock() },
      this.deps.sensitive,
    );
    const result = { messageId: change.message.id, conversationId: change.conversation.id, contactId: identity.contactId, duplicate: !change.created };
    if (!change.created) return result;
    publish(change);
    void this.deps.router.kick(channel.accountId, [change.conversation.id]);
    if (this.deps.bot) {
      const answered = await this.deps.bot.respond(change).catch((err: unknown) => {
        this.deps.logError(err, `bot on ${channel.kind}`);
        return null;
      });
      if (answered) {
        publish(answered);
        void this.deps.router.kick(channel.accountId, [change.conversation.id]);
      }
    }
    this.deps.onStored?.();
    return result;
  }
}
