import type { Language } from '../../../shared/i18n/languages';
import type { WidgetMessageKey } from '../../../shared/i18n/widget-en';
import type { WidgetTranslate } from '../../../shared/i18n/widget';

/** Chinese for a browser set to any Chinese, English otherwise: the page offers no switch. */
export function widgetLanguage(browserLanguage: string | undefined): Language {
  return /^zh\b/i.test(browserLanguage ?? '') ? 'zh-CN' : 'en';
}

/** Writes the page's fixed text (elements marked `data-i18n` / `data-i18n-placeholder` / `data-i18n-aria-label`) in the language. */
export function applyPageTexts(doc: Document, language: Language, t: WidgetTranslate): void {
  doc.documentElement.lang = language;
  doc.title = t('widget.title');
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.getAttribute('data-i18n') as WidgetMessageKey);
  }
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.getAttribute('data-i18n-aria-label') as WidgetMessageKey));
  }
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', t(element.getAttribute('data-i18n-placeholder') as WidgetMessageKey));
  }
}
