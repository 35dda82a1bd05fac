import { useT } from '../../i18n/use-t';
import { themeChoiceSchema, themeChoices } from './theme-logic';
import { useThemeStore } from './theme-store';

/** Picks light, dark or the system's theme; "system" says which one that is now. */
export function ThemeSwitch() {
  const t = useT();
  const choice = useThemeStore((s) => s.choice);
  const applied = useThemeStore((s) => s.applied);
  const setChoice = useThemeStore((s) => s.setChoice);
  return (
    <div className="theme-switch">
      <select
        aria-label={t('theme.label')}
        data-testid="theme-switch"
        data-applied={applied}
        value={choice}
        onChange={(e) => {
          const parsed = themeChoiceSchema.safeParse(e.target.value);
          if (parsed.success) setChoice(parsed.data);
        }}
      >
        {themeChoices.map((value) => (
          <option key={value} value={value}>
            {value === 'system' ? t('theme.system', { applied: t(`theme.${applied}`) }) : t(`theme.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
