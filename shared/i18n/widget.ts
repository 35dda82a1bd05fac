import { createTranslator, type Params } from './format-message';
import type { Language } from './languages';
import { widgetEn, type WidgetDictionary, type WidgetMessageKey } from './widget-en';
import { widgetZhCN } from './widget-zh-CN';

/** The widget's catalogues, kept apart from the workstation's so the customer's page stays small. */
export const widgetDictionaries: Record<Language, WidgetDictionary> = { en: widgetEn, 'zh-CN': widgetZhCN };

export type WidgetTranslate = (key: WidgetMessageKey, params?: Params) => string;

/** The widget's translate function for a language. */
export function widgetTranslator(language: Language): WidgetTranslate {
  return createTranslator(language, widgetDictionaries[language]);
}
