import { isPluralElement, isSelectElement, parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { dictionaries, translator } from './desktop';
import { createTranslator, type FormatFailure, type Params } from './format-message';
import { languages } from './languages';
import { widgetDictionaries } from './widget';

type Argument = { name: string; type: TYPE };

/** Every argument a message reads, with its kind (plain, plural, select…), branches included. */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, TYPE>()): Map<string, TYPE> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound || element.type === TYPE.tag) continue;
    // A plain `{count}` in one branch and the plural on it read the same value: keep the plural.
    if (!into.has(element.value) || element.type !== TYPE.argument) into.set(element.value, element.type);
    if (isPluralElement(element) || isSelectElement(element)) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

/** The words a message shows of its own (argument names left out), branches included. */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if (isPluralElement(element) || isSelectElement(element)) return Object.values(element.options).map((o) => literalText(o.value)).join(' ');
      return '';
    })
    .join('');
}

/** Keys whose English is the Chinese too: names of products and platforms, a language's own name, an ID, a key chord. */
const SAME_IN_BOTH = new Set([
  'language.label',
  'language.en',
  'channel.whatsapp',
  'channel.telegram',
  'channel.api',
  'profile.vipLevel',
  'kbAdmin.idLabel',
  'kbAdmin.field.id',
  'channels.config.appId',
  'tickets.create.shortcut',
]);

const argumentList = (message: string): Argument[] =>
  [...argumentsOf(parse(message, { ignoreTag: true }))].map(([name, type]) => ({ name, type })).sort((a, b) => a.name.localeCompare(b.name));

const catalogues = [
  { name: 'workstation', dictionaries: dictionaries as Record<(typeof languages)[number], Record<string, string>> },
  { name: 'widget', dictionaries: widgetDictionaries as Record<(typeof languages)[number], Record<string, string>> },
];

describe.each(catalogues)('the $name catalogues', ({ dictionaries: byLanguage }) => {
  it('parse as ICU MessageFormat in every language', () => {
    for (const language of languages) {
      for (const [key, message] of Object.entries(byLanguage[language])) {
        expect(() => parse(message, { ignoreTag: true }), `${language} ${key}`).not.toThrow();
      }
    }
  });

  it('have every key in zh-CN, in Chinese wherever the English shows words', () => {
    const untranslated: string[] = [];
    for (const [key, message] of Object.entries(byLanguage.en)) {
      const zh = byLanguage['zh-CN'][key];
      if (zh === undefined) untranslated.push(`${key} (missing)`);
      else if (zh === message && /[A-Za-z]/.test(literalText(parse(message, { ignoreTag: true }))) && !SAME_IN_BOTH.has(key)) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
  });

  it('read the same argument names in zh-CN as in en', () => {
    for (const [key, message] of Object.entries(byLanguage.en)) {
      const names = (m: string) => argumentList(m).map((a) => a.name);
      expect(names(byLanguage['zh-CN'][key] ?? ''), key).toEqual(names(message));
    }
  });

  it('format every message in every language without falling back to its key', () => {
    for (const language of languages) {
      const failures: FormatFailure[] = [];
      const translate = createTranslator(language, byLanguage[language], (failure) => failures.push(failure));
      for (const [key, message] of Object.entries(byLanguage[language])) {
        const params: Params = {};
        for (const { name, type } of argumentList(message)) params[name] = type === TYPE.plural || type === TYPE.number ? 2 : `[${name}]`;
        const text = translate(key, params);
        expect(text, `${language} ${key}`).not.toBe(key);
        // Every argument was given a value, so no placeholder may be left over.
        expect(text, `${language} ${key}`).not.toMatch(/\{\w+\}/);
      }
      expect(failures).toEqual([]);
    }
  });
});

describe('plurals', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('say one conversation and many conversations in English', () => {
    expect(en('inbox.count', { count: 1 })).toBe('1 conversation');
    expect(en('inbox.count', { count: 3 })).toBe('3 conversations');
    expect(en('inbox.search.found', { count: 1 })).toBe('1 conversation found');
    expect(en('audit.shown', { count: 1 })).toBe('1 entry shown');
    expect(en('audit.shown', { count: 40 })).toBe('40 entries shown');
    expect(en('kbAdmin.shown', { shown: 1, total: 1 })).toBe('1 of 1 article');
    expect(en('presence.loadTitle', { load: 0, max: 1 })).toBe('You have 0 of at most 1 chat');
    expect(en('presence.load', { load: 3, max: 5 })).toBe('3/5 chats');
  });

  it('write a counted number as the plain numbers beside it are written', () => {
    expect(en('monitor.board.summary', { online: 2, load: 1200, capacity: 1500 })).toBe('2 online · 1200/1500 chats');
  });

  it('count without a plural form in Chinese', () => {
    expect(zh('inbox.count', { count: 1 })).toBe('共 1 个会话');
    expect(zh('inbox.count', { count: 3 })).toBe('共 3 个会话');
  });
});

describe('a message that cannot be formatted', () => {
  it('reads as its key and is reported, never thrown', () => {
    const failures: FormatFailure[] = [];
    const translate = createTranslator('en', { 'x.count': '{count, plural, one {# item} other {# items}}' }, (f) => failures.push(f));
    expect(translate('x.count', { count: 2 })).toBe('2 items');
    expect(translate('x.count')).toBe('x.count');
    expect(failures).toEqual([expect.objectContaining({ language: 'en', key: 'x.count' })]);
  });

  it('reads as its key when the message itself is malformed', () => {
    const failures: FormatFailure[] = [];
    const translate = createTranslator('zh-CN', { broken: 'Hello {name' }, (f) => failures.push(f));
    expect(translate('broken', { name: 'x' })).toBe('broken');
    expect(failures.map((f) => f.key)).toEqual(['broken']);
  });
});
