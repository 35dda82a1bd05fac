import type { UploadResult } from '../../shared/attachments';
import type { Draft, EventSink, ThreadMessage } from '../../shared/contract';
import type { Attachment, User } from '../../shared/domain';
import { AppError, retryAfterMs, toAppError, type AppErrorShape, type ErrorCode } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';
import { outboundFileRefusal } from '../../shared/outbound-files';
import type { CacheStore, OutboxFile, OutboxRow } from './cache/cache-store';
import type { OutboxFiles } from './cache/outbox-files';
import type { SqlWriter } from './cache/sqlite';
import { Coalescer } from './coalescer';
import { uuidv7 } from './ids';
import { asSent } from './thread-message';
import { systemClock, type CoreClock, type ScheduledTimer } from './clock';

/** The part of the connection the outbox needs. */
export interface OutboxTransport {
  isOnline(): boolean;
  request(
    name: 'message:send',
    payload: { conversationId: string; clientId: string; body: string; attachmentIds?: string[] },
  ): Promise<AgentRequestResult<'message:send'>>;
}

/** Puts a reply's file on the server (POST /api/conversations/:id/uploads); the same bytes are kept once. */
export interface OutboxUploader {
  upload(conversationId: string, name: string, bytes: Uint8Array): Promise<UploadResult>;
}

/** A file the agent sends with a reply, as the composer holds it. */
export interface FileToSend {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface OutboxOptions {
  /** Conversations flushed side by side; within one conversation replies go strictly in order. */
  lanes?: number;
  /** Wait before trying again after the server did not answer in time while still connected. */
  retryDelayMs?: number;
  /** The system clock when omitted. */
  clock?: CoreClock;
  /** Where files wait in the cache folder; without it (and an uploader) replies take no file. */
  files?: OutboxFiles;
  uploader?: OutboxUploader;
}

/** Errors after which trying again later may succeed by itself: the reply stays queued. */
const transient: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'server_unreachable', 'token_expired', 'unauthorized', 'rate_limited']);
/** The conversation is no longer one this agent can write to: the reply goes back to the draft. */
const returnsToDraft: ReadonlySet<ErrorCode> = new Set(['reassigned', 'resolved', 'forbidden', 'not_found']);

/**
 * Replies are written to the outbox table before anything is emitted, and leave it only when
 * the server acked them (its UNIQUE client id makes a resend harmless), when the agent discards
 * them, or when the conversation changed hands and they return to the draft with the reason.
 */
export class Outbox {
  private readonly sending = new Set<string>();
  /** Replies whose file is being written to the cache folder, their row not yet committed. */
  private readonly writingFiles = new Set<string>();
  private readonly flusher = new Coalescer(
    () => this.flushOnce(),
    () => this.transport.isOnline(),
  );
  private retryTimer: ScheduledTimer | null = null;
  private readonly lanes: number;
  private readonly retryDelayMs: number;
  private readonly clock: CoreClock;
  private readonly files: OutboxFiles | null;
  private readonly uploader: OutboxUploader | null;

  constructor(
    private readonly store: CacheStore,
    private readonly transport: OutboxTransport,
    private readonly emit: EventSink,
    private readonly author: () => User | null,
    options: OutboxOptions = {},
  ) {
    this.lanes = options.lanes ?? 8;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
    this.clock = options.clock ?? systemClock;
    this.files = options.files ?? null;
    this.uploader = options.uploader ?? null;
  }

  /** Persists a reply (and clears the draft) in one transaction, then starts delivering it. */
  async send(conversationId: string, body: string): Promise<ThreadMessage> {
    await this.writable(conversationId);
    return this.enqueue(this.newRow(conversationId, body, null));
  }

  /**
   * Queues a reply with a file, offline too: the channel's limits are checked first (refused, it
   * throws and nothing is kept); the bytes are written, sealed, to the cache folder before the row.
   * Delivery uploads the file, then sends the reply under the same client id, so it arrives once.
   */
  async sendFile(conversationId: string, caption: string, file: FileToSend): Promise<ThreadMessage> {
    const conversation = await this.writable(conversationId);
    const refusal = outboundFileRefusal(conversation.channelKind, file.mimeType, file.bytes.length);
    if (refusal) throw new AppError(refusal.code, refusal.message, refusal.details);
    if (!this.files || !this.uploader) throw new AppError('internal', 'This outbox cannot keep files');
    const row = this.newRow(conversationId, caption, { name: file.name, mimeType: file.mimeType, size: file.bytes.length, fileId: null });
    this.writingFiles.add(row.clientId);
    try {
      await this.files.write(row.clientId, file.bytes);
      return await this.enqueue(row);
    } catch (err) {
      await this.files.remove(row.clientId);
      throw err;
    } finally {
      this.writingFiles.delete(row.clientId);
    }
  }

  /**
   * Deletes kept files whose reply left the outbox some other way than this outbox sending it: the
   * server's copy arrived by sync after a lost ack, or the app stopped in between.
   */
  async pruneFiles(): Promise<void> {
    await this.files?.prune(async () => {
      const writing = [...this.writingFiles];
      const rows = await this.store.outbox();
      return new Set([...writing, ...rows.map((row) => row.clientId)]);
    });
  }

