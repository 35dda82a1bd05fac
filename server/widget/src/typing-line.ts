import { TYPING_TTL_MS } from '../../../shared/domain';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { PageTimers, TimerHandle } from './reconnect';

/**
 * "An agent is typing…" above the text box. The agent's desktop says it again every few seconds
 * while typing; without that it lapses after TYPING_TTL_MS, so a closed desktop never leaves it on.
 */
export class TypingLine {
  private expiry: TimerHandle | null = null;

  constructor(
    private readonly element: HTMLElement,
    private readonly t: WidgetTranslate,
    private readonly timers: PageTimers,
  ) {
    this.element.hidden = true;
  }

  show(typing: boolean): void {
    this.expiry?.cancel();
    this.expiry = null;
    this.element.hidden = !typing;
    this.element.textContent = typing ? this.t('widget.typing.agent') : '';
    if (typing) this.expiry = this.timers.timeout(TYPING_TTL_MS, () => this.show(false));
  }
}
