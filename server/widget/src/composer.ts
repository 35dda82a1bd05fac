import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import { backoffDelay } from '../../../shared/backoff';
import type { VisitorMessage } from '../../../shared/protocol';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { SendPayload, VisitorConnection } from './connection';
import type { GroupMenu } from './group-menu';
import type { MessageList } from './message-list';
import type { PendingRecord, PendingStore } from './pending-store';
import { WIDGET_RECONNECT_CURVE, type PageTimers, type TimerHandle } from './reconnect';
import type { StatusLine } from './status-line';
import type { TypingSignal } from './typing-signal';

/** A message the customer wrote that the server has not stored yet. */
type PendingMessage = PendingRecord & { from: 'me'; item: HTMLElement };

export type ComposerParts = {
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  connection: Pick<VisitorConnection, 'connected' | 'send'>;
  messages: MessageList;
  menu: Pick<GroupMenu, 'takeChoice'>;
  status: Pick<StatusLine, 'note'>;
  t: WidgetTranslate;
  newClientId: () => string;
  /** Where unsent messages are kept across reloads. */
  store: PendingStore;
  typing: Pick<TypingSignal, 'input' | 'stop'>;
  /** When a send failed on a live connection (too many at once, no answer), the next try waits on these. */
  timers: PageTimers;
};

/** The tallest the input grows, in pixels, before it scrolls. */
const MAX_INPUT_HEIGHT = 140;

/**
 * The text box and the customer's messages on their way. Unsent messages are kept (with their
 * client ids) in the page's storage until the server stored them, shown as pending, and sent one
 * at a time in the order written; a message keeps its client id across resends and reloads, so the
 * server stores it once however often it is sent.
 */
export class Composer {
  /** In the order written. */
  private readonly pending = new Map<string, PendingMessage>();
  /** The send waiting for its ack; a late ack of an earlier attempt (before a reconnect) is ignored. */
  private inFlight: { clientId: string; attempt: number } | null = null;
  private attempts = 0;
  /** Failed sends in a row on a live connection: the next try waits longer (the shared backoff). */
  private failures = 0;
  private retry: TimerHandle | null = null;

