import { uploadResultSchema, type AttachmentUrlResult, type UploadResult } from '../../shared/attachments';
import type { EventSink, ThreadMessage } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import { adminRestCaller, type AdminRestDeps } from './admin-rest';
import type { CacheStore } from './cache/cache-store';
import { uuidv7 } from './ids';
import { asSent } from './thread-message';

/** The part of the connection file replies and links need. */
export interface FileTransport {
  isOnline(): boolean;
  request<K extends Extract<AgentRequestName, 'attachments:url' | 'message:send'>>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

export interface FileRepliesDeps {
  rest: AdminRestDeps;
  transport: FileTransport;
  store: () => Promise<CacheStore>;
  emit: EventSink;
}

/**
 * Files in the thread: signed links to stored files, an agent's upload, and the reply that sends
 * it at once. Online only: without the connection each call fails with `offline`; a file sent
 * offline goes through the outbox instead (Outbox.sendFile), which uploads with `upload` here.
 */
export class FileReplies {
  private readonly rest: ReturnType<typeof adminRestCaller>;

  constructor(private readonly deps: FileRepliesDeps) {
    this.rest = adminRestCaller(deps.rest);
  }

  /** A stored file's signed link, made absolute on the server this user is signed in to. */
  async url(fileId: string, variant?: 'original' | 'playable'): Promise<AttachmentUrlResult> {
    this.requireOnline('Opening a file');
    const link = await this.deps.transport.request('attachments:url', variant ? { fileId, variant } : { fileId });
    return { url: new URL(link.url, this.deps.rest.serverUrl()).toString(), expiresAt: link.expiresAt };
  }

  /** Uploads the file's bytes for a reply in `conversationId`; answers what the server kept. */
  upload(conversationId: string, name: string, bytes: Uint8Array): Promise<UploadResult> {
    this.requireOnline('Sending a file');
    const path = `/api/conversations/${encodeURIComponent(conversationId)}/uploads?name=${encodeURIComponent(name)}`;
    return this.rest('Sending a file', { method: 'POST', path, body: bytes }, uploadResultSchema);
  }

  /** Sends an uploaded file with its caption; the stored reply goes into the cache and the thread. */
  async send(conversationId: string, fileId: string, caption: string): Promise<ThreadMessage> {
    this.requireOnline('Sending a file');
    const { message, conversation } = await this.deps.transport.request('message:send', {
      conversationId,
      clientId: uuidv7(),
      body: caption,
      attachmentIds: [fileId],
    });
    const store = await this.deps.store();
    // The server's own push of this reply usually arrives before the answer and stored it already.
    if (store.claimWrite([conversation], [message])) {
      await store.db.write(async (tx) => {
        await store.putMessages(tx, [message]);
        await store.putConversations(tx, [conversation]);
      });
    }
    const stored = await store.conversation(conversation.id);
    if (stored) this.deps.emit('conversation.updated', stored);
    return asSent(message);
  }

  private requireOnline(what: string): void {
    if (!this.deps.transport.isOnline()) throw new AppError('offline', `${what} needs the connection`);
  }
}
