import type { EventSink, ThreadMessage } from '../../shared/contract';
import type { Conversation, Message } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Connection } from './connection';
import { uuidv7 } from './ids';

/**
 * The agent's view of conversations and messages, kept from the server's answers and pushes.
 * Every change is pushed to the UI as a contract event.
 */
export class InboxService {
  private readonly conversations = new Map<string, Conversation>();
  private readonly threads = new Map<string, Map<string, ThreadMessage>>();

  constructor(
    private readonly connection: Connection,
    private readonly emit: EventSink,
  ) {}

  /** Reloads the conversation list from the server (on every connect). */
  async refreshConversations(): Promise<void> {
    const { conversations } = await this.connection.request('conversations:list', {});
    for (const conversation of conversations) this.applyConversation(conversation);
  }

  /** The conversations this agent may see: fresh from the server when online, else as last known. */
  async listConversations(): Promise<Conversation[]> {
    if (this.connection.isOnline()) await this.refreshConversations();
    return this.cachedConversations();
  }

  private cachedConversations(): Conversation[] {
    return [...this.conversations.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  }

  async listMessages(conversationId: string): Promise<ThreadMessage[]> {
    if (this.connection.isOnline()) {
      const { messages } = await this.connection.request('messages:list', { conversationId });
      for (const message of messages) this.storeMessage(sent(message));
    } else if (!this.threads.has(conversationId)) {
      throw new AppError('offline', 'This conversation is not available offline yet');
    }
    return this.thread(conversationId);
  }

  /** Sends a reply and resolves with it once the server stored it (or with the reason it failed). */
  async send(conversationId: string, body: string): Promise<ThreadMessage> {
    if (!this.connection.isOnline()) throw new AppError('offline', 'You are offline; the reply was not sent');
    const clientId = uuidv7();
    const pending: ThreadMessage = {
      id: clientId,
      conversationId,
      seq: 0,
      senderType: 'agent',
      senderId: null,
      senderName: null,
      body,
      clientId,
      createdAt: new Date().toISOString(),
      delivery: 'sending',
      error: null,
    };
    this.storeMessage(pending, true);
    try {
      const { message, conversation } = await this.connection.request('message:send', {
        conversationId,
        clientId,
        body,
      });
      this.threads.get(conversationId)?.delete(clientId);
      const stored = this.storeMessage(sent(message), true);
      this.applyConversation(conversation);
      return stored;
    } catch (err) {
      const error = err instanceof AppError ? err : new AppError('internal', String(err));
      return this.storeMessage({ ...pending, delivery: 'failed', error: error.toJSON() }, true);
    }
  }

  applyConversation(conversation: Conversation): void {
    const known = this.conversations.get(conversation.id);
    if (known && known.seq > conversation.seq) return;
    this.conversations.set(conversation.id, conversation);
    this.emit('conversation.updated', conversation);
  }

  applyMessage(message: Message): void {
    this.storeMessage(sent(message), true);
  }

  clear(): void {
    this.conversations.clear();
    this.threads.clear();
  }

  private thread(conversationId: string): ThreadMessage[] {
    const messages = [...(this.threads.get(conversationId)?.values() ?? [])];
    return messages.sort((a, b) => order(a) - order(b) || a.createdAt.localeCompare(b.createdAt));
  }

  private storeMessage(message: ThreadMessage, notify = false): ThreadMessage {
    let thread = this.threads.get(message.conversationId);
    if (!thread) {
      thread = new Map();
      this.threads.set(message.conversationId, thread);
    }
    // Our own reply comes back both as the ack and as a push; the pending copy is keyed by client id.
    if (message.clientId && message.delivery === 'sent') thread.delete(message.clientId);
    thread.set(message.id, message);
    if (notify) this.emit('message.updated', message);
    return message;
  }
}

function sent(message: Message): ThreadMessage {
  return { ...message, delivery: 'sent', error: null };
}

/** Stored messages sort by their sequence number; ones still on their way go last. */
function order(message: ThreadMessage): number {
  return message.delivery === 'sent' ? message.seq : Number.MAX_SAFE_INTEGER;
}
