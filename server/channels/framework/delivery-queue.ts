import { randomUUID } from 'node:crypto';
import type { MessageDeliveryPush } from '../../../shared/channels';
import { systemLines } from '../../../shared/system-lines';
import { attachmentSchema, type ChannelKind, type SenderType } from '../../../shared/domain';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { findChannel } from '../../domain/channels/channel-repository';
import { getConversationView, toIso } from '../../domain/conversations/conversation-repository';
import { loadMessageChoices, type MessageChoice } from '../../domain/conversations/message-choices';
import { getMessageView, insertMessage } from '../../domain/conversations/message-repository';
import type { ErrorLogger } from '../../lib/error-logger';
import { PollingWorker } from '../../lib/polling-worker';
import { systemTimers, type Timers } from '../../lib/timers';
import type { DomainEvents } from '../../domain/events';
import { DeliveryError, type ChannelSender, type OutboundFile, type OutboundMessage, type Recipient } from './outbound';
import { attachmentsOfMessage } from '../../domain/attachments/attachment-repository';
import type { AttachmentStore } from '../../domain/attachments/attachment-store';
import { platformText } from './platform-text';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export type DeliveryQueueOptions = {
  db: Db;
  events: DomainEvents;
  senders: Partial<Record<ChannelKind, ChannelSender>>;
  logError: ErrorLogger;
  retry?: RetryPolicy;
  /** How often due deliveries (retries, other nodes' replies) are looked for. */
  pollMs?: number;
  /** The poll's and the platform calls' timers; real ones when omitted. */
  timers?: Timers;
  /** Deliveries sent side by side (each conversation still strictly in order). */
  batch?: number;
  /** How long one platform call may take. */
  timeoutMs?: number;
  /** Where agents' uploaded files are kept; a reply carrying one fails without it. */
  store?: AttachmentStore;
  /** Turns a satisfaction survey line into the platform's buttons or a signed link when it is sent. */
  surveys?: { render(messageId: string, kind: ChannelKind, body: string): Promise<{ body: string; choices: MessageChoice[] } | null> };
};

type Claimed = { message_id: string; attempts: number };

type MessageRow = {
  id: string;
  conversation_id: string;
  body: string;
  attachment: unknown;
  sender_type: SenderType;
  internal: boolean;
  created_at: Date | string;
  sender_name: string | null;
  contact_id: string;
  channel_id: string;
};

/** Why a delivery is refused before any adapter is called: it fails at once, without retries. */
class Refused extends Error {
  /** Whether the agent is told in the thread (not for an internal note: nobody meant to send it). */
  constructor(message: string, readonly noteInThread = true) {
    super(message);
  }
}

/**
 * The outbound half of every platform channel. The database queues each reply the customer should
 * get (migration 0007's trigger: never an internal note, never on the widget); this worker claims
 * due ones (each conversation strictly in order, several nodes never the same one), calls the
 * channel's sender, and records `sent` with the platform's message id, a retry with backoff, or
 * `failed` with the platform's reason, which also lands in the thread as an internal note. Every
 * change is pushed to the agents who may read the conversation.
 */
export class DeliveryQueue {
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly timeoutMs: number;
  private readonly timers: Timers;
  private readonly worker: PollingWorker;
  /** Aborts platform calls in flight when the server stops: they are tried again after the restart. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: DeliveryQueueOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.pollMs = options.pollMs ?? 500;
    this.batch = options.batch ?? 8;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.timers = options.timers ?? systemTimers;
    this.worker = new PollingWorker({
      timers: this.timers, pollMs: this.pollMs, runOnce: () => this.runOnce(), logError: options.logError, name: 'channel delivery',
    });
  }

  start(): void {
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.worker.halt();
    this.stopping.abort();
    await this.worker.settled();
  }

  /** Looks for due deliveries now (after a reply was stored); runs asked for meanwhile fold into one more. */
  kick(): void {
    this.worker.kick();
  }

