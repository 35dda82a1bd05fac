import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, themeChoices } from '../../renderer/src/features/theme/theme-logic';

const boot = readFileSync(new URL('../../renderer/public/theme-boot.js', import.meta.url), 'utf8');
const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

/** Runs the boot script on a page whose storage holds `stored`; answers the data-theme it set. */
function bootWith(stored: string | null): string | undefined {
  const attributes: Record<string, string> = {};
  runInNewContext(boot, {
    localStorage: { getItem: (key: string) => (key === THEME_STORAGE_KEY ? stored : null) },
    document: { documentElement: { setAttribute: (name: string, value: string) => void (attributes[name] = value) } },
    console,
  });
  return attributes['data-theme'];
}

describe('the theme before first paint', () => {
  it('puts every remembered choice on <html>, read from the key the theme store writes', () => {
    for (const choice of themeChoices) expect(bootWith(choice)).toBe(choice);
  });

  it('leaves the page to the system for nothing stored or something unknown', () => {
    expect(bootWith(null)).toBeUndefined();
    expect(bootWith('purple')).toBeUndefined();
  });

  it('is loaded in <head>, before the app, without type="module" (which would wait for the page)', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script src="./theme-boot.js"></script>');
    expect(html).toContain('<meta name="color-scheme" content="light dark" />');
  });
});
