import type { ActivityState } from '../../../shared/domain';
import { globalTimers, type Timers } from './draft-saver';

/** Typing previews go out at most this often (the last text always follows). */
export const TYPING_REPORT_INTERVAL_MS = 300;
/** Without a keystroke for this long, typing turns back into viewing. */
export const TYPING_PAUSE_MS = 5000;

/** One `activity.set` call. */
export interface ActivityReport {
  conversationId: string;
  state: ActivityState;
  /** The composer's text while typing. */
  preview?: string;
  /** Typing a reply to the customer (not a note or whisper): the customer sees "agent is typing…". */
  toCustomer?: boolean;
}

export interface ActivityReporterOptions {
  /** Tells the client core; failures are the caller's to handle (offline is skipped there). */
  send(report: ActivityReport): void;
  timers?: Timers;
  intervalMs?: number;
  pauseMs?: number;
}

/**
 * Decides what this user tells colleagues about the conversation they have open: viewing it,
 * typing in it (with the text, throttled), or gone (idle) when they switch away or the window is
 * hidden. Sends only changes.
 */
export interface ActivityReporter {
  /** The user opened a conversation (null: none): idle for the one before, viewing for this one. */
  open(conversationId: string | null): void;
  /** The composer's text changed in a conversation (a reply to the customer, or a note); empty text means viewing again. */
  typed(conversationId: string, text: string, toCustomer?: boolean): void;
  /** The window was hidden or blurred (false), or is back (true). */
  setVisible(visible: boolean): void;
  /** Says the current state again (the connection came back). */
  repeat(): void;
  /** Idle for the open conversation, timers cancelled (signing out, the page going away). */
  stop(): void;
}

export function createActivityReporter(options: ActivityReporterOptions): ActivityReporter {
  const timers = options.timers ?? globalTimers;
  const intervalMs = options.intervalMs ?? TYPING_REPORT_INTERVAL_MS;
  const pauseMs = options.pauseMs ?? TYPING_PAUSE_MS;

  let current: string | null = null;
  let visible = true;
  /** What colleagues were last told about `current`. */
  let told: { state: ActivityState; preview: string | null; toCustomer?: boolean } = { state: 'idle', preview: null };
  /** Whether the text being typed now is a reply the customer will get. */
  let toCustomer = false;
  /** While set, typing previews wait; `waiting` is the newest text held back. */
  let cooldown: { handle: unknown } | null = null;
  let waiting: string | null = null;
  let pause: { handle: unknown } | null = null;

  function tell(state: ActivityState, preview: string | null = null): void {
    if (current === null) return;
    const replying = state === 'typing' && toCustomer;
    if (told.state === state && told.preview === preview && (told.toCustomer ?? false) === replying) return;
    told = { state, preview, toCustomer: replying };
    const report: ActivityReport = preview === null ? { conversationId: current, state } : { conversationId: current, state, preview };
    options.send(replying ? { ...report, toCustomer: true } : report);
  }

  function cancelTimers(): void {
    if (cooldown) timers.clearTimeout(cooldown.handle);
    if (pause) timers.clearTimeout(pause.handle);
    cooldown = null;
    pause = null;
    waiting = null;
  }

  function startCooldown(): void {
    cooldown = {
      handle: timers.setTimeout(() => {
        cooldown = null;
        if (waiting === null) return;
        const text = waiting;
        waiting = null;
        tell('typing', text);
        startCooldown();
      }, intervalMs),
    };
  }

  function restartPause(): void {
    if (pause) timers.clearTimeout(pause.handle);
    pause = {
      handle: timers.setTimeout(() => {
        pause = null;
        cancelTimers();
        tell('viewing');
      }, pauseMs),
    };
  }

  function leave(): void {
    cancelTimers();
    tell('idle');
  }

  return {
    open(conversationId) {
      if (conversationId === current) return;
      leave();
      current = conversationId;
      told = { state: 'idle', preview: null };
      if (visible) tell('viewing');
    },

    typed(conversationId, text, replying = false) {
      if (conversationId !== current) return;
      toCustomer = replying;
      // A keystroke means the person is here, whatever the window said last.
      visible = true;
      if (text.trim() === '') {
        cancelTimers();
        tell('viewing');
        return;
      }
      restartPause();
      if (cooldown) {
        waiting = text;
        return;
      }
      tell('typing', text);
      startCooldown();
    },

    setVisible(next) {
      if (next === visible) return;
      visible = next;
      if (next) tell('viewing');
      else leave();
    },

    repeat() {
      if (current === null || !visible) return;
      const again = told;
      told = { state: 'idle', preview: null };
      tell(again.state === 'idle' ? 'viewing' : again.state, again.preview);
    },

    stop() {
      leave();
      current = null;
      told = { state: 'idle', preview: null };
    },
  };
}