  /** Resolves when no run is going. */
  settled(): Promise<void> {
    return this.worker.settled();
  }

  private async runOnce(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((row) => this.deliver(row)));
    return claimed.length;
  }

  /**
   * Takes due deliveries: pending ones whose time came, and ones left 'sending' by a node that died.
   * Only the earliest undelivered reply of a conversation is due, so replies arrive in order.
   */
  private async claim(): Promise<Claimed[]> {
    return this.options.db.query<Claimed>(
      `UPDATE channel_deliveries d
         SET status = 'sending', attempts = d.attempts + 1, lease_expires_at = now() + make_interval(secs => $2),
             updated_at = now()
       WHERE d.message_id IN (
         SELECT c.message_id FROM channel_deliveries c
         WHERE ((c.status = 'pending' AND c.next_attempt_at <= now()) OR (c.status = 'sending' AND c.lease_expires_at < now()))
           AND NOT EXISTS (SELECT 1 FROM channel_deliveries e
                           WHERE e.conversation_id = c.conversation_id AND e.status IN ('pending', 'sending') AND e.seq < c.seq)
         ORDER BY c.next_attempt_at, c.seq
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING d.message_id, d.attempts`,
      [this.batch, Math.ceil((this.timeoutMs * 2) / 1000)],
    );
  }

  private async deliver(row: Claimed): Promise<void> {
    const { db } = this.options;
    let channel: ChannelRecord | null = null;
    try {
      const loaded = await this.load(row.message_id);
      channel = loaded.channel;
      const sender = this.options.senders[channel.kind];
      if (!sender) throw new Refused(`replies cannot be sent on ${channel.kind} channels`);
      const result = await this.withTimeout((signal) =>
        sender.send({ channel: loaded.channel, recipient: loaded.recipient, message: loaded.message, db, signal }),
      );
      await db.query(
        `UPDATE channel_deliveries SET status = 'sent', external_id = $2, last_error = NULL, lease_expires_at = NULL, updated_at = now()
         WHERE message_id = $1 AND status = 'sending'`,
        [row.message_id, result.externalId],
      );
      await this.publish(row.message_id);
    } catch (err) {
      if (err instanceof Refused) return this.fail(row.message_id, err.message, channel, err.noteInThread);
      const failure = err instanceof DeliveryError ? err : new DeliveryError(`internal error: ${err instanceof Error ? err.message : String(err)}`, true);
      if (!(err instanceof DeliveryError)) this.options.logError(err, 'channel delivery');
      const next = afterFailure(this.retry, row.attempts, failure.retryable, failure.retryAfterMs);
      if (!next.retry) return this.fail(row.message_id, failure.reason, channel);
      await db.query(
        `UPDATE channel_deliveries SET status = 'pending', last_error = $2, lease_expires_at = NULL,
           next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
         WHERE message_id = $1 AND status = 'sending'`,
        [row.message_id, failure.reason, next.delayMs / 1000],
      );
      await this.publish(row.message_id);
    }
  }

  /**
   * Runs a platform call that is aborted after `timeoutMs` on the injected timers (as a
   * `TimeoutError`, which senders report as "timed out") or when the server stops.
   */
  private async withTimeout<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = new AbortController();
    const timer = this.timers.timeout(this.timeoutMs, () => timeout.abort(new DOMException('the platform did not answer in time', 'TimeoutError')));
    try {
      return await call(AbortSignal.any([timeout.signal, this.stopping.signal]));
    } finally {
      timer.cancel();
    }
  }

  /** The message, its channel and its recipient; Refused when it must not or cannot go out. */
  private async load(messageId: string): Promise<{ channel: ChannelRecord; recipient: Recipient; message: OutboundMessage }> {
    const { db } = this.options;
    const rows = await db.query<MessageRow>(
      `SELECT m.id, m.conversation_id, m.body, m.attachment, m.sender_type, m.internal, m.created_at,
              CASE WHEN m.sender_type = 'agent' THEN u.name ELSE NULL END AS sender_name, c.contact_id, c.channel_id
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
       LEFT JOIN users u ON m.sender_type = 'agent' AND u.id = m.sender_id
       WHERE m.id = $1`,
      [messageId],
    );
    const m = rows[0];
    if (!m) throw new Refused('the message no longer exists');
    // Whatever put it in the queue: an internal note or the customer's own words never leave.
    if (m.internal !== false) throw new Refused('internal notes are never sent to a channel', false);
    if (m.sender_type === 'contact') throw new Refused("the customer's own message is not sent back to them");
    const channel = await findChannel(db, m.channel_id);
    if (!channel) throw new Refused('the channel no longer exists');
    if (!channel.enabled) throw new Refused(`the channel ${channel.name} is disabled`);
    const identities = await db.query<{ external_id: string; display_name: string | null }>(
      'SELECT external_id, display_name FROM contact_identities WHERE contact_id = $1 AND channel_id = $2 ORDER BY created_at DESC LIMIT 1',
      [m.contact_id, m.channel_id],
    );
    const identity = identities[0];
    if (!identity) throw new Refused(`the customer has no address on ${channel.name}`);
    const parsedAttachment = m.attachment ? attachmentSchema.safeParse(typeof m.attachment === 'string' ? JSON.parse(m.attachment) : m.attachment) : null;
    const body = platformText(channel.kind, m.body);
    const survey = m.sender_type === 'system' && this.options.surveys ? await this.options.surveys.render(m.id, channel.kind, body) : null;
    return {
      channel,
      recipient: { contactId: m.contact_id, externalId: identity.external_id, name: identity.display_name },
      message: {
        id: m.id,
        conversationId: m.conversation_id,
        body: survey?.body ?? body,
        attachment: parsedAttachment?.success ? parsedAttachment.data : null,
        choices: survey?.choices ?? (await loadMessageChoices(db, m.id)),
        file: await this.uploadedFile(m.id),
        senderType: m.sender_type,
        senderName: m.sender_name,
        createdAt: toIso(m.created_at),
      },
    };
  }

  /** The agent's file a reply sends, read from the store when the sender asks; null for none. */
  private async uploadedFile(messageId: string): Promise<OutboundFile | null> {
    const file = (await attachmentsOfMessage(this.options.db, messageId)).find((f) => f.position === 0 && f.source.kind === 'upload');
    if (!file) return null;
    const { store } = this.options;
    if (file.state !== 'ready' || !file.sha256 || !file.mimeType || file.size === null || !store) throw new Refused('the file of this reply is not stored');
    const key = file.sha256;
    return {
      kind: file.kind === 'image' ? 'image' : 'document',
      fileName: file.fileName ?? `file-${file.id.slice(0, 8)}`,
      mimeType: file.mimeType,
      size: file.size,
      async read() {
        const stream = await store.get(key);
        if (!stream) throw new DeliveryError('the file of this reply is missing from the file store', false);
        return Buffer.concat(await stream.toArray() as Buffer[]);
      },
    };
  }

  /** Marks a delivery failed for good and tells the agent in the thread (an internal note, never sent). */
  private async fail(messageId: string, reason: string, channel: ChannelRecord | null, noteInThread = true): Promise<void> {
    const note = await this.options.db.transaction(async (tx) => {
      const updated = await tx.query<{ conversation_id: string; account_id: string }>(
        `UPDATE channel_deliveries SET status = 'failed', last_error = $2, lease_expires_at = NULL, updated_at = now()
         WHERE message_id = $1 AND status IN ('sending', 'pending') RETURNING conversation_id, account_id`,
        [messageId, reason],
      );
      const row = updated[0];
      if (!row || !noteInThread) return null;
      return addFailureNote(tx, row.account_id, row.conversation_id, channel?.name ?? null, reason);
    });
    if (note) void this.options.events.emit({ type: 'conversation.changed', change: note });
    await this.publish(messageId);
  }

  /** Pushes a message's delivery state to the agents who may read its conversation. */
  async publish(messageId: string): Promise<void> {
    await publishDelivery(this.options.db, this.options.events, messageId);
  }
}

