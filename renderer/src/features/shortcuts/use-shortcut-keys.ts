import { useEffect, useRef } from 'react';
import { shortcutFor, isTypingTarget } from './shortcut-binding';
import type { KeyPlatform } from './platform';
import { shortcutTable, type ShortcutActions, type ShortcutScope } from './shortcut-table';

/**
 * Binds the shortcut table to the window's key presses for the scopes that apply now. Nothing
 * fires while a modal dialog is open (the dialog has its own keys: Tab, Enter, Esc).
 */
export function useShortcutKeys(actions: ShortcutActions, platform: KeyPlatform, scopes: readonly ShortcutScope[]): void {
  const latest = useRef({ actions, scopes });
  useEffect(() => {
    latest.current = { actions, scopes };
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const { actions: now, scopes: active } = latest.current;
      const table = shortcutTable.filter((s) => active.includes(s.scope));
      const shortcut = shortcutFor(event, table, platform, isTypingTarget(event.target));
      if (!shortcut) return;
      event.preventDefault();
      now[shortcut.id]();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [platform]);
}
