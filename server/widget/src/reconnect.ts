import { backoffDelay, type BackoffCurve } from '../../../shared/backoff';

/** The widget's retry curve: 1 s, 2 s, 4 s … up to 15 s, jittered so a restarted server is not hit by every page at once. */
export const WIDGET_RECONNECT_CURVE: BackoffCurve = { baseMs: 1_000, capMs: 15_000, jitter: 'upper-half' };

/** A planned callback; `cancel` is safe to call more than once. */
export type TimerHandle = { cancel(): void };
/** The page's one-shot timers (window.setTimeout, the shape of server/lib/timers.ts so tests pass ManualTimers). */
export type PageTimers = { timeout(ms: number, fn: () => void): TimerHandle };

export type ReconnectOptions = {
  /** Opens the socket again (socket.io's `connect()`). */
  connect(): void;
  connected(): boolean;
  timers: PageTimers;
  curve?: BackoffCurve;
  random?: () => number;
};

/**
 * When the widget's socket connects again. socket.io retries a lost transport by itself but not a
 * server that said goodbye ('io server disconnect', as at a restart), and a sleeping laptop may
 * wake long after the last retry was planned. So the page retries on its own curve after any loss
 * or failed attempt, and at once when the browser says it is back (online, page visible).
 */
export class Reconnector {
  private failures = 0;
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly options: ReconnectOptions) {}

  /** The socket is connected: the next loss starts the curve from its first step. */
  succeeded(): void {
    this.failures = 0;
    this.cancel();
  }

  /** The socket was lost or an attempt failed: tries again after the next step of the curve. */
  failed(): void {
    if (this.stopped || this.timer) return;
    const wait = backoffDelay(this.options.curve ?? WIDGET_RECONNECT_CURVE, this.failures, this.options.random);
    this.failures += 1;
    this.timer = this.options.timers.timeout(wait, () => this.attempt());
  }

  /** The network is back or the page is shown again: an attempt now, if one is needed. */
  wake(): void {
    if (this.stopped || this.options.connected()) return;
    this.cancel();
    this.attempt();
  }

  /** No more attempts (the chat is not available). */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private attempt(): void {
    this.timer = null;
    if (this.stopped || this.options.connected()) return;
    this.options.connect();
  }

  private cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