/** An internal system note in a conversation, under its own sequence number, the conversation taking the next. */
/** The agents-only line saying a reply did not reach the customer: English body, coded for each reader's language. */
async function addFailureNote(tx: Queryable, accountId: string, conversationId: string, channelName: string | null, reason: string) {
  const id = randomUUID();
  await tx.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  await insertMessage(tx, {
    id, accountId, conversationId, seq: await nextSeq(tx, accountId), senderType: 'system', senderId: null,
    body: `Not delivered${channelName ? ` on ${channelName}` : ''}: ${reason}`, system: systemLines.undelivered(channelName, reason), clientId: null, internal: true,
  });
  await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [conversationId, await nextSeq(tx, accountId)]);
  const message = await getMessageView(tx, id);
  const conversation = await getConversationView(tx, conversationId);
  if (!message || !conversation) throw new Error('stored note vanished inside its transaction');
  return { message, conversation, previousAssigneeId: conversation.assigneeId, created: true };
}

/** Tells (`delivery.changed`) where one message's delivery stands now, to those who may read its conversation. */
export async function publishDelivery(db: Queryable, events: DomainEvents, messageId: string): Promise<void> {
  const message = await getMessageView(db, messageId);
  if (!message?.delivery) return;
  const conversation = await getConversationView(db, message.conversationId);
  if (!conversation) return;
  const delivery: MessageDeliveryPush = { conversationId: conversation.id, messageId, delivery: message.delivery };
  await events.emit({ type: 'delivery.changed', accountId: conversation.accountId, assigneeId: conversation.assigneeId, delivery });
}

