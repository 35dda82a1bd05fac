import { create } from 'zustand';
import { resolveInitialLanguage, type Language } from './translate';

export const LANGUAGE_STORAGE_KEY = 'switchboard.language';

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be blocked by browser settings; the choice then lasts for this page only.
    return null;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function applyToDocument(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

const initial = resolveInitialLanguage(storage()?.getItem(LANGUAGE_STORAGE_KEY) ?? null, browserLanguages());
applyToDocument(initial);

/** The UI language, remembered in localStorage. */
export const useLanguageStore = create<LanguageState>((set) => ({
  language: initial,
  setLanguage(language) {
    try {
      storage()?.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch (err) {
      console.warn('Could not remember the language choice', err);
    }
    applyToDocument(language);
    set({ language });
  },
}));
