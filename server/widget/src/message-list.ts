import type { VisitorMessage } from '../../../shared/protocol';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import { widgetSystemLineText } from '../../../shared/i18n/system-line-text';
import { renderMarkdown, renderPlainText } from './rich-text';
import { renderSurveyCard, type SurveyAnswerHandler } from './survey-card';
import { renderFile, type FileLinks } from './file-card';

/**
 * How far one of the customer's messages got: on its way (`sending`), kept until the chat is
 * connected again (`failed`), stored by the server (`sent`, read as "Delivered"), or read by an
 * agent (`read`). Agents' messages are shown as `sent`.
 */
export type Delivery = 'sending' | 'failed' | 'sent' | 'read';

/** What a bubble shows: a stored message, or one of the customer's still on its way (no id yet). */
export type ShownMessage = Pick<VisitorMessage, 'from' | 'body'> &
  Partial<Pick<VisitorMessage, 'id' | 'senderName' | 'createdAt' | 'system' | 'choices' | 'surveyRating' | 'file'>>;

/** The customer clicked one of the bot's picks: `reply` is sent as their message. */
export type ChoiceHandler = (reply: string) => void;

/**
 * One message as a list item. Text is built as DOM nodes, never parsed as HTML: a message reading
 * `<img onerror=…>` shows those characters. Agents' and the bot's Markdown shows formatted, and
 * web addresses are links (see rich-text.ts).
 */
export function renderMessage(
  doc: Document,
  t: WidgetTranslate,
  time: Intl.DateTimeFormat,
  message: ShownMessage,
  delivery: Delivery,
  onChoice?: ChoiceHandler,
  onSurvey?: SurveyAnswerHandler,
  links?: FileLinks,
): HTMLLIElement {
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
  const formatted = message.from === 'agent' || message.from === 'bot';
  if (formatted) bubble.classList.add('msg__bubble--md');
  // A file shows itself; the text is then its caption (the body only describes the file).
  const text = message.from === 'system' ? widgetSystemLineText(t, message) : message.file ? (message.file.caption ?? '') : message.body;
  if (message.file && links) item.appendChild(renderFile(doc, t, message.file, links));
  if (text) {
    bubble.appendChild(formatted ? renderMarkdown(doc, text) : renderPlainText(doc, text));
    item.appendChild(bubble);
  }
  if (message.from === 'bot' && message.choices && message.choices.length > 0 && onChoice) item.appendChild(renderChoices(doc, message.choices, onChoice));
  // A satisfaction survey after the chat was resolved: the question with stars to answer it.
  if (message.from === 'system' && message.system?.code === 'csat_survey' && message.id && onSurvey) {
    item.classList.add('msg--survey');
    item.appendChild(renderSurveyCard(doc, t, message.id, onSurvey, message.surveyRating ?? null));
  }
  const meta = doc.createElement('time');
  meta.className = 'msg__meta';
  item.appendChild(meta);
  updateDelivery(item, t, time, message, delivery);
  return item;
}

/** The bot's picks as buttons; a click takes them away (the pick is made) and sends its reply. */
function renderChoices(doc: Document, choices: NonNullable<ShownMessage['choices']>, onChoice: ChoiceHandler): HTMLElement {
  const row = doc.createElement('div');
  row.className = 'msg__choices';
  row.setAttribute('data-testid', 'widget-choices');
  for (const choice of choices) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'msg__choice';
    button.textContent = choice.title;
    button.addEventListener('click', () => {
      row.remove();
      onChoice(choice.reply);
    });
    row.appendChild(button);
  }
  return row;
}

/**
 * The line under a bubble: "Sending…", "Not sent yet", or the time it was stored, with
 * "Delivered" or "Read" under the customer's own.
 */
export function updateDelivery(item: HTMLElement, t: WidgetTranslate, time: Intl.DateTimeFormat, message: ShownMessage, delivery: Delivery): void {
  const meta = item.querySelector('.msg__meta');
  item.setAttribute('data-delivery', delivery);
  if (!meta) return;
  if (delivery === 'sending') meta.textContent = t('widget.message.sending');
  else if (delivery === 'failed') meta.textContent = t('widget.message.failed');
  else if (message.createdAt) {
    const at = time.format(new Date(message.createdAt));
    meta.textContent = message.from === 'me'
      ? t('widget.message.receipt', { time: at, state: delivery === 'read' ? 'read' : 'delivered' })
      : at;
    meta.setAttribute('datetime', message.createdAt);
  }
}

/** The conversation on screen: stored messages in sequence order, then the ones still being sent. */
export class MessageList {
  private readonly byId = new Map<string, { item: HTMLLIElement; message: VisitorMessage }>();
  private readonly time: Intl.DateTimeFormat;
  /** An agent read the customer's messages up to this sequence number. */
  private readUpTo = 0;

  constructor(
    private readonly list: HTMLElement,
    private readonly emptyNote: HTMLElement | null,
    private readonly t: WidgetTranslate,
    language: string,
    private readonly onChoice?: ChoiceHandler,
    private readonly onSurvey?: SurveyAnswerHandler,
    private readonly links?: FileLinks,
  ) {
    this.time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  }

  render(message: ShownMessage, delivery: Delivery): HTMLLIElement {
    return renderMessage(this.list.ownerDocument, this.t, this.time, message, delivery, this.onChoice, this.onSurvey, this.links);
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
    const item = this.render(message, message.from === 'me' && message.seq <= this.readUpTo ? 'read' : 'sent');
    this.byId.set(message.id, { item, message });
    this.insertInOrder(item, message.seq);
    this.keepNewestChoices();
    this.scrollToEnd();
  }

  /** Only the newest message's picks can be clicked: anything said after them answers or passes them. */
  private keepNewestChoices(): void {
    let newest = -1;
    for (const { message } of this.byId.values()) newest = Math.max(newest, message.seq);
    for (const { item, message } of this.byId.values()) {
      if (message.seq < newest) item.querySelector('.msg__choices')?.remove();
    }
  }

  /** An agent read the customer's messages up to `seq`: those show "Read". Marks only move forward. */
  markRead(seq: number): void {
    if (seq <= this.readUpTo) return;
    this.readUpTo = seq;
    for (const { item, message } of this.byId.values()) {
      if (message.from === 'me' && message.seq <= seq && item.getAttribute('data-delivery') !== 'read') this.updateDelivery(item, message, 'read');
    }
  }

  /** The newest message from the shop (an agent, the bot or a notice) on screen; 0 when none. */
  newestFromShop(): number {
    let newest = 0;
    for (const { message } of this.byId.values()) if (message.from !== 'me' && message.seq > newest) newest = message.seq;
    return newest;
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
