import { hasCommandModifier, matchesCombo, parseCombo, type KeyEventLike } from './key-combo';
import type { KeyPlatform } from './platform';
import type { Shortcut } from './shortcut-table';

/**
 * The shortcut a key press runs, or null. While the user types in a field only combinations with
 * Ctrl/⌘ or Alt count, so "?" is a question mark in the reply box and the sheet elsewhere.
 */
export function shortcutFor(
  event: KeyEventLike,
  table: readonly Shortcut[],
  platform: KeyPlatform,
  typing: boolean,
): Shortcut | null {
  for (const shortcut of table) {
    for (const spec of shortcut.keys) {
      const combo = parseCombo(spec);
      if (typing && !hasCommandModifier(combo)) continue;
      if (matchesCombo(combo, event, platform)) return shortcut;
    }
  }
  return null;
}

/** Whether keys typed at this element are text (a text field, a list box, an editable region). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  return false;
}
