import type { VisitorMessage } from '../../../shared/protocol';
import type { WidgetTranslate } from '../../../shared/i18n/widget';

export type Delivery = 'sending' | 'failed' | 'sent';

/** What a bubble shows: a stored message, or one of the customer's still on its way (no id yet). */
export type ShownMessage = Pick<VisitorMessage, 'from' | 'body'> &
  Partial<Pick<VisitorMessage, 'id' | 'senderName' | 'createdAt'>>;

/**
 * One message as a list item. Customer and agent text is set as text, never parsed as HTML: a
 * message reading `<img onerror=…>` shows those characters.
 */
export function renderMessage(doc: Document, t: WidgetTranslate, time: Intl.DateTimeFormat, message: ShownMessage, delivery: Delivery): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = `msg msg--${message.from}`;
  item.setAttribute('data-testid', 'widget-message');
  item.setAttribute('data-from', message.from);
  item.setAttribute('data-delivery', delivery);
  if (message.id) item.setAttribute('data-id', message.id);
  if (message.from === 'agent' || message.from === 'bot') {
    const sender = doc.createElement('span');
    sender.className = 'msg__sender';
    sender.textContent = message.senderName || (message.from === 'bot' ? t('widget.message.bot') : t('widget.message.agent'));
    item.appendChild(sender);
  }
  const bubble = doc.createElement('div');
  bubble.className = 'msg__bubble';
  bubble.textContent = message.body;
  item.appendChild(bubble);
  const meta = doc.createElement('time');
  meta.className = 'msg__meta';
  item.appendChild(meta);
  updateDelivery(item, t, time, message, delivery);
  return item;
}

/** The line under a bubble: "Sending…", "Not sent yet", or the time it was stored. */
export function updateDelivery(item: HTMLElement, t: WidgetTranslate, time: Intl.DateTimeFormat, message: ShownMessage, delivery: Delivery): void {
  const meta = item.querySelector('.msg__meta');
  item.setAttribute('data-delivery', delivery);
  if (!meta) return;
  if (delivery === 'sending') meta.textContent = t('widget.message.sending');
  else if (delivery === 'failed') meta.textContent = t('widget.message.failed');
  else if (message.createdAt) {
    meta.textContent = time.format(new Date(message.createdAt));
    meta.setAttribute('datetime', message.createdAt);
  }
}

/** The conversation on screen: stored messages in sequence order, then the ones still being sent. */
export class MessageList {
  private readonly byId = new Map<string, HTMLLIElement>();
  private readonly time: Intl.DateTimeFormat;

  constructor(
    private readonly list: HTMLElement,
    private readonly emptyNote: HTMLElement | null,
    private readonly t: WidgetTranslate,
    language: string,
  ) {
    this.time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  }

  render(message: ShownMessage, delivery: Delivery): HTMLLIElement {
    return renderMessage(this.list.ownerDocument, this.t, this.time, message, delivery);
  }

  updateDelivery(item: HTMLElement, message: ShownMessage, delivery: Delivery): void {
    updateDelivery(item, this.t, this.time, message, delivery);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Shows a stored message once; `replaces` is the pending copy of it to take away, if any. */
  showStored(message: VisitorMessage, replaces?: HTMLElement): void {
    this.hideEmptyNote();
    if (this.byId.has(message.id)) return;
    replaces?.remove();
    const item = this.render(message, 'sent');
    this.byId.set(message.id, item);
    this.insertInOrder(item, message.seq);
    this.scrollToEnd();
  }

  /** A message of the customer's, after everything shown so far. */
  appendPending(item: HTMLElement): void {
    this.hideEmptyNote();
    this.list.appendChild(item);
  }

  hideEmptyNote(): void {
    if (this.emptyNote?.parentNode) this.emptyNote.remove();
  }

  scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }

  private insertInOrder(item: HTMLElement, seq: number): void {
    item.setAttribute('data-seq', String(seq));
    for (const child of this.list.querySelectorAll('.msg[data-seq]')) {
      if (Number(child.getAttribute('data-seq')) > seq) {
        this.list.insertBefore(item, child);
        return;
      }
    }
    // Stored messages go before the ones still being sent.
    this.list.insertBefore(item, this.list.querySelector('.msg:not([data-seq])'));
  }
}
