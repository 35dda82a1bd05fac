import type { MessageKey } from '../../i18n/en';

/**
 * Where a shortcut applies: everywhere in the workstation, in the inbox (moving between and
 * taking conversations), or in the open conversation.
 */
export type ShortcutScope = 'global' | 'inbox' | 'thread';

/** What the shortcuts (and the palette's actions) do; the app supplies them (shortcut-actions.ts). */
export interface ShortcutActions {
  nextChat(): void;
  previousChat(): void;
  nextUnread(): void;
  focusComposer(): void;
  resolve(): void;
  transfer(): void;
  toggleNote(): void;
  quickReply(): void;
  knowledgeSearch(): void;
  insertArticle(): void;
  acceptOffer(): void;
  cyclePresence(): void;
  openPalette(): void;
  showShortcuts(): void;
}

export type ActionId = keyof ShortcutActions;

export interface Shortcut {
  id: ActionId;
  /** Key combinations (key-combo.ts), the first is the one shown first. */
  keys: readonly string[];
  label: MessageKey;
  scope: ShortcutScope;
}

/**
 * Every keyboard shortcut, once. The key handler binds from this table, the shortcut sheet lists
 * it and the command palette offers it as actions, so the three cannot disagree. Conversation
 * commands use Alt (⌥ on macOS) so they work while the agent is typing in the reply box and clash
 * with neither the browser's nor the text box's own Ctrl/⌘ keys.
 */
export const shortcutTable: readonly Shortcut[] = [
  { id: 'openPalette', keys: ['Mod+K'], label: 'shortcut.openPalette', scope: 'global' },
  { id: 'showShortcuts', keys: ['?', 'Mod+/'], label: 'shortcut.showShortcuts', scope: 'global' },
  { id: 'cyclePresence', keys: ['Alt+P'], label: 'shortcut.cyclePresence', scope: 'global' },
  { id: 'nextChat', keys: ['Alt+ArrowDown'], label: 'shortcut.nextChat', scope: 'inbox' },
  { id: 'previousChat', keys: ['Alt+ArrowUp'], label: 'shortcut.previousChat', scope: 'inbox' },
  { id: 'nextUnread', keys: ['Alt+Shift+ArrowDown'], label: 'shortcut.nextUnread', scope: 'inbox' },
  { id: 'acceptOffer', keys: ['Alt+A'], label: 'shortcut.acceptOffer', scope: 'inbox' },
  { id: 'focusComposer', keys: ['Alt+R'], label: 'shortcut.focusComposer', scope: 'thread' },
  { id: 'toggleNote', keys: ['Alt+N'], label: 'shortcut.toggleNote', scope: 'thread' },
  { id: 'quickReply', keys: ['Alt+Q'], label: 'shortcut.quickReply', scope: 'thread' },
  { id: 'knowledgeSearch', keys: ['Alt+K'], label: 'shortcut.knowledgeSearch', scope: 'thread' },
  { id: 'insertArticle', keys: ['Alt+I'], label: 'shortcut.insertArticle', scope: 'thread' },
  { id: 'transfer', keys: ['Alt+T'], label: 'shortcut.transfer', scope: 'thread' },
  { id: 'resolve', keys: ['Alt+E'], label: 'shortcut.resolve', scope: 'thread' },
];

export const shortcutScopes: readonly ShortcutScope[] = ['global', 'inbox', 'thread'];
