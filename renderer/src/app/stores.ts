import { createNoticeStore, useNoticeStore } from '../features/notices/notice-store';
import { createComposerFilesStore, useComposerFilesStore } from '../stores/composer-files-store';
import { createConnectionStore, useConnectionStore } from '../stores/connection-store';
import { createContactsStore, useContactsStore } from '../stores/contacts-store';
import { createConversationTagsStore, useConversationTagsStore } from '../stores/conversation-tags-store';
import { createDraftsStore, useDraftsStore } from '../stores/drafts-store';
import { createInboxSearchStore, useInboxSearchStore } from '../stores/inbox-search-store';
import { createInboxStore, useInboxStore } from '../stores/inbox-store';
import { createJoinedStore, useJoinedStore } from '../stores/joined-store';
import { createNotesStore, useNotesStore } from '../stores/notes-store';
import { createNotifyStore, useNotifyStore } from '../stores/notify-store';
import { createPresenceStore, usePresenceStore } from '../stores/presence-store';
import { createSessionStore, useSessionStore } from '../stores/session-store';
import { createSupervisionStore, useSupervisionStore } from '../stores/supervision-store';
import { createTeamStore, useTeamStore } from '../stores/team-store';
import { createThreadStore, useThreadStore } from '../stores/thread-store';
import { createViewStore, useViewStore } from '../stores/view-store';

/** The stores the workstation controller writes; the views read the same ones through their hooks. */
export interface WorkstationStores {
  session: typeof useSessionStore;
  connection: typeof useConnectionStore;
  inbox: typeof useInboxStore;
  inboxSearch: typeof useInboxSearchStore;
  thread: typeof useThreadStore;
  drafts: typeof useDraftsStore;
  composerFiles: typeof useComposerFilesStore;
  contacts: typeof useContactsStore;
  conversationTags: typeof useConversationTagsStore;
  notes: typeof useNotesStore;
  joined: typeof useJoinedStore;
  notices: typeof useNoticeStore;
  presence: typeof usePresenceStore;
  team: typeof useTeamStore;
  notify: typeof useNotifyStore;
  supervision: typeof useSupervisionStore;
  view: typeof useViewStore;
}

/** The app's stores: the ones its views subscribe to. */
export const appStores: WorkstationStores = {
  session: useSessionStore,
  connection: useConnectionStore,
  inbox: useInboxStore,
  inboxSearch: useInboxSearchStore,
  thread: useThreadStore,
  drafts: useDraftsStore,
  composerFiles: useComposerFilesStore,
  contacts: useContactsStore,
  conversationTags: useConversationTagsStore,
  notes: useNotesStore,
  joined: useJoinedStore,
  notices: useNoticeStore,
  presence: usePresenceStore,
  team: useTeamStore,
  notify: useNotifyStore,
  supervision: useSupervisionStore,
  view: useViewStore,
};

/** A fresh set, each store in its initial state (a test's own, shared with nothing). */
export function createWorkstationStores(): WorkstationStores {
  return {
    session: createSessionStore(),
    connection: createConnectionStore(),
    inbox: createInboxStore(),
    inboxSearch: createInboxSearchStore(),
    thread: createThreadStore(),
    drafts: createDraftsStore(),
    composerFiles: createComposerFilesStore(),
    contacts: createContactsStore(),
    conversationTags: createConversationTagsStore(),
    notes: createNotesStore(),
    joined: createJoinedStore(),
    notices: createNoticeStore(),
    presence: createPresenceStore(),
    team: createTeamStore(),
    notify: createNotifyStore(),
    supervision: createSupervisionStore(),
    view: createViewStore(),
  };
}
