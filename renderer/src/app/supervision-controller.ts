import {
  type EventName,
  type MethodArgs,
  type MethodResult,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../../../shared/contract';
import type { SensitiveWord } from '../../../shared/domain';
import type { ManagedUser, RoutingSettingsView } from '../../../shared/team-admin';
import { toAppError } from '../../../shared/errors';
import { createCall, type Call } from '../bridge/call';
import { subscribeParsed, type EventHandlers } from '../bridge/events';
import { appendAuditPage } from '../features/admin/audit-logic';
import { inboxFilterShowing } from '../features/monitor/monitor-logic';
import { useMonitorFilterStore } from '../features/monitor/monitor-filter-store';
import { useAuditStore } from '../stores/audit-store';
import { useConnectionStore } from '../stores/connection-store';
import { useInboxFilterStore } from '../stores/inbox-filter-store';
import { useInboxStore } from '../stores/inbox-store';
import { useRoutingSettingsStore } from '../stores/routing-settings-store';
import { useSensitiveWordsStore } from '../stores/sensitive-words-store';
import { useSupervisionStore } from '../stores/supervision-store';
import { useTeamAdminStore } from '../stores/team-admin-store';
import { useTeamStore } from '../stores/team-store';
import { useViewStore } from '../stores/view-store';
import { createPagedSearch } from './paged-search';
import { loadIntoStore } from './load-into-store';
import type { WorkstationController } from './workstation-controller';
import { onUserChange } from './on-user-change';

/** What the live monitor and the admin screen ask of the client core; answers land in their stores. */
export interface SupervisionController {
  /** Listens to the supervision events and to sign-in and connection changes; returns a function that stops it. */
  start(): Unsubscribe;
  /** Opens a conversation in the inbox (under a tab that lists it) and shows the inbox. */
  openConversation(conversationId: string): void;
  /** The latest topics customers asked about in the period (supervisors and admins). Throws an AppError the panel shows. */
  topics(days: MethodArgs<'topics.list'>['days']): Promise<MethodResult<'topics.list'>>;
  /** One topic with its conversations. Throws an AppError the panel shows. */
  topic(topicId: string): Promise<MethodResult<'topics.get'>>;
  /** What was said in one conversation of a topic. Throws an AppError the panel shows. */
  topicConversation(topicId: string, conversationId: string): Promise<MethodResult<'topics.conversation'>>;
  /** Groups the period's messages again now. Throws an AppError the panel shows. */
  runTopics(days: MethodArgs<'topics.run'>['days']): Promise<MethodResult<'topics.run'>>;
  /** Reads the first page of the audit log for a search ('' for everything). */
  searchAudit(query: string): Promise<void>;
  /** Reads the next older page of the current search. */
  loadMoreAudit(): Promise<void>;
  /** The audit log of a search as CSV. Throws an AppError the admin screen shows. */
  exportAudit(query: string): Promise<MethodResult<'audit.export'>>;
  /** Reads the sensitive word list and the masking setting (a setting that cannot be read stays unknown). */
  loadSensitiveWords(): Promise<void>;
  /** Changes the reply masking setting. Throws an AppError the admin screen shows. */
  saveReplyMaskPolicy(policy: MethodArgs<'sensitive.savePolicy'>): Promise<void>;
  /** Adds or changes an entry. Throws an AppError the form shows. */
  saveSensitiveWord(args: MethodArgs<'sensitive.save'>): Promise<SensitiveWord>;
  /** Throws an AppError the list shows. */
  deleteSensitiveWord(id: string): Promise<void>;
  /** Reads the team (every user and the skill groups) for the admin screen. */
  loadTeamAdmin(): Promise<void>;
  /** Changes one user. Throws an AppError the row shows. */
  saveUser(args: MethodArgs<'admin.saveUser'>): Promise<ManagedUser>;
  /** Adds a user. Throws an AppError the form shows. */
  createUser(args: MethodArgs<'admin.createUser'>): Promise<ManagedUser>;
  loadRoutingSettings(): Promise<void>;
  /** Saves routing settings. Throws an AppError the form shows. */
  saveRoutingSettings(args: MethodArgs<'admin.saveSettings'>): Promise<RoutingSettingsView>;
}

type Reporter = (message: string) => void;

/** The events this controller handles (the workstation controller handles every event for its own stores). */
const supervisionEvents = ['team.member', 'sensitive.alert', 'queue.escalated', 'activity.changed', 'catalog.updated'] as const satisfies readonly EventName[];
type SupervisionEvent = (typeof supervisionEvents)[number];

/**
 * Wires the supervision side of the bridge (team board, sensitive-word alerts, who is where, the
 * audit log, the sensitive word list) to its stores. It sits beside the workstation controller,
 * which owns sessions, the inbox and threads, and uses it only to open a conversation.
 */
export function createSupervisionController(
  bridge: SwitchboardBridge,
  workstation: Pick<WorkstationController, 'selectConversation'>,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
): SupervisionController {
  const call: Call = createCall(bridge);
  const audit = createPagedSearch({
    async fetchPage(query, before) {
      const page = await call('audit.list', { ...(query ? { query } : {}), ...(before === undefined ? {} : { before }) });
      return { items: page.entries, nextBefore: page.nextBefore };
    },
    append: appendAuditPage,
    store: () => {
      const state = useAuditStore.getState();
      return { ...state, items: state.entries };
    },
  });

  function resetAll(): void {
    audit.drop();
    useSupervisionStore.getState().reset();
    useAuditStore.getState().reset();
    useSensitiveWordsStore.getState().reset();
    useTeamAdminStore.getState().reset();
    useRoutingSettingsStore.getState().reset();
    useMonitorFilterStore.getState().reset();
    useViewStore.getState().reset();
  }

  const handlers: EventHandlers<SupervisionEvent> = {
    'team.member': (member) => useTeamStore.getState().putMember(member),
    'sensitive.alert': (alert) => useSupervisionStore.getState().addAlert(alert),
    'queue.escalated': (alert) => useSupervisionStore.getState().addEscalation(alert),
    'activity.changed': (activity) => useSupervisionStore.getState().putActivity(activity),
    // Also fired when the sensitive word list changed; read it again if the admin screen holds it.
    'catalog.updated': () => {
      if (useSensitiveWordsStore.getState().status !== 'idle') void controller.loadSensitiveWords();
    },
  };

  function onConnection(status: string | undefined, previous: string | undefined): void {
    if (status === previous) return;
    // Offline nobody tells us when colleagues leave a conversation: forget rather than mislead.
    if (status !== 'online') {
      useSupervisionStore.getState().clearActivity();
      return;
    }
    if (useAuditStore.getState().status === 'failed') void controller.searchAudit(useAuditStore.getState().query);
    if (useSensitiveWordsStore.getState().status === 'failed') void controller.loadSensitiveWords();
    if (useTeamAdminStore.getState().status === 'failed') void controller.loadTeamAdmin();
    if (useRoutingSettingsStore.getState().status === 'failed') void controller.loadRoutingSettings();
  }

  const controller: SupervisionController = {
    start() {
      const stops: Unsubscribe[] = subscribeParsed(bridge, supervisionEvents, handlers, report);
      stops.push(
        onUserChange(resetAll),
        useConnectionStore.subscribe((next, previous) => onConnection(next.connection?.status, previous.connection?.status)),
      );
      return () => {
        for (const stop of stops) stop();
      };
    },

    openConversation(conversationId) {
      const inbox = useInboxStore.getState();
      const conversation = inbox.byId[conversationId];
      const tabs = useInboxFilterStore.getState();
      if (conversation) {
        const filter = inboxFilterShowing(conversation, tabs.filter, inbox.me);
        if (filter !== tabs.filter) tabs.setFilter(filter);
      }
      workstation.selectConversation(conversationId);
      useViewStore.getState().setView('inbox');
    },

    topics: (days) => call('topics.list', { days }),
    topic: (topicId) => call('topics.get', { topicId }),
    topicConversation: (topicId, conversationId) => call('topics.conversation', { topicId, conversationId }),
    runTopics: (days) => call('topics.run', { days }),

    searchAudit(query) {
      return audit.search(query);
    },

    loadMoreAudit() {
      return audit.loadMore();
    },

    exportAudit(query) {
      const text = query.trim();
      return call('audit.export', text ? { query: text } : {});
    },

    async loadSensitiveWords() {
      const policy = call('sensitive.policy', {}).then(
        (read) => useSensitiveWordsStore.getState().setPolicy(read),
        // The composer assumes the default (masking on), as the server does; the server masks either way.
        () => undefined,
      );
      await Promise.all([loadIntoStore(useSensitiveWordsStore.getState, () => call('sensitive.list', {})), policy]);
    },

    async saveReplyMaskPolicy(policy) {
      useSensitiveWordsStore.getState().setPolicy(await call('sensitive.savePolicy', policy));
    },

    async saveSensitiveWord(args) {
      const word = await call('sensitive.save', args);
      useSensitiveWordsStore.getState().put(word);
      return word;
    },

    async deleteSensitiveWord(id) {
      await call('sensitive.delete', { id });
      // Deleted now, or already gone: either way it is no longer in the list.
      useSensitiveWordsStore.getState().remove(id);
    },

    loadTeamAdmin() {
      return loadIntoStore(useTeamAdminStore.getState, () => call('admin.team', {}));
    },

    async saveUser(args) {
      try {
        const user = await call('admin.saveUser', args);
        useTeamAdminStore.getState().putUser(user);
        return user;
      } catch (err) {
        // Someone else changed or removed the user meanwhile: show the team as it is now.
        const error = toAppError(err);
        if (error.code === 'not_found' || error.code === 'conflict') void controller.loadTeamAdmin();
        throw error;
      }
    },

    async createUser(args) {
      const user = await call('admin.createUser', args);
      useTeamAdminStore.getState().putUser(user);
      return user;
    },

    loadRoutingSettings() {
      return loadIntoStore(useRoutingSettingsStore.getState, () => call('admin.settings', {}));
    },

    async saveRoutingSettings(args) {
      const view = await call('admin.saveSettings', args);
      useRoutingSettingsStore.getState().setLoaded(view);
      return view;
    },
  };

  return controller;
}
