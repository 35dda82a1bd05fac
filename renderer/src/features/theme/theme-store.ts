import { create } from 'zustand';
import { appliedTheme, readThemeChoice, THEME_STORAGE_KEY, type AppliedTheme, type ThemeChoice } from './theme-logic';

/** What the theme needs of the page: the root element, storage and the system's colour scheme. */
export interface ThemeHost {
  root: HTMLElement | null;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** `matchMedia('(prefers-color-scheme: dark)')`, or null where there is none. */
  systemDark: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'> | null;
}

interface ThemeState {
  choice: ThemeChoice;
  /** What the page is drawn in now (follows the system while the choice is "system"). */
  applied: AppliedTheme;
  setChoice(choice: ThemeChoice): void;
}

function pageHost(): ThemeHost {
  let storage: Storage | null = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be blocked by browser settings; the choice then lasts for this page only.
  }
  return {
    root: typeof document === 'undefined' ? null : document.documentElement,
    storage,
    systemDark: typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)'),
  };
}

/**
 * The theme setting, kept beside the language in localStorage. theme.css draws both themes from
 * `color-scheme`; `data-theme` on <html> pins it, and "system" leaves it to the system (so the
 * page starts in the right colours before any script runs when the setting is "system").
 */
export function createThemeStore(host: ThemeHost) {
  const choice = readThemeChoice(host.storage?.getItem(THEME_STORAGE_KEY) ?? null);
  const apply = (value: ThemeChoice) => host.root?.setAttribute('data-theme', value);
  apply(choice);
  const store = create<ThemeState>((set) => ({
    choice,
    applied: appliedTheme(choice, host.systemDark?.matches ?? false),
    setChoice(next) {
      try {
        host.storage?.setItem(THEME_STORAGE_KEY, next);
      } catch (err) {
        console.warn('Could not remember the theme choice', err);
      }
      apply(next);
      set({ choice: next, applied: appliedTheme(next, host.systemDark?.matches ?? false) });
    },
  }));
  host.systemDark?.addEventListener('change', (event) => {
    store.setState({ applied: appliedTheme(store.getState().choice, event.matches) });
  });
  return store;
}

/** The page's theme, applied as soon as this module loads (main.tsx imports it first). */
export const useThemeStore = createThemeStore(pageHost());
