import type { KeyPlatform } from './platform';

/**
 * One key combination, written as in the shortcut table: modifiers joined with "+", then the key.
 * `Mod` is ⌘ on macOS and Ctrl elsewhere; a letter matches by its position (event.code), so
 * Alt/⌥ combinations work whatever character the layout would type; anything else by event.key.
 */
export interface KeyCombo {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

const MODIFIERS = new Set(['Mod', 'Alt', 'Shift']);

/** Reads "Mod+Shift+K"; throws on a combination the table should never hold. */
export function parseCombo(spec: string): KeyCombo {
  const parts = spec.split('+');
  const key = parts.pop();
  if (!key || parts.some((p) => !MODIFIERS.has(p))) throw new Error(`bad key combination: ${spec}`);
  return { mod: parts.includes('Mod'), alt: parts.includes('Alt'), shift: parts.includes('Shift'), key };
}

/** The same combination however it was written (for finding duplicates). */
export function normalCombo(spec: string): string {
  const c = parseCombo(spec);
  return [c.mod && 'Mod', c.alt && 'Alt', c.shift && 'Shift', c.key.toUpperCase()].filter(Boolean).join('+');
}

export interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Whether a key press is this combination on this platform. */
export function matchesCombo(combo: KeyCombo, event: KeyEventLike, platform: KeyPlatform): boolean {
  const mod = platform === 'mac' ? event.metaKey : event.ctrlKey;
  const other = platform === 'mac' ? event.ctrlKey : event.metaKey;
  if (mod !== combo.mod || other || event.altKey !== combo.alt) return false;
  if (/^[A-Z]$/.test(combo.key)) return event.shiftKey === combo.shift && event.code === `Key${combo.key}`;
  // "?" and "/" are typed with or without Shift depending on the layout: the character decides.
  if (combo.key.length === 1 && !/[a-z0-9]/i.test(combo.key)) return event.key === combo.key;
  return event.shiftKey === combo.shift && event.key === combo.key;
}

/** True when the combination holds Ctrl/⌘ or Alt, so it may fire while the user types in a field. */
export function hasCommandModifier(combo: KeyCombo): boolean {
  return combo.mod || combo.alt;
}

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Enter: '↵', Escape: 'Esc' };

/** The combination as the user's keyboard labels it: "⌘K" / "⌥⇧↓" on macOS, "Ctrl+K" / "Alt+Shift+↓" elsewhere. */
export function formatCombo(spec: string, platform: KeyPlatform): string {
  const c = parseCombo(spec);
  const key = KEY_NAMES[c.key] ?? c.key;
  if (platform === 'mac') return `${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key}`;
  return [c.mod && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', key].filter(Boolean).join('+');
}
