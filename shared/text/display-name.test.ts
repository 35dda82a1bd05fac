import { describe, expect, it } from 'vitest';
import { displayNameForm } from './display-name';

describe('a display name', () => {
  it('loses the right-to-left override that makes "‮gnp.exe" read as "exe.png"', () => {
    expect(displayNameForm('\u202Egnp.exe')).toBe('gnp.exe');
  });

  it('loses every bidi control, direction mark and zero-width character', () => {
    const invisible = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
    expect(displayNameForm(`Ad${invisible.join('')}min`)).toBe('Admin');
  });

  it('keeps letters of every script as written, and is trimmed', () => {
    expect(displayNameForm('  王芳 ')).toBe('王芳');
    expect(displayNameForm('محمد')).toBe('محمد');
    expect(displayNameForm('Zoë Ø')).toBe('Zoë Ø');
  });

  it('turns control characters into spaces', () => {
    expect(displayNameForm('Ann\nLee\u0000')).toBe('Ann Lee');
  });
});
