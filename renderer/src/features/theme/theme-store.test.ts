import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY } from './theme-logic';
import { createThemeStore, type ThemeHost } from './theme-store';

/** A system colour scheme the test switches, as the OS would. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<(event: { matches: boolean }) => void>();
  const media = {
    matches: dark,
    addEventListener: (_: string, l: (event: { matches: boolean }) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (event: { matches: boolean }) => void) => listeners.delete(l),
    set(next: boolean) {
      media.matches = next;
      for (const l of listeners) l({ matches: next });
    },
  };
  return media;
}

function host(stored: string | null, systemDark: boolean) {
  const attributes = new Map<string, string>();
  const saved = new Map<string, string>(stored === null ? [] : [[THEME_STORAGE_KEY, stored]]);
  const system = fakeSystem(systemDark);
  const page: ThemeHost = {
    root: { setAttribute: (name: string, value: string) => attributes.set(name, value) } as unknown as HTMLElement,
    storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) },
    systemDark: system as unknown as ThemeHost['systemDark'],
  };
  return { page, attributes, saved, system };
}

describe('the theme setting', () => {
  it('follows the system by default, also when the system changes later', () => {
    const h = host(null, false);
    const store = createThemeStore(h.page);
    expect(store.getState()).toMatchObject({ choice: 'system', applied: 'light' });
    expect(h.attributes.get('data-theme')).toBe('system');
    h.system.set(true);
    expect(store.getState().applied).toBe('dark');
    h.system.set(false);
    expect(store.getState().applied).toBe('light');
  });

  it('keeps a chosen theme whatever the system does, and remembers it', () => {
    const h = host(null, false);
    const store = createThemeStore(h.page);
    store.getState().setChoice('dark');
    expect(h.attributes.get('data-theme')).toBe('dark');
    expect(h.saved.get(THEME_STORAGE_KEY)).toBe('dark');
    h.system.set(false);
    expect(store.getState().applied).toBe('dark');
    // The next start reads it back before anything renders.
    const again = host('dark', false);
    expect(createThemeStore(again.page).getState()).toMatchObject({ choice: 'dark', applied: 'dark' });
    expect(again.attributes.get('data-theme')).toBe('dark');
  });

  it('goes back to following the system when "system" is chosen again', () => {
    const h = host('light', true);
    const store = createThemeStore(h.page);
    expect(store.getState().applied).toBe('light');
    store.getState().setChoice('system');
    expect(store.getState().applied).toBe('dark');
  });

  it('treats an unknown stored value as "system"', () => {
    expect(createThemeStore(host('purple', true).page).getState()).toMatchObject({ choice: 'system', applied: 'dark' });
  });
});
