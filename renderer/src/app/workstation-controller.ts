import { eventNames, type EventName, type SwitchboardBridge, type Unsubscribe } from '../../../shared/contract';
import type { DesktopNotification } from '../../../shared/notifications';
import { canReportReconnect } from '../bridge/bridge';
import { createCall } from '../bridge/call';
import { subscribeParsed, type EventHandlers } from '../bridge/events';
import type { Timers } from './draft-saver';
import { appStores, type WorkstationStores } from './stores';
import { createActivityPart, type ActivityController } from './workstation/activity-controller';
import { createConversationTagsPart, type ConversationTagsController } from './workstation/conversation-tags-controller';
import { createDraftPart, type DraftController } from './workstation/draft-controller';
import { createInboxPart, type InboxController } from './workstation/inbox-controller';
import { createNotesController, type NotesController } from './workstation/notes-controller';
import { createNotificationsPart, type NotificationsController } from './workstation/notifications-controller';
import type { Reporter } from './workstation/part-context';
import { createPresencePart, type PresenceController } from './workstation/presence-controller';
import { createRoutingController, type RoutingController } from './workstation/routing-controller';
import { createSessionPart, type SessionController, type Workspace } from './workstation/session-controller';
import { createThreadPart, type ThreadController } from './workstation/thread-controller';
import { createFilesController, type FilesController } from './workstation/files-controller';

/** A running workstation: calling it stops it; `ready` settles once the first state is read. */
export type Started = Unsubscribe & { readonly ready: Promise<void> };

/** What the views ask of the client core; every answer lands in the stores. One part per feature, composed here. */
export interface WorkstationController
  extends SessionController,
    InboxController,
    ConversationTagsController,
    ThreadController,
    DraftController,
    PresenceController,
    RoutingController,
    NotesController,
    ActivityController,
    NotificationsController,
    FilesController {
  /** Subscribes to every event and loads the first state; returns a function that stops it. */
  start(): Started;
}

export interface WorkstationControllerOptions {
  /** The stores the answers land in; the app's own by default. */
  stores?: WorkstationStores;
  /** Timers for the draft-save debounce, activity reports and auto-away; the page's timers by default. */
  timers?: Timers;
  draftSaveDelayMs?: number;
  draftRetryDelayMs?: number;
  /** Shows the notifications the client core decides on (the browser's; the Electron shell shows its own). */
  notifier?: { show(notification: DesktopNotification): void };
}

/** Wires one bridge to the stores. Stores are reset when the signed-in user changes. */
export function createWorkstationController(
  bridge: SwitchboardBridge,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
  options: WorkstationControllerOptions = {},
): WorkstationController {
  const stores = options.stores ?? appStores;
  const context = { call: createCall(bridge), stores, report, ...(options.timers ? { timers: options.timers } : {}) };

  const activity = createActivityPart(context);
  const drafts = createDraftPart({
    ...context,
    typed: activity.typed,
    ...(options.draftSaveDelayMs !== undefined ? { draftSaveDelayMs: options.draftSaveDelayMs } : {}),
    ...(options.draftRetryDelayMs !== undefined ? { draftRetryDelayMs: options.draftRetryDelayMs } : {}),
  });
  const thread = createThreadPart({ ...context, drafts });
  const files = createFilesController({ ...context, drafts });
  const inbox = createInboxPart({ ...context, drafts, thread: thread.api });
  const conversationTags = createConversationTagsPart(context);
  const presence = createPresencePart(context);
  const routing = createRoutingController({ ...context, inbox: inbox.api });
  const notes = createNotesController({ ...context, typed: activity.typed });
  const notifications = createNotificationsPart({
    ...context,
    inbox: inbox.api,
    contactNameOf: inbox.contactNameOf,
    notifier: options.notifier,
  });

  const isOnline = () => stores.connection.getState().connection?.status === 'online';
  const workspace: Workspace = {
    loadForUser: async () => {
      await Promise.all([
        inbox.api.loadConversations(),
        conversationTags.api.loadConversationTags(),
        presence.api.loadPresence(),
        notifications.api.loadNotifications(),
        // Colleagues' names and roles label whispers and fill the @ list; they need the connection.
        isOnline() ? routing.loadTeam() : undefined,
      ]);
    },
    reload: async () => {
      const selected = stores.inbox.getState().selectedId;
      await Promise.all([
        inbox.api.loadConversations(),
        conversationTags.api.loadConversationTags(),
        presence.api.loadPresence(),
        selected ? thread.api.loadMessages(selected) : undefined,
        selected ? drafts.api.loadDraft(selected) : undefined,
        selected ? activity.api.loadActivity(selected) : undefined,
        notifications.api.loadNotifications(),
      ]);
      activity.reportAttention();
    },
    reconnected: () => {
      void routing.loadTeam();
      activity.repeat();
    },
    leave: async () => {
      await drafts.saver.flushAll();
      // Colleagues see this user leave while the connection is still there to say so.
      activity.stop();
    },
    reset: () => {
      drafts.saver.reset();
      activity.stop();
      inbox.reset();
      stores.notes.getState().reset();
      stores.joined.getState().reset();
      stores.notices.getState().reset();
      presence.reset();
      stores.inbox.getState().reset();
      stores.thread.getState().reset();
      stores.drafts.getState().reset();
      stores.composerFiles.getState().reset();
      stores.contacts.getState().reset();
      stores.conversationTags.getState().reset();
      stores.team.getState().reset();
      stores.inboxSearch.getState().reset();
      stores.notify.getState().reset();
    },
  };
  const session = createSessionPart({ ...context, workspace });

  const handlers = {
    ...session.handlers,
    ...inbox.handlers,
    ...conversationTags.handlers,
    ...thread.handlers,
    ...drafts.handlers,
    ...presence.handlers,
    ...notifications.handlers,
    // Knowledge and quick-reply panels read kb.list / templates.list when they open; nothing is held here yet.
    'catalog.updated': () => undefined,
    // The supervision controller keeps who is where, the live team and the alert flags (and forgets
    // activity when the connection drops); applying them here too would count alerts twice.
    'activity.changed': () => undefined,
    'team.member': () => undefined,
    'contact.typing': (typing) => stores.supervision.getState().putCustomerTyping(typing, Date.now()),
    'queue.escalated': () => undefined,
    // The tickets controller keeps the Tickets view's store.
    'ticket.updated': () => undefined,
    'ticket.removed': () => undefined,
    'ticket.history': () => undefined,
    'ticket.historyRemoved': () => undefined,
    'ticket.draft': () => undefined,
    'tickets.reloaded': () => undefined,
    'ticket.mentioned': () => undefined,
  } satisfies EventHandlers<EventName>;

  const controller: WorkstationController = {
    ...session.api,
    ...inbox.api,
    ...conversationTags.api,
    ...thread.api,
    ...drafts.api,
    ...presence.api,
    ...routing,
    ...notes,
    ...files,
    ...activity.api,
    ...notifications.api,

    setWindowVisible(visible) {
      activity.api.setWindowVisible(visible);
      // A visible, focused window counts as the agent being there for auto-away.
      presence.api.setWindowPresent(visible);
    },

    start() {
      const stops = subscribeParsed(bridge, eventNames, handlers, report);
      if (canReportReconnect(bridge)) stops.push(bridge.onReconnect(() => void session.api.resync()));
      stops.push(activity.followSelection());
      const ready = session.api.resync();
      const stop = () => {
        for (const unsubscribe of stops) unsubscribe();
        presence.stop();
        activity.stop();
        void drafts.saver.flushAll();
      };
      return Object.assign(stop, { ready });
    },
  };

  return controller;
}
