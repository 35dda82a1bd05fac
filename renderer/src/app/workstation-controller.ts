import {
  eventNames,
  type ConnectionState,
  type Draft,
  type EventName,
  type MethodArgs,
  type SessionState,
  type SwitchboardBridge,
  type ThreadMessage,
  type Unsubscribe,
} from '../../../shared/contract';
import { MAX_MESSAGE_LENGTH, type AgentState, type Presence } from '../../../shared/domain';
import { AppError, toAppError, type AppErrorShape } from '../../../shared/errors';
import type { DesktopNotification, NotificationPreferences } from '../../../shared/notifications';
import { canReportReconnect } from '../bridge/bridge';
import { createCall, type Call } from '../bridge/call';
import { subscribeParsed, type EventHandlers } from '../bridge/events';
import { useNoticeStore } from '../features/notices/notice-store';
import { useConnectionStore } from '../stores/connection-store';
import { mergeIncomingDraft } from '../stores/drafts-logic';
import { useContactsStore } from '../stores/contacts-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useInboxSearchStore } from '../stores/inbox-search-store';
import { useInboxStore } from '../stores/inbox-store';
import { useJoinedStore } from '../stores/joined-store';
import { useNotesStore } from '../stores/notes-store';
import { useNotifyStore } from '../stores/notify-store';
import { autoAwayAfter, autoAwayDecision } from '../stores/presence-logic';
import { usePresenceStore } from '../stores/presence-store';
import { useSessionStore } from '../stores/session-store';
import { useSupervisionStore } from '../stores/supervision-store';
import { useTeamStore } from '../stores/team-store';
import { useThreadStore } from '../stores/thread-store';
import { useViewStore } from '../stores/view-store';
import { createActivityReporter } from './activity-reporter';
import { createDraftSaver, DRAFT_SAVE_DELAY_MS, type Timers } from './draft-saver';
import { createIdleDetector } from './idle-detector';
import { loadIntoStore } from './load-into-store';

/** Where a conversation is handed to: a colleague or a skill group. */
export type TransferTo = MethodArgs<'conversations.transfer'>['to'];

/** Who a supervisor gives a conversation to (`toUserId` left out: themselves) and why. */
export type TakeoverOptions = Omit<MethodArgs<'conversations.takeover'>, 'conversationId'>;

/** A reply in the outbox, as the thread's buttons name it. */
export type OutboxRef = Pick<ThreadMessage, 'conversationId' | 'clientId'>;