  private async writable(conversationId: string) {
    const conversation = await this.store.conversation(conversationId);
    if (!conversation) throw new AppError('not_found', 'This conversation is not in your inbox');
    if (conversation.access === 'lost') {
      throw new AppError('reassigned', 'This conversation is no longer assigned to you', assignee(conversation.assigneeName));
    }
    if (conversation.status === 'resolved') throw new AppError('resolved', 'This conversation was resolved.');
    return conversation;
  }

  private newRow(conversationId: string, body: string, file: OutboxFile | null): OutboxRow {
    return {
      clientId: uuidv7(),
      conversationId,
      body,
      createdAt: new Date(this.clock.now()).toISOString(),
      state: 'queued',
      error: null,
      attempts: 0,
      file,
    };
  }

  private async enqueue(row: OutboxRow): Promise<ThreadMessage> {
    const { conversationId } = row;
    await this.store.db.write(async (tx) => {
      await this.store.addToOutbox(tx, row);
      await this.store.putDraft(tx, { conversationId, body: '', updatedAt: row.createdAt, reason: null });
    });
    const message = this.toThreadMessage(row);
    this.emit('message.updated', message);
    void this.flush();
    return message;
  }

  /** Delivers every queued reply, in order per conversation; concurrent callers share one run. */
  flush(): Promise<void> {
    return this.flusher.run();
  }

  async retry(clientId: string): Promise<ThreadMessage> {
    const row = await this.entry(clientId);
    await this.store.db.write((tx) => this.store.setOutboxState(tx, clientId, 'queued', null));
    const message = this.toThreadMessage({ ...row, state: 'queued', error: null });
    this.emit('message.updated', message);
    void this.flush();
    return message;
  }

  /** Moves a reply that has not gone out back into the composer, ahead of what is typed there. */
  async edit(clientId: string): Promise<Draft> {
    const row = await this.entry(clientId);
    if (row.file) throw new AppError('conflict', 'A reply with a file can be sent again or discarded');
    const draft = await this.store.db.write(async (tx) => {
      await this.store.removeFromOutbox(tx, [clientId]);
      return this.mergeIntoDraft(tx, row.conversationId, [row.body], null);
    });
    this.emit('message.removed', { conversationId: row.conversationId, clientId });
    this.emit('draft.updated', { conversationId: row.conversationId, draft });
    return draft;
  }

  async discard(clientId: string): Promise<{ discarded: boolean }> {
    const row = await this.store.outboxEntry(clientId);
    if (!row) return { discarded: false };
    if (this.sending.has(clientId)) throw new AppError('conflict', 'This reply is being sent right now');
    await this.store.db.write((tx) => this.store.removeFromOutbox(tx, [clientId]));
    await this.files?.remove(clientId);
    this.emit('message.removed', { conversationId: row.conversationId, clientId });
    return { discarded: true };
  }

  /** The replies of a conversation that are not stored on the server yet, in the order written. */
  async pending(conversationId: string): Promise<ThreadMessage[]> {
    return (await this.store.outbox(conversationId)).map((row) => this.toThreadMessage(row));
  }

  dispose(): void {
    this.retryTimer?.cancel();
    this.retryTimer = null;
  }

  // ---- delivery ---------------------------------------------------------------------------------

