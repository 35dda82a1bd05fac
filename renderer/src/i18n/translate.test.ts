import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/errors';
import { en } from './en';
import { describeError, dictionaries, errorKey, interpolate, languages, resolveInitialLanguage, translator } from './translate';
import { zhCN } from './zh-CN';

describe('dictionaries', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const language of languages) {
      for (const [key, value] of Object.entries(dictionaries[language])) {
        expect(value.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('label the login fields as the end-to-end test looks for them', () => {
    expect([en['login.serverUrl'], en['login.email'], en['login.password']]).toEqual(['Server URL', 'Email', 'Password']);
    expect([zhCN['login.serverUrl'], zhCN['login.email'], zhCN['login.password']]).toEqual(['服务器地址', '邮箱', '密码']);
    expect([en['composer.label'], zhCN['composer.label']]).toEqual(['Reply', '回复']);
  });
});

describe('error sentences', () => {
  it('cover every error code in both languages', () => {
    for (const code of errorCodes) {
      for (const language of languages) {
        const sentence = translator(language)(errorKey(code));
        expect(sentence, `${language} ${code}`).not.toBe('');
        // A distinct sentence per code, not the fallback.
        if (code !== 'internal') expect(sentence).not.toBe(translator(language)('error.internal'));
      }
    }
  });

  it('say what went wrong in words a person understands', () => {
    expect(describeError(translator('en'), { code: 'invalid_credentials' })).toBe('The email or password is wrong.');
    expect(describeError(translator('zh-CN'), { code: 'invalid_credentials' })).toBe('邮箱或密码不正确。');
  });

  it('read an unknown code as an internal error', () => {
    expect(errorKey('no_such_code')).toBe('error.internal');
    expect(describeError(translator('en'), null)).toBe(en['error.internal']);
  });
});

describe('language choice', () => {
  it('prefers the stored choice, then the browser language, then English', () => {
    expect(resolveInitialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveInitialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveInitialLanguage('klingon', ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveInitialLanguage(null, ['fr-FR'])).toBe('en');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Offline since {time} — retrying in {seconds} s', { time: '14:03', seconds: 5 })).toBe(
      'Offline since 14:03 — retrying in 5 s',
    );
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });
});
