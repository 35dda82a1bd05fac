import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { contrastRatio } from '../../renderer/src/features/theme/contrast';

/** The light and dark value of every `--name: light-dark(a, b)` token in theme.css. */
function themeTokens(): { light: Map<string, string>; dark: Map<string, string> } {
  const css = readFileSync(new URL('../../renderer/src/styles/theme.css', import.meta.url), 'utf8');
  const light = new Map<string, string>();
  const dark = new Map<string, string>();
  for (const m of css.matchAll(/(--[\w-]+):\s*light-dark\(\s*(#[0-9a-f]+|rgb\([^)]*\))\s*,\s*(#[0-9a-f]+|rgb\([^)]*\))\s*\)/gi)) {
    light.set(m[1]!, m[2]!);
    dark.set(m[1]!, m[3]!);
  }
  return { light, dark };
}

/** Text colour on background: every pair the screens draw text with. */
const textPairs: readonly [string, string][] = [
  ['--color-text', '--color-bg'],
  ['--color-text', '--color-surface'],
  ['--color-text', '--color-surface-muted'],
  ['--color-text', '--color-surface-hover'],
  ['--color-text', '--color-surface-selected'],
  ['--color-text-muted', '--color-bg'],
  ['--color-text-muted', '--color-surface'],
  ['--color-text-muted', '--color-surface-muted'],
  ['--color-text-muted', '--color-surface-selected'],
  // Timestamps and meta lines (12 px): the issue measured 2.83:1 in the thread and 3.07:1 in the inbox.
  ['--color-text-faint', '--color-bg'],
  ['--color-text-faint', '--color-surface'],
  ['--color-text-faint', '--color-surface-muted'],
  ['--color-text-faint', '--color-surface-hover'],
  ['--color-text-faint', '--color-surface-selected'],
  ['--color-text-faint', '--color-bubble-in'],
  ['--color-text-faint', '--color-bubble-bot'],
  ['--color-system-text', '--color-bg'],
  ['--color-text', '--color-bubble-in'],
  ['--color-text', '--color-bubble-bot'],
  ['--color-bubble-out-text', '--color-bubble-out'],
  ['--color-link', '--color-bg'],
  ['--color-link', '--color-surface'],
  ['--color-accent', '--color-surface'],
  ['--color-accent-contrast', '--color-accent'],
  ['--color-danger', '--color-surface'],
  ['--color-danger', '--color-danger-bg'],
  ['--color-danger-contrast', '--color-danger'],
  ['--color-danger-contrast', '--color-danger-strong'],
  ['--color-success', '--color-surface'],
  ['--color-warning', '--color-surface'],
  ['--color-note-text', '--color-note-bg'],
  ['--color-text', '--color-note-bg'],
  ['--color-text', '--color-offer-bg'],
  ['--color-priority', '--color-priority-bg'],
  ['--color-text', '--color-highlight'],
  ['--color-text', '--color-warning-bg'],
  // Badges and chips.
  ...(['green', 'orange', 'blue', 'sky', 'leaf', 'purple', 'grey', 'yellow'] as const).map(
    (tone): [string, string] => [`--tone-${tone}-text`, `--tone-${tone}-bg`],
  ),
];

describe('theme colours', () => {
  const tokens = themeTokens();

  it('give every token a light and a dark value', () => {
    expect(tokens.light.size).toBeGreaterThan(40);
    for (const [a, b] of textPairs) {
      for (const name of [a, b]) expect(tokens.light.has(name), `${name} is in theme.css`).toBe(true);
    }
  });

  it.each(['light', 'dark'] as const)('draw text at 4.5:1 or more in the %s theme', (theme) => {
    const values = tokens[theme];
    const failing = textPairs
      .map(([text, background]) => ({ text, background, ratio: contrastRatio(values.get(text)!, values.get(background)!) }))
      .filter((pair) => pair.ratio < 4.5)
      .map((pair) => `${pair.text} on ${pair.background}: ${pair.ratio.toFixed(2)}:1`);
    expect(failing).toEqual([]);
  });

  it('measure the ratio as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The old timestamp grey on white: the figure the issue reported.
    expect(contrastRatio('#8a94a3', '#ffffff')).toBeCloseTo(3.07, 2);
  });
});
