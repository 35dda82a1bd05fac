import type { Attachment, ChannelDetails, ChannelKind, SenderType } from '../../../shared/domain';
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
import type { NewAttachmentFile } from '../../domain/attachments/attachment-repository';
import type { AttachmentIntake } from '../../domain/attachments/attachment-intake';
import { fetchSourceOf } from '../../domain/attachments/attachment-source';
import { startsRouting } from '../../domain/routing/routing-trigger';

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
  /** The platform's id of the message this one answers or reacts to: shown to the agent as a quote of it. */
  quotedExternalId?: string | null;
  /** A reaction or contact cards the message carried (the quote is looked up from `quotedExternalId`). */
  channelDetails?: Omit<ChannelDetails, 'quote'> | null;
  /**
   * Files whose bytes came with the message (email attachments), in order: the first is the one
   * `attachment` describes. Stored before `receive` resolves. Platform media (an id or a link in
   * `attachment`) are fetched in the background instead.
   */
  inlineFiles?: readonly InlineFile[];
};

/** A file that arrived inside the message itself. */
export type InlineFile = { kind: Attachment['kind']; fileName: string | null; bytes: Uint8Array };

/** The files a message names, as rows to record with it: inline ones, or the one to fetch from its platform or link. */
export function inboundFiles(channelKind: ChannelKind, inbound: InboundMessage): NewAttachmentFile[] {
  if (inbound.inlineFiles && inbound.inlineFiles.length > 0) {
    return inbound.inlineFiles.map((f) => ({ kind: f.kind, fileName: f.fileName, source: { kind: 'inline' } }));
  }
  const source = fetchSourceOf(channelKind, inbound.attachment);
  return source && inbound.attachment ? [{ kind: inbound.attachment.kind, fileName: inbound.attachment.fileName, source }] : [];
}

/** Where inbound files go: inline bytes stored at once, the fetch job told there is work. */
export type InboundAttachments = {
  intake: Pick<AttachmentIntake, 'storeInline'>;
  /** Looks for files due to be fetched now. */
  kick(): void;
};

/** How much of a quoted message is kept with the message that quotes it. */
const QUOTE_LENGTH = 200;

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
  /** Customers' files: none kept without it (the message still describes them). */
  attachments?: InboundAttachments;
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
    if (stored[0]) {
      // Inline files a first delivery could not store (it failed half-way) get their bytes now.
      await this.storeInline(stored[0].id, inbound);
      return { messageId: stored[0].id, conversationId: stored[0].conversation_id, contactId: stored[0].sender_id, duplicate: true };
    }

    const identity = await resolveIdentity(db, {
      accountId: channel.accountId,
      channelId: channel.id,
      externalId: inbound.sender.externalId,
      name: inbound.sender.name,
      verifiedPhone: inbound.sender.verifiedPhone ?? null,
      verifiedEmail: inbound.sender.verifiedEmail ?? null,
    });
    for (const moved of identity.changes) publish(moved);

    const files = this.deps.attachments ? inboundFiles(channel.kind, inbound) : [];
    const quote = inbound.quotedExternalId ? await quotedMessage(db, channel.id, inbound.quotedExternalId) : null;
    const details: ChannelDetails = { ...(inbound.channelDetails ?? {}), ...(quote ? { quote } : {}) };
    const change = await sendContactMessage(
      db,
      { accountId: channel.accountId, channelId: channel.id, contactId: identity.contactId },
      {
        clientId, body: inbound.body, attachment: inbound.attachment ?? null, now: this.deps.clock(),
        channelDetails: Object.keys(details).length > 0 ? details : null,
        files,
      },
      this.deps.sensitive,
    );
    const result = { messageId: change.message.id, conversationId: change.conversation.id, contactId: identity.contactId, duplicate: !change.created };
    if (!change.created) {
      await this.storeInline(change.message.id, inbound);
      return result;
    }
    publish(change);
    await this.storeInline(change.message.id, inbound);
    if (files.some((f) => f.source.kind !== 'inline')) this.deps.attachments?.kick();
    if (startsRouting(change)) void this.deps.router.kick(channel.accountId, [change.conversation.id], { arrivals: true });
    // A reaction is not something to answer: it stays for the agent to see.
    if (this.deps.bot && !inbound.channelDetails?.reaction) {
      const answered = await this.deps.bot.respond(change).catch((err: unknown) => {
        this.deps.logError(err, `bot on ${channel.kind}`);
        return null;
      });
      if (answered) {
        publish(answered);
        if (startsRouting({ ...change, created: false }, answered)) void this.deps.router.kick(channel.accountId, [change.conversation.id], { arrivals: true });
      }
    }
    this.deps.onStored?.();
    return result;
  }

  private async storeInline(messageId: string, inbound: InboundMessage): Promise<void> {
    const files = inbound.inlineFiles;
    if (files && files.length > 0) await this.deps.attachments?.intake.storeInline(messageId, files.map((f) => f.bytes));
  }
}

/**
 * The message a platform message quotes, by the platform's id for it: one the customer sent (stored
 * under its client id) or a reply we sent (its delivery's external id). Null when it is not here.
 */
async function quotedMessage(db: Db, channelId: string, externalId: string): Promise<ChannelDetails['quote'] | null> {
  const rows = await db.query<{ body: string; sender_type: SenderType }>(
    `SELECT m.body, m.sender_type FROM messages m WHERE m.client_id = $1
     UNION ALL
     SELECT m.body, m.sender_type FROM channel_deliveries d JOIN messages m ON m.id = d.message_id
     WHERE d.channel_id = $2 AND d.external_id = $3
     LIMIT 1`,
    [inboundClientId(channelId, externalId), channelId, externalId],
  );
  const row = rows[0];
  if (!row) return null;
  const chars = [...row.body];
  return { body: chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH - 1).join('')}…` : row.body, senderType: row.sender_type };
}