/** What the views ask of the client core; every answer lands in the stores. */
export interface WorkstationController {
  /** Subscribes to every event and loads the first state; returns a function that stops it. */
  start(): Unsubscribe;
  /** Loads session, connection, inbox and the open thread again. */
  resync(): Promise<void>;
  /** Throws an AppError the login form shows. */
  login(args: MethodArgs<'session.login'>): Promise<void>;
  /** Throws an AppError the header shows. */
  logout(): Promise<void>;
  /** Opens a conversation (its messages and saved draft); the previous one's typing is saved first. */
  selectConversation(id: string | null): void;
  loadConversations(): Promise<void>;
  loadMessages(conversationId: string): Promise<void>;
  /** Reads the saved draft into the composer, keeping anything typed that is not saved yet. */
  loadDraft(conversationId: string): Promise<void>;
  /** The agent typed: the composer shows it now, and it is saved after a short pause. */
  changeDraft(conversationId: string, text: string): void;
  /** Saves what the agent typed in this conversation now (blur, switching away). */
  flushDraft(conversationId: string): Promise<void>;
  /** Saves every conversation's pending typing now (the page is going away). */
  flushAllDrafts(): Promise<void>;
  /** Sends the reply; on failure the text stays in the composer with the reason. */
  send(conversationId: string, text: string): Promise<void>;
  /** Sends a failed reply again. Throws an AppError the message shows. */
  retry(message: OutboxRef): Promise<void>;
  /** Takes a queued or failed reply back into the composer. Throws an AppError the message shows. */
  edit(message: OutboxRef): Promise<void>;
  /** Drops a queued or failed reply. Throws an AppError the message shows. */
  discard(message: OutboxRef): Promise<void>;
  /** Marks the conversation resolved. Throws an AppError the thread header shows. */
  resolve(conversationId: string): Promise<void>;
  /** Reads the agent's presence and load from the client core. */
  loadPresence(): Promise<void>;
  /** Sets the agent's presence by hand (this ends auto-away). Throws an AppError the switcher shows. */
  setPresence(presence: Presence): Promise<void>;
  /** The person used the keyboard, mouse or focused the window: feeds auto-away. */
  noteActivity(): void;
  /** Takes a chat offered to the agent and opens it. Throws an AppError the offer shows. */
  accept(conversationId: string): Promise<void>;
  /** Passes an offered chat on. Throws an AppError the offer shows. */
  decline(conversationId: string): Promise<void>;
  /** Hands a conversation to a colleague or a group with a note. Throws an AppError the dialog shows. */
  transfer(conversationId: string, to: TransferTo, note: string): Promise<void>;
  /** Reads colleagues and skill groups from the server into the team store. */
  loadTeam(): Promise<void>;
  /** The internal note being written changed: kept per conversation and reported as typing. */
  changeNote(conversationId: string, text: string): void;
  /** Adds an internal note (a whisper when a supervisor writes in a colleague's chat); on failure the text stays with the reason. */
  addNote(conversationId: string, text: string, mentions: readonly string[]): Promise<void>;
  /** Supervisors and admins: joins beside the agent (barge-in). Throws an AppError the watch bar shows. */
  join(conversationId: string): Promise<void>;
  /** Supervisors and admins: takes the conversation, or gives it to a colleague. Throws an AppError the dialog shows. */
  takeover(conversationId: string, options: TakeoverOptions): Promise<void>;
  /** Reads who is viewing or typing in a conversation now (skipped offline). */
  loadActivity(conversationId: string): Promise<void>;
  /** The window was hidden or blurred (false) or is back (true): colleagues see this user leave or return. */
  setWindowVisible(visible: boolean): void;
  /** Searches the cached messages for the inbox search box; only the latest query's answer is kept. */
  searchMessages(query: string): Promise<void>;
  /** Reads this agent's notification preferences and the unread badge. */
  loadNotifications(): Promise<void>;
  /** Changes notification preferences. Throws an AppError the settings show. */
  setNotificationPreferences(patch: Partial<NotificationPreferences>): Promise<void>;
  /** Opens a conversation from a notification: the inbox comes forward with it selected. */
  openFromNotification(conversationId: string): void;
}

type Reporter = (message: string) => void;

export interface WorkstationControllerOptions {
  /** Timers for the draft-save debounce and auto-away; the page's timers by default. */
  timers?: Timers;
  draftSaveDelayMs?: number;
  draftRetryDelayMs?: number;
  /** Shows the notifications the client core decides on (the browser's; the Electron shell shows its own). */
  notifier?: { show(notification: DesktopNotification): void };
}

/** Why the agent cannot send to this conversation now, or null when they can. */
export function sendBlockedReason(conversationId: string): AppErrorShape | null {
  const conversation = useInboxStore.getState().byId[conversationId];
  if (!conversation) return null;
  if (conversation.access === 'lost') {
    const name = conversation.assigneeName;
    return new AppError(
      'reassigned',
      'this conversation is no longer yours',
      name ? { assigneeName: name } : undefined,
    ).toJSON();
  }
  if (conversation.status === 'resolved') return new AppError('resolved', 'this conversation was resolved').toJSON();
  return null;
}