/** Failed for good by the platform after it was sent (WhatsApp's `failed` status): recorded like a failed attempt. */
export async function failSentDelivery(db: Db, events: DomainEvents, channel: ChannelRecord, externalId: string, reason: string): Promise<boolean> {
  const note = await db.transaction(async (tx) => {
    const updated = await tx.query<{ conversation_id: string; account_id: string; message_id: string }>(
      `UPDATE channel_deliveries SET status = 'failed', last_error = $3, updated_at = now()
       WHERE channel_id = $1 AND external_id = $2 AND status <> 'failed' RETURNING conversation_id, account_id, message_id`,
      [channel.id, externalId, reason],
    );
    const row = updated[0];
    if (!row) return null;
    return { messageId: row.message_id, change: await addFailureNote(tx, row.account_id, row.conversation_id, channel.name, reason) };
  });
  if (!note) return false;
  void events.emit({ type: 'conversation.changed', change: note.change });
  await publishDelivery(db, events, note.messageId);
  return true;
}

const STATUS_RANK: Record<string, number> = { pending: 0, sending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * A platform's status update for a sent message (delivered, read). Statuses only move forward: a
 * late `delivered` after `read` changes nothing. Returns whether anything changed.
 */
export async function advanceDelivery(db: Db, events: DomainEvents, channelId: string, externalId: string, status: 'sent' | 'delivered' | 'read'): Promise<boolean> {
  const lower = Object.entries(STATUS_RANK).filter(([, rank]) => rank < STATUS_RANK[status]!).map(([name]) => name);
  const updated = await db.query<{ message_id: string }>(
    `UPDATE channel_deliveries SET status = $3, updated_at = now()
     WHERE channel_id = $1 AND external_id = $2 AND status = ANY($4::text[]) RETURNING message_id`,
    [channelId, externalId, status, lower],
  );
  if (!updated[0]) return false;
  await publishDelivery(db, events, updated[0].message_id);
  return true;
}
