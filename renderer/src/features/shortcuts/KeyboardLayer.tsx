import { useMemo } from 'react';
import { useController } from '../../app/controller-context';
import { useKnowledge } from '../../app/knowledge-context';
import { useInboxFilterStore } from '../../stores/inbox-filter-store';
import { useInboxSearchStore } from '../../stores/inbox-search-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useSessionStore } from '../../stores/session-store';
import { visibleView } from '../../stores/view-logic';
import { useViewStore } from '../../stores/view-store';
import { shownConversations } from '../inbox/inbox-query';
import { CommandPalette } from '../palette/CommandPalette';
import { useOverlayStore } from './overlay-store';
import { detectPlatform } from './platform';
import { createShortcutActions } from './shortcut-actions';
import type { ShortcutScope } from './shortcut-table';
import { ShortcutSheet } from './ShortcutSheet';
import { useShortcutKeys } from './use-shortcut-keys';

/** The inbox list's conversations in its order, read from the stores when a shortcut asks. */
function shownNow() {
  const inbox = useInboxStore.getState();
  const f = useInboxFilterStore.getState();
  const query = { tab: f.filter, sort: f.sort, channel: f.channel, status: f.status, label: f.label, priority: f.priority };
  return shownConversations(inbox.conversations, query, inbox.me, f.search, useInboxSearchStore.getState());
}

const everywhere: readonly ShortcutScope[] = ['global'];
const inInbox: readonly ShortcutScope[] = ['global', 'inbox', 'thread'];

/** Binds the keyboard shortcuts for the signed-in workstation and shows the command palette and the shortcut sheet. */
export function KeyboardLayer() {
  const controller = useController();
  const knowledge = useKnowledge();
  const platform = useMemo(() => detectPlatform(), []);
  const role = useSessionStore((s) => s.session?.user?.role ?? null);
  const view = visibleView(useViewStore((s) => s.view), role);
  const overlay = useOverlayStore((s) => s.open);
  const close = useOverlayStore((s) => s.close);
  const actions = useMemo(
    () => createShortcutActions({ controller, knowledge, shown: shownNow, report: (message) => console.error(`[switchboard] ${message}`) }),
    [controller, knowledge],
  );
  // Conversations are handled on the inbox screen, by those who take them.
  useShortcutKeys(actions, platform, view === 'inbox' && role !== 'staff' ? inInbox : everywhere);

  if (overlay === 'palette') return <CommandPalette platform={platform} actions={actions} onClose={close} />;
  if (overlay === 'sheet') return <ShortcutSheet platform={platform} onClose={() => close()} />;
  return null;
}
