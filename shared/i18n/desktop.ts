import { en, type Dictionary, type MessageKey } from './en';
import { createTranslator, type Params } from './format-message';
import type { Language } from './languages';
import { zhCN } from './zh-CN';

/** The workstation's catalogues: `en` defines the keys, every other language provides them all. */
export const dictionaries: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, params?: Params) => string;

const translators = new Map<Language, Translate>();

/** The workstation's translate function for a language; one per language, so messages compile once. */
export function translator(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    translate = createTranslator(language, dictionaries[language]);
    translators.set(language, translate);
  }
  return translate;
}
