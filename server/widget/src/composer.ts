import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import type { VisitorMessage } from '../../../shared/protocol';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { SendPayload, VisitorConnection } from './connection';
import type { GroupMenu } from './group-menu';
import type { MessageList } from './message-list';
import type { StatusLine } from './status-line';

/** A message the customer wrote that the server has not stored yet. */
type PendingMessage = { clientId: string; body: string; from: 'me'; groupId?: string; inFlight: boolean; item: HTMLElement };

export type ComposerParts = {
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  connection: VisitorConnection;
  messages: MessageList;
  menu: GroupMenu;
  status: StatusLine;
  t: WidgetTranslate;
  newClientId: () => string;
};

/** The tallest the input grows, in pixels, before it scrolls. */
const MAX_INPUT_HEIGHT = 140;

/**
 * The text box and the customer's messages on their way. A message keeps its client id across
 * resends, so the server stores it once however often it is sent.
 */
export class Composer {
  private readonly pending = new Map<string, PendingMessage>();

  constructor(private readonly parts: ComposerParts) {
    const { form, input } = parts;
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
    input.addEventListener('input', () => this.autosize());
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Shows a stored message, in place of its pending copy when it was one of ours. */
  showStored(message: VisitorMessage): void {
    const { messages } = this.parts;
    if (messages.has(message.id)) {
      messages.hideEmptyNote();
      return;
    }
    const entry = message.clientId ? this.pending.get(message.clientId) : undefined;
    if (entry) this.pending.delete(entry.clientId);
    messages.showStored(message, entry?.item);
  }

  /** Sends every message still waiting (after a connect), except those already on their way. */
  flush(): void {
    for (const entry of this.pending.values()) if (!entry.inFlight) this.send(entry);
  }

  focus(): void {
    this.parts.input.focus();
  }

  private submit(): void {
    const { input, messages, menu, connection, status, t } = this.parts;
    const body = input.value.trim();
    if (!body) return;
    if (body.length > MAX_MESSAGE_LENGTH) {
      status.note(t('widget.composer.tooLong'));
      return;
    }
    messages.hideEmptyNote();
    const clientId = this.parts.newClientId();
    const groupId = menu.takeChoice();
    const shown = { from: 'me' as const, body };
    const entry: PendingMessage = {
      clientId,
      body,
      from: 'me',
      inFlight: false,
      item: messages.render(shown, connection.connected ? 'sending' : 'failed'),
      ...(groupId ? { groupId } : {}),
    };
    this.pending.set(clientId, entry);
    messages.appendPending(entry.item);
    input.value = '';
    this.autosize();
    messages.scrollToEnd();
    this.send(entry);
  }

  private send(entry: PendingMessage): void {
    const { connection, messages } = this.parts;
    if (!connection.connected) return;
    entry.inFlight = true;
    const payload: SendPayload = { clientId: entry.clientId, body: entry.body, ...(entry.groupId ? { groupId: entry.groupId } : {}) };
    connection.send(payload, (stored) => {
      entry.inFlight = false;
      if (stored) this.showStored(stored);
      else if (this.pending.has(entry.clientId)) messages.updateDelivery(entry.item, entry, 'failed');
    });
  }

  private autosize(): void {
    const { input } = this.parts;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  }
}