/** Wires one bridge to the stores. Stores are reset when the signed-in user changes. */
export function createWorkstationController(
  bridge: SwitchboardBridge,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
  options: WorkstationControllerOptions = {},
): WorkstationController {
  const call: Call = createCall(bridge);

  const saver = createDraftSaver({
    save: async (conversationId, body) => {
      await call('drafts.save', { conversationId, body });
    },
    delayMs: options.draftSaveDelayMs ?? DRAFT_SAVE_DELAY_MS,
    ...(options.draftRetryDelayMs !== undefined ? { retryDelayMs: options.draftRetryDelayMs } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    onSaved: (conversationId) => {
      if (useDraftsStore.getState().byConversation[conversationId]?.saveError) {
        useDraftsStore.getState().setSaveError(conversationId, null);
      }
    },
    onError: (conversationId, err) => {
      const error = toAppError(err);
      report(`drafts.save failed for ${conversationId}: ${error.message}`);
      useDraftsStore.getState().setSaveError(conversationId, error.toJSON());
    },
  });

  const idle = createIdleDetector({
    onIdle: () => void runAutoAway('idle'),
    onActive: () => void runAutoAway('active'),
    ...(options.timers ? { timers: options.timers } : {}),
  });

  // Presence changes run one at a time, each deciding from the state the previous one left, so an
  // automatic "away" and the activity that ends it can never land in the wrong order.
  let presenceQueue: Promise<unknown> = Promise.resolve();
  function inPresenceQueue<T>(op: () => Promise<T>): Promise<T> {
    const run = presenceQueue.then(op, op);
    presenceQueue = run.catch(() => undefined);
    return run;
  }

  function applyAgent(agent: AgentState | null): void {
    const me = useSessionStore.getState().session?.user?.id;
    if (agent && me && agent.userId !== me) {
      report(`ignored presence of ${agent.userId}: signed in as ${me}`);
      return;
    }
    const store = usePresenceStore.getState();
    store.setAutoAway(agent ? autoAwayAfter(agent.presence, store.autoAway) : false);
    store.setAgent(agent);
    idle.configure(agent ? agent.autoAwaySeconds * 1000 : null);
  }

  /** Sets the agent away when idle while online, and back online on activity if it was automatic. */
  function runAutoAway(trigger: 'idle' | 'active'): Promise<void> {
    return inPresenceQueue(async () => {
      const { agent, autoAway } = usePresenceStore.getState();
      const next = autoAwayDecision(trigger, agent, autoAway);
      if (!next) return;
      const status = useConnectionStore.getState().connection?.status;
      // presence.set needs the connection; auto-away tries again on the next activity.
      if (status === 'offline' || status === 'signed_out') return;
      try {
        const state = await call('presence.set', { presence: next });
        usePresenceStore.getState().setAutoAway(next === 'away');
        applyAgent(state);
      } catch (err) {
        report(`auto-away could not set ${next}: ${toAppError(err).message}`);
      }
    });
  }

  /** Customers of conversations that left the inbox, so a takeover notice arriving after the removal can name them. */
  const removedNames = new Map<string, string>();

  // Activity is best effort: offline it is skipped (the core ignores it too); a failure is reported
  // once per kind, not on every keystroke.
  let lastActivityError: string | null = null;
  function reportActivityError(what: string, err: unknown): void {
    const error = toAppError(err);
    if (error.code === lastActivityError) return;
    lastActivityError = error.code;
    report(`${what} failed: ${error.message}`);
  }
  const isOnline = () => useConnectionStore.getState().connection?.status === 'online';
  const reporter = createActivityReporter({
    send: (activity) => {
      if (!isOnline()) return;
      // A conversation no longer this user's is not theirs to report on (the server refuses it).
      if (useInboxStore.getState().byId[activity.conversationId]?.access === 'lost') return;
      call('activity.set', activity).then(
        () => (lastActivityError = null),
        (err: unknown) => reportActivityError('activity.set', err),
      );
    },
    ...(options.timers ? { timers: options.timers } : {}),
  });

  function resetWorkspace(): void {
    saver.reset();
    reporter.stop();
    removedNames.clear();
    useNotesStore.getState().reset();
    useJoinedStore.getState().reset();
    useNoticeStore.getState().reset();
    idle.configure(null);
    useInboxStore.getState().reset();
    useThreadStore.getState().reset();
    useDraftsStore.getState().reset();
    useContactsStore.getState().reset();
    usePresenceStore.getState().reset();
    useTeamStore.getState().reset();
    useInboxSearchStore.getState().reset();
    useNotifyStore.getState().reset();
  }

  // What the agent has in front of them: the core keeps that conversation read while focused.
  let windowFocused = true;
  function reportAttention(): void {
    if (!useSessionStore.getState().session?.signedIn) return;
    const conversationId = useInboxStore.getState().selectedId;
    call('attention.set', { conversationId, focused: windowFocused }).catch((err: unknown) =>
      report(`attention.set failed: ${toAppError(err).message}`),
    );
  }

  function applySession(next: SessionState): void {
    const previous = useSessionStore.getState().session;
    useSessionStore.getState().setSession(next);
    const sameUser = previous?.signedIn && next.signedIn && previous.user?.id === next.user?.id;
    if (sameUser) return;
    if (previous?.signedIn) resetWorkspace();
    useInboxStore.getState().setMe(next.signedIn ? (next.user?.id ?? null) : null);
    if (next.signedIn) {
      void controller.loadConversations();
      void controller.loadPresence();
      void controller.loadNotifications();
      // Colleagues' names and roles label whispers and fill the @ list; they need the connection.
      if (isOnline()) void controller.loadTeam();
    }
  }

  function applyConnection(next: ConnectionState): void {
    const previous = useConnectionStore.getState().connection;
    useConnectionStore.getState().setConnection(next);
    // After a reconnect the inbox must equal the server's state without a reload.
    const cameBack = previous !== null && previous.status !== 'online' && next.status === 'online';
    if (cameBack && useSessionStore.getState().session?.signedIn) {
      void reloadWorkspace();
      void controller.loadTeam();
      reporter.repeat();
    }
  }

  async function reloadWorkspace(): Promise<void> {
    const selected = useInboxStore.getState().selectedId;
    await Promise.all([
      controller.loadConversations(),
      controller.loadPresence(),
      selected ? controller.loadMessages(selected) : undefined,
      selected ? controller.loadDraft(selected) : undefined,
      selected ? controller.loadActivity(selected) : undefined,
      controller.loadNotifications(),
    ]);
    reportAttention();
  }

  /**
   * Puts a draft the core reports into the composer. Typing the core has not stored yet is merged
   * in (see mergeIncomingDraft) and saved right away, so nothing typed is lost.
   */
  function applyDraft(conversationId: string, draft: Draft | null): void {
    const incoming = draft?.body ?? '';
    const text = mergeIncomingDraft(incoming, saver.unsaved(conversationId));
    useDraftsStore.getState().applyDraft(conversationId, text, draft?.reason ?? null);
    saver.known(conversationId, incoming);
    if (text !== incoming) {
      saver.change(conversationId, text);
      void saver.flush(conversationId);
    }
  }

  /** The customer of a conversation, from the cache; a miss is not an error (it syncs later). */
  async function loadContact(conversationId: string): Promise<void> {
    const contactId = useInboxStore.getState().byId[conversationId]?.contactId;
    if (!contactId) return;
    try {
      const contact = await call('contacts.get', { contactId });
      if (contact) useContactsStore.getState().put(contact);
    } catch (err) {
      report(`contacts.get failed for ${contactId}: ${toAppError(err).message}`);
    }
  }

  /** After a reply went into the outbox: the core deleted the draft; keep only what was typed since. */
  function afterSent(conversationId: string, sentText: string): void {
    const drafts = useDraftsStore.getState();
    drafts.clearSent(conversationId, sentText);
    drafts.setReason(conversationId, null);
    saver.known(conversationId, '');
    const rest = useDraftsStore.getState().byConversation[conversationId]?.text ?? '';
    if (rest !== '') saver.change(conversationId, rest);
    reporter.typed(conversationId, rest);
  }

  const handlers: EventHandlers<EventName> = {
    'session.changed': applySession,
    'connection.changed': applyConnection,
    'conversation.updated': (conversation) => useInboxStore.getState().upsert(conversation),
    'inbox.reloaded': () => {
      if (useSessionStore.getState().session?.signedIn) void reloadWorkspace();
    },
    'conversation.removed': ({ conversationId }) => {
      const wasOpen = useInboxStore.getState().selectedId === conversationId;
      const flushed = saver.flush(conversationId);
      const name = useInboxStore.getState().byId[conversationId]?.contactName;
      if (name) removedNames.set(conversationId, name);
      useInboxStore.getState().remove(conversationId);
      // Text typed a moment before the conversation was taken brings it back (kept for that text):
      // the agent stays on it and sees their words with the reason.
      if (wasOpen) {
        void flushed.then(() => {
          const inbox = useInboxStore.getState();
          if (inbox.selectedId === null && inbox.byId[conversationId]) controller.selectConversation(conversationId);
        });
      }
    },
    'message.updated': (message) => useThreadStore.getState().merge(message),
    'message.removed': ({ conversationId, clientId }) => useThreadStore.getState().remove(conversationId, clientId),
    'draft.updated': ({ conversationId, draft }) => applyDraft(conversationId, draft),
    'contact.updated': (contact) => {
      useContactsStore.getState().put(contact);
      useInboxStore.getState().relabel(contact.id, contact.tags);
    },
    'notification.show': (notification) => options.notifier?.show(notification),
    'notification.opened': ({ conversationId }) => controller.openFromNotification(conversationId),
    'badge.changed': ({ count }) => useNotifyStore.getState().setBadge(count),
    'presence.changed': (agent) => {
      if (useSessionStore.getState().session?.signedIn) applyAgent(agent);
    },
    // Knowledge and quick-reply panels read kb.list / templates.list when they open; nothing is held here yet.
    'catalog.updated': () => undefined,
    'note.mentioned': (mention) => useNoticeStore.getState().push({ kind: 'mention', ...mention }),
    'conversation.taken': (taken) => {
      const contactName =
        useInboxStore.getState().byId[taken.conversationId]?.contactName ?? removedNames.get(taken.conversationId) ?? null;
      useNoticeStore.getState().push({ kind: 'taken', ...taken, contactName });
    },
    // The supervision controller keeps who is where, the live team and the alert flags (and forgets
    // activity when the connection drops); applying them here too would count alerts twice.
    'activity.changed': () => undefined,
    'team.member': () => undefined,
    'sensitive.alert': (alert) => {
      const role = useSessionStore.getState().session?.user?.role;
      if (role !== 'supervisor' && role !== 'admin') return;
      const { conversationId, contactName, words, senderType, senderName } = alert;
      useNoticeStore.getState().push({ kind: 'sensitive', conversationId, contactName, words, senderType, senderName });
    },
  };

  function requireClientId(message: OutboxRef): string {
    if (!message.clientId) throw new AppError('bad_request', 'this message is not in the outbox');
    return message.clientId;
  }

  const controller: WorkstationController = {
    start() {
      const stops = subscribeParsed(bridge, eventNames, handlers, report);
      if (canReportReconnect(bridge)) stops.push(bridge.onReconnect(() => void controller.resync()));
      // However a conversation gets opened (inbox, notice, monitor), colleagues hear of it and the
      // people in it are read.
      stops.push(
        useInboxStore.subscribe((state, previous) => {
          if (state.selectedId === previous.selectedId) return;
          reporter.open(state.selectedId);
          reportAttention();
          if (state.selectedId) void controller.loadActivity(state.selectedId);
        }),
      );
      void controller.resync();
      return () => {
        for (const stop of stops) stop();
        idle.stop();
        reporter.stop();
        void saver.flushAll();
      };
    },

    async resync() {
      // Both answer from the client core's local state: nothing here waits for the network.
      const [session, connection] = await Promise.allSettled([
        call('session.get', {}),
        call('connection.get', {}),
      ]);
      if (connection.status === 'fulfilled') applyConnection(connection.value);
      else report(`connection.get failed: ${toAppError(connection.reason).message}`);
      if (session.status === 'rejected') {
        useSessionStore.getState().setFailed(toAppError(session.reason).toJSON());
        return;
      }
      const wasSignedIn = useSessionStore.getState().session?.signedIn ?? false;
      applySession(session.value);
      // applySession loads the inbox only on a change of user; after a resync load it anyway.
      if (wasSignedIn && session.value.signedIn) await reloadWorkspace();
    },

    async login(args) {
      const session = await call('session.login', args);
      applySession(session);
    },

    async logout() {
      await saver.flushAll();
      // Colleagues see this user leave while the connection is still there to say so.
      reporter.stop();
      const session = await call('session.logout', {});
      applySession(session);
    },

    selectConversation(id) {
      const inbox = useInboxStore.getState();
      if (inbox.selectedId === id) return;
      if (inbox.selectedId) void saver.flush(inbox.selectedId);
      inbox.select(id);
      if (id) {
        void controller.loadMessages(id);
        void controller.loadDraft(id);
        void loadContact(id);
      }
    },

    loadConversations() {
      return loadIntoStore(useInboxStore.getState, () => call('conversations.list', {}));
    },

    async loadMessages(conversationId) {
      useThreadStore.getState().setLoading(conversationId);
      try {
        const messages = await call('messages.list', { conversationId });
        useThreadStore.getState().setLoaded(conversationId, messages);
      } catch (err) {
        useThreadStore.getState().setFailed(conversationId, toAppError(err).toJSON());
      }
    },

    async loadDraft(conversationId) {
      try {
        const draft = await call('drafts.get', { conversationId });
        applyDraft(conversationId, draft);
      } catch (err) {
        // The composer keeps working with what it holds; typing is still saved.
        report(`drafts.get failed for ${conversationId}: ${toAppError(err).message}`);
        useDraftsStore.getState().markLoaded(conversationId);
      }
    },

    changeDraft(conversationId, text) {
      const drafts = useDraftsStore.getState();
      drafts.setText(conversationId, text);
      if (drafts.byConversation[conversationId]?.error) drafts.setError(conversationId, null);
      saver.change(conversationId, text);
      reporter.typed(conversationId, text);
    },

    flushDraft(conversationId) {
      return saver.flush(conversationId);
    },

    flushAllDrafts() {
      return saver.flushAll();
    },

    async send(conversationId, text) {
      const drafts = useDraftsStore.getState();
      const body = text.trim();
      if (!body || drafts.byConversation[conversationId]?.sending) return;
      const blocked = sendBlockedReason(conversationId);
      if (blocked) {
        drafts.setError(conversationId, blocked);
        return;
      }
      if (body.length > MAX_MESSAGE_LENGTH) {
        drafts.setError(conversationId, new AppError('bad_request', 'message is too long').toJSON());
        return;
      }
      drafts.setSending(conversationId, true);
      drafts.setError(conversationId, null);
      try {
        // The typing reaches the core before the send that deletes the draft, never after it.
        await saver.flush(conversationId);
        const message = await call('outbox.send', { conversationId, body });
        useThreadStore.getState().merge(message);
        afterSent(conversationId, text);
      } catch (err) {
        useDraftsStore.getState().setError(conversationId, toAppError(err).toJSON());
      } finally {
        useDraftsStore.getState().setSending(conversationId, false);
      }
    },

    async retry(message) {
      const clientId = requireClientId(message);
      const updated = await call('outbox.retry', { clientId });
      useThreadStore.getState().merge(updated);
    },

    async edit(message) {
      const clientId = requireClientId(message);
      // The core merges the reply into the saved draft, so it must hold the latest typing first.
      await saver.flush(message.conversationId);
      const draft = await call('outbox.edit', { clientId });
      useThreadStore.getState().remove(message.conversationId, clientId);
      applyDraft(draft.conversationId, draft);
    },

    async discard(message) {
      const clientId = requireClientId(message);
      const { discarded } = await call('outbox.discard', { clientId });
      if (discarded) useThreadStore.getState().remove(message.conversationId, clientId);
    },

    async resolve(conversationId) {
      const conversation = await call('conversations.resolve', { conversationId });
      useInboxStore.getState().upsert(conversation);
    },

    async loadPresence() {
      try {
        const agent = await call('presence.get', {});
        // Null means the server has not said yet; presence.changed brings it.
        if (agent || !usePresenceStore.getState().agent) applyAgent(agent);
      } catch (err) {
        report(`presence.get failed: ${toAppError(err).message}`);
      }
    },

    setPresence(presence) {
      return inPresenceQueue(async () => {
        const state = await call('presence.set', { presence });
        // A choice made by hand is never undone automatically.
        usePresenceStore.getState().setAutoAway(false);
        applyAgent(state);
      });
    },

    noteActivity() {
      const wasIdle = idle.idle;
      idle.activity();
      // Coming back after a failed attempt (offline then): try again on this activity.
      if (!wasIdle && usePresenceStore.getState().autoAway) void runAutoAway('active');
    },

    async accept(conversationId) {
      const conversation = await call('conversations.accept', { conversationId });
      useInboxStore.getState().upsert(conversation);
      controller.selectConversation(conversationId);
    },

    async decline(conversationId) {
      const conversation = await call('conversations.decline', { conversationId });
      useInboxStore.getState().upsert(conversation);
    },

    async transfer(conversationId, to, note) {
      const conversation = await call('conversations.transfer', { conversationId, to, note: note.trim() });
      useInboxStore.getState().upsert(conversation);
    },

    async loadTeam() {
      const team = useTeamStore.getState();
      team.setLoading();
      try {
        const { agents, groups } = await call('team.list', {});
        useTeamStore.getState().setLoaded(agents, groups);
      } catch (err) {
        useTeamStore.getState().setFailed(toAppError(err).toJSON());
      }
    },

    changeNote(conversationId, text) {
      const notes = useNotesStore.getState();
      notes.setText(conversationId, text);
      if (notes.byConversation[conversationId]?.error) notes.setError(conversationId, null);
      reporter.typed(conversationId, text);
    },

    async addNote(conversationId, text, mentions) {
      const notes = useNotesStore.getState();
      const body = text.trim();
      if (!body || notes.byConversation[conversationId]?.sending) return;
      if (body.length > MAX_MESSAGE_LENGTH) {
        notes.setError(conversationId, new AppError('bad_request', 'note is too long').toJSON());
        return;
      }
      notes.setSending(conversationId, true);
      notes.setError(conversationId, null);
      try {
        const args: MethodArgs<'notes.add'> = { conversationId, body };
        if (mentions.length > 0) args.mentions = [...mentions];
        const message = await call('notes.add', args);
        useThreadStore.getState().merge(message);
        useNotesStore.getState().clearSent(conversationId, text);
        reporter.typed(conversationId, useNotesStore.getState().byConversation[conversationId]?.text ?? '');
      } catch (err) {
        useNotesStore.getState().setError(conversationId, toAppError(err).toJSON());
      } finally {
        useNotesStore.getState().setSending(conversationId, false);
      }
    },

    async join(conversationId) {
      const conversation = await call('conversations.join', { conversationId });
      useInboxStore.getState().upsert(conversation);
      useJoinedStore.getState().markJoined(conversationId);
      // Joined to answer the customer: the composer is the reply box again.
      useNotesStore.getState().setMode(conversationId, 'reply');
    },

    async takeover(conversationId, takeover) {
      const conversation = await call('conversations.takeover', { conversationId, ...takeover });
      useInboxStore.getState().upsert(conversation);
      useNotesStore.getState().setMode(conversationId, 'reply');
    },

    async loadActivity(conversationId) {
      if (!isOnline()) return;
      try {
        const list = await call('activity.list', { conversationId });
        const store = useSupervisionStore.getState();
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

    async searchMessages(query) {
      const search = useInboxSearchStore.getState();
      search.setSearching(query);
      try {
        const { hits, truncated } = await call('conversations.search', { query });
        useInboxSearchStore.getState().setResults(query, hits, truncated);
      } catch (err) {
        useInboxSearchStore.getState().setFailed(query, toAppError(err).toJSON());
      }
    },

    async loadNotifications() {
      try {
        const { preferences, badge } = await call('notifications.get', {});
        useNotifyStore.getState().setPreferences(preferences);
        useNotifyStore.getState().setBadge(badge);
      } catch (err) {
        report(`notifications.get failed: ${toAppError(err).message}`);
      }
    },

    async setNotificationPreferences(patch) {
      // The choice shows at once; it goes back if the core could not keep it.
      const before = useNotifyStore.getState().preferences;
      if (before) useNotifyStore.getState().setPreferences({ ...before, ...patch });
      try {
        useNotifyStore.getState().setPreferences(await call('notifications.set', patch));
      } catch (err) {
        const error = toAppError(err);
        if (before) useNotifyStore.getState().setPreferences(before);
        useNotifyStore.getState().setError(error.toJSON());
        throw error;
      }
    },

    openFromNotification(conversationId) {
      useViewStore.getState().setView('inbox');
      controller.selectConversation(conversationId);
    },

  };

  return controller;
}
