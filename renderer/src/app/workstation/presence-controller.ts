import type { AgentState, Presence } from '../../../../shared/domain';
import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import { autoAwayAfter, autoAwayDecision } from '../../stores/presence-logic';
import { createIdleDetector } from '../idle-detector';
import type { PartContext } from './part-context';

/** The agent's presence and load, set by hand or by auto-away when the person is idle. */
export interface PresenceController {
  /** Reads the agent's presence and load from the client core. */
  loadPresence(): Promise<void>;
  /** Sets the agent's presence by hand (this ends auto-away). Throws an AppError the switcher shows. */
  setPresence(presence: Presence): Promise<void>;
  /** The person used the keyboard, mouse or focused the window: feeds auto-away. */
  noteActivity(): void;
  /**
   * The window is visible and focused (true: the agent counts as there, reading) or hidden or in
   * the background (false: auto-away's wait runs from now).
   */
  setWindowPresent(present: boolean): void;
  /** Resolves once every presence change asked for so far (by hand or automatic) is done. */
  presenceSettled(): Promise<void>;
}

export interface PresencePart {
  api: PresenceController;
  /** Forgets the presence and stops auto-away (the user changed). */
  reset(): void;
  /** Stops watching for idleness. */
  stop(): void;
  handlers: EventHandlers<'presence.changed'>;
}

export function createPresencePart({
  call,
  stores,
  report,
  timers,
}: PartContext<'presence' | 'session' | 'connection'>): PresencePart {
  const presence = () => stores.presence.getState();

  const idle = createIdleDetector({
    onIdle: () => void runAutoAway('idle'),
    onActive: () => void runAutoAway('active'),
    ...(timers ? { timers } : {}),
  });

  // Presence changes run one at a time, each deciding from the state the previous one left, so an
  // automatic "away" and the activity that ends it can never land in the wrong order.
  let presenceQueue: Promise<unknown> = Promise.resolve();
  function inPresenceQueue<T>(op: () => Promise<T>): Promise<T> {
    const run = presenceQueue.then(op, op);
    // The caller gets the failure through `run`; the queue only needs to go on.
    presenceQueue = run.catch(() => undefined);
    return run;
  }

  function applyAgent(agent: AgentState | null): void {
    const me = stores.session.getState().session?.user?.id;
    if (agent && me && agent.userId !== me) {
      report(`ignored presence of ${agent.userId}: signed in as ${me}`);
      return;
    }
    const store = presence();
    store.setAutoAway(agent ? autoAwayAfter(agent.presence, store.autoAway) : false);
    store.setAgent(agent);
    idle.configure(agent ? agent.autoAwaySeconds * 1000 : null);
  }

  /** Sets the agent away when idle while online, and back online on activity if it was automatic. */
  function runAutoAway(trigger: 'idle' | 'active'): Promise<void> {
    return inPresenceQueue(async () => {
      const { agent, autoAway } = presence();
      const next = autoAwayDecision(trigger, agent, autoAway);
      if (!next) return;
      const status = stores.connection.getState().connection?.status;
      // presence.set needs the connection; auto-away tries again on the next activity.
      if (status === 'offline' || status === 'signed_out') return;
      try {
        const state = await call('presence.set', { presence: next });
        presence().setAutoAway(next === 'away');
        applyAgent(state);
      } catch (err) {
        report(`auto-away could not set ${next}: ${toAppError(err).message}`);
      }
    });
  }

  const api: PresenceController = {
    async loadPresence() {
      try {
        const agent = await call('presence.get', {});
        // Null means the server has not said yet; presence.changed brings it.
        if (agent || !presence().agent) applyAgent(agent);
      } catch (err) {
        report(`presence.get failed: ${toAppError(err).message}`);
      }
    },

    setPresence(next) {
      return inPresenceQueue(async () => {
        const state = await call('presence.set', { presence: next });
        // A choice made by hand is never undone automatically.
        presence().setAutoAway(false);
        applyAgent(state);
      });
    },

    noteActivity() {
      const wasIdle = idle.idle;
      idle.activity();
      // Coming back after a failed attempt (offline then): try again on this activity.
      if (!wasIdle && presence().autoAway) void runAutoAway('active');
    },

    setWindowPresent(present) {
      const wasIdle = idle.idle;
      idle.setPresent(present);
      if (present && !wasIdle && presence().autoAway) void runAutoAway('active');
    },

    presenceSettled: () => presenceQueue.then(() => undefined),
  };

  return {
    api,
    reset: () => {
      idle.configure(null);
      presence().reset();
    },
    stop: () => idle.stop(),
    handlers: {
      'presence.changed': (agent) => {
        if (stores.session.getState().session?.signedIn) applyAgent(agent);
      },
    },
  };
}
