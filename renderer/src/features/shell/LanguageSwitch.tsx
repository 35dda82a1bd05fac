import { useLanguageStore } from '../../i18n/language-store';
import { isLanguage, languages } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

/** Picks the UI language; each option is written in its own language. */
export function LanguageSwitch() {
  const t = useT();
  const language = useLanguageStore((s) => s.language);
  const setLanguage = useLanguageStore((s) => s.setLanguage);
  return (
    <div className="language-switch">
      <select
        aria-label={t('language.label')}
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {languages.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
