import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../i18n/translate';
import { formatCombo, normalCombo, parseCombo } from './key-combo';
import { detectPlatform } from './platform';
import { shortcutFor } from './shortcut-binding';
import { shortcutTable, type ActionId } from './shortcut-table';

const press = (key: string, code: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
});

const every: readonly ActionId[] = [
  'nextChat', 'previousChat', 'nextUnread', 'focusComposer', 'resolve', 'transfer', 'toggleNote', 'quickReply',
  'knowledgeSearch', 'insertArticle', 'acceptOffer', 'cyclePresence', 'openPalette', 'showShortcuts',
];

describe('the shortcut table', () => {
  it('has one entry for each action the issue asks for', () => {
    expect(shortcutTable.map((s) => s.id).sort()).toEqual([...every].sort());
  });

  it('never gives one key combination to two shortcuts that can apply at once', () => {
    // On the inbox screen the global, inbox and thread scopes all apply together.
    const seen = new Map<string, ActionId>();
    for (const shortcut of shortcutTable) {
      for (const spec of shortcut.keys) {
        const combo = normalCombo(spec);
        expect(seen.get(combo), `${spec} of ${shortcut.id}`).toBeUndefined();
        seen.set(combo, shortcut.id);
      }
    }
  });

  it('labels every action in English and in Chinese', () => {
    for (const shortcut of shortcutTable) {
      for (const language of ['en', 'zh-CN'] as const) {
        const label = dictionaries[language][shortcut.label];
        expect(label, `${language} ${shortcut.label}`).toBeTruthy();
        expect(label).not.toBe(shortcut.label);
      }
      expect(dictionaries['zh-CN'][shortcut.label]).not.toBe(dictionaries.en[shortcut.label]);
    }
  });

  it('only holds combinations that parse', () => {
    for (const shortcut of shortcutTable) for (const spec of shortcut.keys) expect(() => parseCombo(spec)).not.toThrow();
  });
});

describe('binding keys to shortcuts', () => {
  it('uses ⌘ on macOS and Ctrl elsewhere for the palette', () => {
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), shortcutTable, 'other', false)?.id).toBe('openPalette');
    expect(shortcutFor(press('k', 'KeyK', { metaKey: true }), shortcutTable, 'other', false)).toBeNull();
    expect(shortcutFor(press('k', 'KeyK', { metaKey: true }), shortcutTable, 'mac', false)?.id).toBe('openPalette');
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), shortcutTable, 'mac', false)).toBeNull();
  });

  it('lets "?" be typed into a field, and opens the sheet with it elsewhere', () => {
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), shortcutTable, 'other', true)).toBeNull();
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), shortcutTable, 'other', false)?.id).toBe('showShortcuts');
  });

  it('runs Alt shortcuts while typing, by key position (⌥ on macOS types another character)', () => {
    expect(shortcutFor(press('ArrowDown', 'ArrowDown', { altKey: true }), shortcutTable, 'other', true)?.id).toBe('nextChat');
    expect(shortcutFor(press('ArrowDown', 'ArrowDown', { altKey: true, shiftKey: true }), shortcutTable, 'other', true)?.id).toBe('nextUnread');
    expect(shortcutFor(press('´', 'KeyE', { altKey: true }), shortcutTable, 'mac', true)?.id).toBe('resolve');
    // Plain letters and arrows are the text box's own.
    expect(shortcutFor(press('e', 'KeyE'), shortcutTable, 'other', true)).toBeNull();
    expect(shortcutFor(press('ArrowDown', 'ArrowDown'), shortcutTable, 'other', false)).toBeNull();
  });

  it('shows keys the way each keyboard labels them', () => {
    expect(formatCombo('Mod+K', 'mac')).toBe('⌘K');
    expect(formatCombo('Mod+K', 'other')).toBe('Ctrl+K');
    expect(formatCombo('Alt+Shift+ArrowDown', 'mac')).toBe('⌥⇧↓');
    expect(formatCombo('Alt+Shift+ArrowDown', 'other')).toBe('Alt+Shift+↓');
  });

  it('tells macOS from the others by the navigator', () => {
    expect(detectPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(detectPlatform({ userAgentData: { platform: 'macOS' } })).toBe('mac');
    expect(detectPlatform({ platform: 'Win32' })).toBe('other');
    expect(detectPlatform({ platform: 'Linux x86_64' })).toBe('other');
  });
});