  constructor(private readonly parts: ComposerParts) {
    const { form, input, messages, store } = parts;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
      input.focus();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener('input', () => {
      this.autosize();
      parts.typing.input(input.value);
    });
    for (const record of store.load()) {
      const entry: PendingMessage = { ...record, from: 'me', item: messages.render({ from: 'me', body: pendingText(record) }, 'failed') };
      this.pending.set(record.clientId, entry);
      messages.appendPending(entry.item);
    }
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Shows a stored message, in place of its pending copy when it was one of ours. */
  showStored(message: VisitorMessage): void {
    const { messages } = this.parts;
    const entry = message.clientId ? this.pending.get(message.clientId) : undefined;
    if (entry) {
      this.pending.delete(entry.clientId);
      this.persist();
    }
    if (messages.has(message.id)) {
      entry?.item.remove();
      messages.hideEmptyNote();
      return;
    }
    messages.showStored(message, entry?.item);
  }

  /** Sends the messages still waiting, one at a time in order (after a connect). */
  flush(): void {
    this.retry?.cancel();
    this.retry = null;
    this.failures = 0;
    this.pump();
  }

  /** The connection was lost: what was on its way shows as waiting for the connection. */
  disconnected(): void {
    this.inFlight = null;
    for (const entry of this.pending.values()) this.parts.messages.updateDelivery(entry.item, entry, 'failed');
  }

  focus(): void {
    this.parts.input.focus();
  }

  /** Sends a pick the customer clicked (one of the bot's buttons) as their message; what they were typing stays. */
  choose(reply: string): void {
    const body = reply.trim();
    if (!body || body.length > MAX_MESSAGE_LENGTH) return;
    this.enqueue(body);
    this.parts.messages.scrollToEnd();
  }

  /** Sends a file the server already kept, with what is typed as its caption (which then leaves the text box). */
  sendFile(upload: { fileId: string; fileName: string }): void {
    const { input, messages } = this.parts;
    const caption = input.value.trim().slice(0, MAX_MESSAGE_LENGTH);
    this.enqueue(caption, upload);
    input.value = '';
    this.autosize();
    this.parts.typing.stop();
    messages.scrollToEnd();
  }

  private submit(): void {
    const { input, messages, status, t } = this.parts;
    const body = input.value.trim();
    if (!body) return;
    if (body.length > MAX_MESSAGE_LENGTH) {
      status.note(t('widget.composer.tooLong'));
      return;
    }
    this.enqueue(body);
    input.value = '';
    this.autosize();
    this.parts.typing.stop();
    messages.scrollToEnd();
  }

  /** Keeps a message of the customer's as pending (stored in the page) and sends it in its turn. */
  private enqueue(body: string, upload?: PendingRecord['upload']): void {
    const { messages, menu, connection } = this.parts;
    messages.hideEmptyNote();
    const groupId = menu.takeChoice();
    const record: PendingRecord = { clientId: this.parts.newClientId(), body, ...(groupId ? { groupId } : {}), ...(upload ? { upload } : {}) };
    const entry: PendingMessage = { ...record, from: 'me', item: messages.render({ from: 'me', body: pendingText(record) }, connection.connected ? 'sending' : 'failed') };
    this.pending.set(record.clientId, entry);
    this.persist();
    messages.appendPending(entry.item);
    this.pump();
  }

  /** Sends the oldest waiting message, then the next once it is stored. */
  private pump(): void {
    const { connection, messages } = this.parts;
    if (this.inFlight !== null || !connection.connected) return;
    const entry = this.pending.values().next().value;
    if (!entry) return;
    const attempt = { clientId: entry.clientId, attempt: ++this.attempts };
    this.inFlight = attempt;
    messages.updateDelivery(entry.item, entry, 'sending');
    const payload: SendPayload = {
      clientId: entry.clientId, body: entry.body, ...(entry.groupId ? { groupId: entry.groupId } : {}), ...(entry.upload ? { attachmentIds: [entry.upload.fileId] } : {}),
    };
    connection.send(payload, (stored, errorCode) => {
      if (stored) {
        // Stored, even when the answer comes late: shown once, in place of its pending copy.
        if (this.inFlight === attempt) this.inFlight = null;
        this.failures = 0;
        this.showStored(stored);
        this.pump();
        return;
      }
      if (this.inFlight !== attempt) return;
      this.inFlight = null;
      if (errorCode === 'bad_request' && entry.groupId) {
        // The topic picked is gone: the message goes without it rather than never.
        delete entry.groupId;
        this.persist();
        this.pump();
        return;
      }
      // Everything after it waits too, so the order holds: until the next connect, or (still
      // connected: too many at once, no answer) a while on the backoff curve.
      if (this.pending.has(entry.clientId)) messages.updateDelivery(entry.item, entry, 'failed');
      if (connection.connected && !this.retry) {
        const wait = backoffDelay(WIDGET_RECONNECT_CURVE, this.failures++);
        this.retry = this.parts.timers.timeout(wait, () => {
          this.retry = null;
          this.pump();
        });
      }
    });
  }

  private persist(): void {
    this.parts.store.save([...this.pending.values()].map(({ clientId, body, groupId, upload }) => ({ clientId, body, ...(groupId ? { groupId } : {}), ...(upload ? { upload } : {}) })));
  }

  private autosize(): void {
    const { input } = this.parts;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  }
}

/** What a message still on its way shows: its text, or the name of the file it sends. */
function pendingText(record: PendingRecord): string {
  if (!record.upload) return record.body;
  return record.body ? `📎 ${record.upload.fileName}\n${record.body}` : `📎 ${record.upload.fileName}`;
}
