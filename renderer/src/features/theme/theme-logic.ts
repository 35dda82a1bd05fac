import { z } from 'zod';

/** The theme setting: a fixed light or dark theme, or whatever the system uses. */
export const themeChoiceSchema = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof themeChoiceSchema>;
export const themeChoices: readonly ThemeChoice[] = themeChoiceSchema.options;

/** The theme the page is drawn in. */
export type AppliedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'switchboard.theme';

/** The stored setting, or "system" when nothing (or something unknown) was stored. */
export function readThemeChoice(stored: string | null): ThemeChoice {
  const parsed = themeChoiceSchema.safeParse(stored);
  return parsed.success ? parsed.data : 'system';
}

/** The theme a choice draws in, given whether the system asks for dark. */
export function appliedTheme(choice: ThemeChoice, systemDark: boolean): AppliedTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}
