import { TYPING_REPEAT_MS } from '../../../shared/domain';
import type { PageTimers, TimerHandle } from './reconnect';

/** Without a keystroke for this long, the customer is no longer typing. */
export const TYPING_PAUSE_MS = 5_000;

export type TypingSignalOptions = {
  /** Tells the agents (best effort). */
  send(typing: boolean): void;
  timers: PageTimers;
  now(): number;
};

/**
 * Whether the customer is typing, as the agents are told: "typing" at the first keystroke and
 * again at most every TYPING_REPEAT_MS while keys keep coming, "stopped" when the box is emptied,
 * the message is sent or the keys pause. Never the text.
 */
export class TypingSignal {
  private typing = false;
  private lastSaid = 0;
  private pause: TimerHandle | null = null;

  constructor(private readonly options: TypingSignalOptions) {}

  /** The text box now holds `text`. */
  input(text: string): void {
    if (text.trim() === '') {
      this.stop();
      return;
    }
    const now = this.options.now();
    if (!this.typing || now - this.lastSaid >= TYPING_REPEAT_MS) {
      this.typing = true;
      this.lastSaid = now;
      this.options.send(true);
    }
    this.restartPause();
  }

  /** The message went (or the box was cleared): the agents see the customer stop. */
  stop(): void {
    this.cancelPause();
    if (!this.typing) return;
    this.typing = false;
    this.options.send(false);
  }

  private restartPause(): void {
    this.cancelPause();
    this.pause = this.options.timers.timeout(TYPING_PAUSE_MS, () => this.stop());
  }

  private cancelPause(): void {
    this.pause?.cancel();
    this.pause = null;
  }
}
