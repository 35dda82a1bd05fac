import type { Unsubscribe } from '../../../../shared/contract';
import { toAppError } from '../../../../shared/errors';
import { createActivityReporter } from '../activity-reporter';
import type { PartContext } from './part-context';

/** What colleagues see of this user (viewing, typing, away from the window) and who else is in a conversation. */
export interface ActivityController {
  /** Reads who is viewing or typing in a conversation now (skipped offline). */
  loadActivity(conversationId: string): Promise<void>;
  /** The window was hidden or blurred (false) or is back (true): colleagues see this user leave or return. */
  setWindowVisible(visible: boolean): void;
}

export interface ActivityPart {
  api: ActivityController;
  /** The agent typed in a conversation (a reply to the customer when `toCustomer`, or a note): reported as typing, throttled. */
  typed(conversationId: string, text: string, toCustomer?: boolean): void;
  /** Tells the core which conversation is in front of the agent and whether the window has the focus. */
  reportAttention(): void;
  /** Says again what this user is doing (the connection came back). */
  repeat(): void;
  /** Colleagues see this user leave; nothing more is reported until a conversation is opened again. */
  stop(): void;
  /** However a conversation gets opened (inbox, notice, monitor), colleagues hear of it and the people in it are read. */
  followSelection(): Unsubscribe;
}

export function createActivityPart({
  call,
  stores,
  report,
  timers,
}: PartContext<'connection' | 'inbox' | 'session' | 'supervision'>): ActivityPart {
  // Activity is best effort: offline it is skipped (the core ignores it too); a failure is reported
  // once per kind, not on every keystroke.
  let lastActivityError: string | null = null;
  function reportActivityError(what: string, err: unknown): void {
    const error = toAppError(err);
    if (error.code === lastActivityError) return;
    lastActivityError = error.code;
    report(`${what} failed: ${error.message}`);
  }
  const isOnline = () => stores.connection.getState().connection?.status === 'online';

  const reporter = createActivityReporter({
    send: (activity) => {
      if (!isOnline()) return;
      // A conversation no longer this user's is not theirs to report on (the server refuses it).
      if (stores.inbox.getState().byId[activity.conversationId]?.access === 'lost') return;
      call('activity.set', activity).then(
        () => (lastActivityError = null),
        (err: unknown) => reportActivityError('activity.set', err),
      );
    },
    ...(timers ? { timers } : {}),
  });

  // What the agent has in front of them: the core keeps that conversation read while focused.
  let windowFocused = true;
  function reportAttention(): void {
    if (!stores.session.getState().session?.signedIn) return;
    const conversationId = stores.inbox.getState().selectedId;
    call('attention.set', { conversationId, focused: windowFocused }).catch((err: unknown) =>
      report(`attention.set failed: ${toAppError(err).message}`),
    );
  }

  const api: ActivityController = {
    async loadActivity(conversationId) {
      if (!isOnline()) return;
      try {
        const list = await call('activity.list', { conversationId });
        const store = stores.supervision.getState();
        for (const activity of list) store.putActivity(activity);
      } catch (err) {
        reportActivityError('activity.list', err);
      }
    },

    setWindowVisible(visible) {
      reporter.setVisible(visible);
      if (windowFocused === visible) return;
      windowFocused = visible;
      reportAttention();
    },
  };

  return {
    api,
    typed: (conversationId, text, toCustomer) => reporter.typed(conversationId, text, toCustomer),
    reportAttention,
    repeat: () => reporter.repeat(),
    stop: () => reporter.stop(),
    followSelection: () =>
      stores.inbox.subscribe((state, previous) => {
        if (state.selectedId === previous.selectedId) return;
        reporter.open(state.selectedId);
        reportAttention();
        if (state.selectedId) void api.loadActivity(state.selectedId);
      }),
  };
}
