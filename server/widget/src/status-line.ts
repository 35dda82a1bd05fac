import type { WidgetTranslate } from '../../../shared/i18n/widget';

/** `busy`: the server asked this network to wait before another new chat (rate_limited); it is tried again. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'unavailable' | 'busy';

/** The line under the header saying whether the chat is connected. */
export class StatusLine {
  constructor(
    private readonly element: HTMLElement,
    private readonly t: WidgetTranslate,
  ) {}

  show(state: ConnectionState): void {
    this.element.setAttribute('data-state', state);
    this.element.textContent = this.t(`widget.status.${state}`);
  }

  /** A note about the customer's own action (a message too long), until the connection changes. */
  note(text: string): void {
    this.element.textContent = text;
  }
}
