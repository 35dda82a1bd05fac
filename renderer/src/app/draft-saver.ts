/** Timer functions, injectable so the debounce can be tested without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's timers, looked up at call time so test doubles installed later are used. */
export const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export const DRAFT_SAVE_DELAY_MS = 400;
export const DRAFT_RETRY_DELAY_MS = 5000;

export interface DraftSaverOptions {
  /** Stores the body; an empty body deletes the draft. Rejects when it could not. */
  save(conversationId: string, body: string): Promise<void>;
  /** Quiet time after the last keystroke before saving. */
  delayMs?: number;
  /** Wait before trying a failed save again (typing or a flush tries sooner). */
  retryDelayMs?: number;
  timers?: Timers;
  onSaved?(conversationId: string, body: string): void;
  onError?(conversationId: string, error: unknown): void;
}

/**
 * Saves composer text as the agent types: debounced per conversation, saves of one conversation
 * strictly in order, flushed on demand (switching conversation, blur, page unload, before send).
 */
export interface DraftSaver {
  /** The composer now holds `body`; it is saved after `delayMs` without further change. */
  change(conversationId: string, body: string): void;
  /** Saves the pending text now; resolves when every save of that conversation so far settled. */
  flush(conversationId: string): Promise<void>;
  flushAll(): Promise<void>;
  /**
   * The core holds `body` now (it was read, or the core changed it): nothing is pending, and saves
   * queued before this that have not started are dropped.
   */
  known(conversationId: string, body: string): void;
  /** The typing the core has not confirmed yet, or null when it holds exactly the composer's text. */
  unsaved(conversationId: string): { saved: string; latest: string } | null;
  /** True while a save is scheduled or in flight. */
  busy(conversationId: string): boolean;
  /** Forgets everything (another user signed in); pending timers are cancelled. */
  reset(): void;
}

interface Entry {
  /** What the core confirmed it holds; undefined until known. */
  saved: string | undefined;
  /** What the composer holds. */
  latest: string | undefined;
  /** The last body handed to `save` (in flight or done) in this generation. */
  queued: string | undefined;
  timer: unknown;
  hasTimer: boolean;
  inFlight: number;
  chain: Promise<void>;
  generation: number;
}

export function createDraftSaver(options: DraftSaverOptions): DraftSaver {
  const delayMs = options.delayMs ?? DRAFT_SAVE_DELAY_MS;
  const retryDelayMs = options.retryDelayMs ?? DRAFT_RETRY_DELAY_MS;
  const timers = options.timers ?? globalTimers;
  const entries = new Map<string, Entry>();

  function entry(id: string): Entry {
    let e = entries.get(id);
    if (!e) {
      e = {
        saved: undefined,
        latest: undefined,
        queued: undefined,
        timer: undefined,
        hasTimer: false,
        inFlight: 0,
        chain: Promise.resolve(),
        generation: 0,
      };
      entries.set(id, e);
    }
    return e;
  }

  function cancelTimer(e: Entry): void {
    if (!e.hasTimer) return;
    timers.clearTimeout(e.timer);
    e.hasTimer = false;
  }

  function arm(id: string, e: Entry, ms: number): void {
    cancelTimer(e);
    e.hasTimer = true;
    e.timer = timers.setTimeout(() => {
      e.hasTimer = false;
      void saver.flush(id);
    }, ms);
  }

  const saver: DraftSaver = {
    change(id, body) {
      const e = entry(id);
      e.latest = body;
      arm(id, e, delayMs);
    },

    flush(id) {
      const e = entries.get(id);
      if (!e) return Promise.resolve();
      cancelTimer(e);
      const body = e.latest;
      if (body === undefined || body === e.queued || (e.queued === undefined && body === e.saved)) return e.chain;
      e.queued = body;
      e.inFlight += 1;
      const generation = e.generation;
      e.chain = e.chain.then(async () => {
        try {
          if (generation !== e.generation) return;
          await options.save(id, body);
          if (generation !== e.generation) return;
          e.saved = body;
          options.onSaved?.(id, body);
        } catch (err) {
          if (generation !== e.generation) return;
          options.onError?.(id, err);
          // Forget that this body was handed over, so the next flush tries it again.
          if (e.queued === body) e.queued = undefined;
          if (!e.hasTimer && e.latest !== e.saved) arm(id, e, retryDelayMs);
        } finally {
          e.inFlight -= 1;
        }
      });
      return e.chain;
    },

    async flushAll() {
      await Promise.all([...entries.keys()].map((id) => saver.flush(id)));
    },

    known(id, body) {
      const e = entry(id);
      cancelTimer(e);
      e.generation += 1;
      e.saved = body;
      e.latest = body;
      e.queued = body;
    },

    unsaved(id) {
      const e = entries.get(id);
      if (!e || e.latest === undefined || e.latest === e.saved) return null;
      return { saved: e.saved ?? '', latest: e.latest };
    },

    busy(id) {
      const e = entries.get(id);
      return !!e && (e.hasTimer || e.inFlight > 0);
    },

    reset() {
      for (const e of entries.values()) {
        cancelTimer(e);
        e.generation += 1;
      }
      entries.clear();
    },
  };
  return saver;
}