  private async flushOnce(): Promise<void> {
    if (!this.transport.isOnline()) return;
    const byConversation = new Map<string, OutboxRow[]>();
    for (const row of await this.store.outbox()) {
      const lane = byConversation.get(row.conversationId) ?? [];
      lane.push(row);
      byConversation.set(row.conversationId, lane);
    }
    const queue = [...byConversation.values()];
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) await this.deliverLane(lane);
    };
    await Promise.all(Array.from({ length: Math.min(this.lanes, queue.length) }, worker));
    // A file that cannot be deleted now is tried again at the next flush; the replies went out regardless.
    await this.pruneFiles().catch(() => undefined);
  }

  /** Sends one conversation's replies strictly in order; stops at the first that cannot go now. */
  private async deliverLane(rows: OutboxRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      let row = rows[i]!;
      if (row.state === 'failed') return; // a failed reply holds back the ones written after it
      if (this.sending.has(row.clientId)) return;
      if (!this.transport.isOnline()) return;
      this.sending.add(row.clientId);
      this.emit('message.updated', this.toThreadMessage(row));
      try {
        let attachmentIds: string[] | undefined;
        if (row.file) {
          row = rows[i] = await this.uploaded(row, row.file);
          attachmentIds = [row.file!.fileId!];
        }
        const { message, conversation } = await this.transport.request('message:send', {
          conversationId: row.conversationId,
          clientId: row.clientId,
          body: row.body,
          ...(attachmentIds ? { attachmentIds } : {}),
        });
        // The server's own push of this reply usually arrives before the ack and stored it already.
        if (this.store.claimWrite([conversation], [message])) {
          await this.store.db.write(async (tx) => {
            await this.store.putMessages(tx, [message]);
            await this.store.putConversations(tx, [conversation]);
          });
        }
        this.sending.delete(row.clientId);
        if (row.file) await this.files?.remove(row.clientId);
        this.emit('message.updated', asSent(message));
        // The stored copy carries what the inbox adds (unread count, labels), and may be newer still.
        const stored = await this.store.conversation(conversation.id);
        if (stored) this.emit('conversation.updated', stored);
      } catch (err) {
        this.sending.delete(row.clientId);
        const error = toAppError(err);
        if (transient.has(error.code)) {
          this.emit('message.updated', this.toThreadMessage(row));
          // The server was slow, or asked to wait (a busy socket): tried again, no sooner than it asked.
          if ((error.code === 'timeout' || error.code === 'rate_limited') && this.transport.isOnline()) this.scheduleRetry(retryAfterMs(error));
          return;
        }
        if (returnsToDraft.has(error.code)) {
          await this.returnToDraft(rows.slice(i), error.toJSON());
          return;
        }
        await this.store.db.write((tx) => this.store.setOutboxState(tx, row.clientId, 'failed', error.toJSON()));
        this.emit('message.updated', this.toThreadMessage({ ...row, state: 'failed', error: error.toJSON() }));
        return;
      }
    }
  }

  /** The conversation changed hands or was resolved: these replies become the draft again. */
  private async returnToDraft(rows: OutboxRow[], reason: AppErrorShape): Promise<void> {
    const conversationId = rows[0]!.conversationId;
    const draft = await this.store.db.write(async (tx) => {
      await this.store.removeFromOutbox(tx, rows.map((r) => r.clientId));
      return this.mergeIntoDraft(tx, conversationId, rows.map((r) => r.body), reason);
    });
    for (const row of rows) {
      if (row.file) await this.files?.remove(row.clientId);
      this.emit('message.removed', { conversationId, clientId: row.clientId });
    }
    this.emit('draft.updated', { conversationId, draft });
    const conversation = await this.store.conversation(conversationId);
    if (conversation) this.emit('conversation.updated', conversation);
  }

  private async mergeIntoDraft(
    tx: SqlWriter,
    conversationId: string,
    bodies: string[],
    reason: AppErrorShape | null,
  ): Promise<Draft> {
    const existing = await this.store.draft(conversationId);
    const body = [...bodies, existing?.body ?? ''].filter((b) => b.length > 0).join('\n\n');
    const draft: Draft = { conversationId, body, updatedAt: new Date(this.clock.now()).toISOString(), reason: reason ?? existing?.reason ?? null };
    await this.store.putDraft(tx, draft);
    return draft;
  }

  /**
   * The row with its file on the server: uploaded now, or earlier (a send that failed after the
   * upload, a restart in between) and then not again. The id is stored before the send is tried.
   */
  private async uploaded(row: OutboxRow, file: OutboxFile): Promise<OutboxRow> {
    if (file.fileId) return row;
    const bytes = await this.files?.read(row.clientId);
    if (!bytes || !this.uploader) throw new AppError('internal', 'The file of this reply is no longer on this computer');
    const { fileId } = await this.uploader.upload(row.conversationId, file.name, bytes);
    const stored: OutboxFile = { ...file, fileId };
    await this.store.db.write((tx) => this.store.setOutboxFile(tx, row.clientId, stored));
    return { ...row, file: stored };
  }

  private scheduleRetry(atLeastMs = 0): void {
    if (this.retryTimer) return;
    this.retryTimer = this.clock.after(Math.max(this.retryDelayMs, atLeastMs), () => {
      this.retryTimer = null;
      return this.flush();
    });
  }

  private async entry(clientId: string): Promise<OutboxRow> {
    const row = await this.store.outboxEntry(clientId);
    if (!row) throw new AppError('not_found', 'This reply is no longer waiting to be sent');
    if (this.sending.has(clientId)) throw new AppError('conflict', 'This reply is being sent right now');
    return row;
  }

  private toThreadMessage(row: OutboxRow): ThreadMessage {
    const user = this.author();
    const delivery = row.state === 'failed' ? 'failed' : this.sending.has(row.clientId) ? 'sending' : 'queued';
    return {
      id: row.clientId,
      conversationId: row.conversationId,
      seq: 0,
      senderType: 'agent',
      senderId: user?.id ?? null,
      senderName: user?.name ?? null,
      body: row.body,
      clientId: row.clientId,
      createdAt: row.createdAt,
      internal: false,
      delivery,
      error: row.error,
      ...(row.file ? { attachment: waitingAttachment(row.file, row.body) } : {}),
    };
  }
}

/** A file still in the outbox as the thread shows it: a card with its name and size, no stored copy yet. */
function waitingAttachment(file: OutboxFile, caption: string): Attachment {
  return {
    kind: file.mimeType.startsWith('image/') ? 'image' : 'document',
    mediaId: null,
    url: null,
    mimeType: file.mimeType,
    fileName: file.name,
    size: file.size,
    caption: caption || null,
    latitude: null,
    longitude: null,
    label: null,
  };
}

function assignee(name: string | null): Record<string, string> | undefined {
  return name ? { assigneeName: name } : undefined;
}
