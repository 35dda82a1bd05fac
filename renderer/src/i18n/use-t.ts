import { useMemo } from 'react';
import { useLanguageStore } from './language-store';
import { translator, type Translate } from './translate';

/** The translate function for the current UI language; components re-render when it changes. */
export function useT(): Translate {
  const language = useLanguageStore((s) => s.language);
  return useMemo(() => translator(language), [language]);
}

export function useLanguage() {
  return useLanguageStore((s) => s.language);
}
