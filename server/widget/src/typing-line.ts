import { TYPING_TTL_MS } from '../../../shared/domain';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { ReconnectTimers } from './reconnect';

/**
 * "An agent is typing…" above the text box. The agent's desktop says it again every few seconds
 * while typing; without that it lapses after TYPING_TTL_MS, so a closed desktop never leaves it on.
 */
export class TypingLine {
  private expiry: { handle: unknown } | null = null;

  constructor(
    private readonly element: HTMLElement,
    private readonly t: WidgetTranslate,
    private readonly timers: ReconnectTimers,
  ) {
    this.element.hidden = true;
  }

  show(typing: boolean): void {
    if (this.expiry) this.timers.clearTimeout(this.expiry.handle);
    this.expiry = null;
    this.element.hidden = !typing;
    this.element.textContent = typing ? this.t('widget.typing.agent') : '';
    if (typing) this.expiry = { handle: this.timers.setTimeout(() => this.show(false), TYPING_TTL_MS) };
  }

  get shown(): boolean {
    return !this.element.hidden;
  }
}
