import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import type { Language } from './languages';

/** Values for a message's arguments: `{name}` takes any, `{count, plural, …}` a number. */
export type Params = Record<string, string | number>;

/** A message that could not be formatted, as reported to the catalogue's error sink. */
export type FormatFailure = { language: Language; key: string; error: unknown };
export type ReportFailure = (failure: FormatFailure) => void;

const reported = new Set<string>();

/** Logs each failing message once per language, so a broken message cannot flood the console. */
export const logFormatFailure: ReportFailure = ({ language, key, error }) => {
  const id = `${language}\u0000${key}`;
  if (reported.has(id)) return;
  reported.add(id);
  console.error(`i18n: the ${language} message "${key}" could not be formatted; showing its key instead.`, error);
};

/** One set of Intl formatters per language, shared by every message of that language. */
const formattersByLanguage = new Map<Language, Formatters>();

function memoized<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const id = JSON.stringify(args);
    let value = cache.get(id);
    if (value === undefined) {
      value = make(...args);
      cache.set(id, value);
    }
    return value;
  };
}

function formattersFor(language: Language): Formatters {
  const known = formattersByLanguage.get(language);
  if (known) return known;
  const formatters: Formatters = {
    getNumberFormat: memoized((locales?: string | string[], options?: Parameters<Formatters['getNumberFormat']>[1]) =>
      // FormatJS's options add values (e.g. trailingZeroDisplay: 'stripToMinimum') newer than our
      // TypeScript lib knows; Intl itself takes them.
      new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions | undefined),
    ),
    getDateTimeFormat: memoized((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args)),
    getPluralRules: memoized((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
  };
  formattersByLanguage.set(language, formatters);
  return formatters;
}

type Compiled = { format: IntlMessageFormat; simpleArguments: readonly string[] };

/**
 * Simple `{name}` arguments of a message. A value missing for one of them keeps `{name}` visible
 * (as the text read before messages were ICU), rather than failing the whole sentence. Plural and
 * select arguments carry a comma, so they are not matched, and an escaped `'{name}'` at worst gets
 * a value it never reads.
 */
function simpleArgumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))];
}

function compile(message: string, language: Language): Compiled {
  // Tags such as <b> are plain text in our catalogues: nothing here renders markup.
  const format = new IntlMessageFormat(message, language, undefined, { formatters: formattersFor(language), ignoreTag: true });
  return { format, simpleArguments: simpleArgumentsOf(message) };
}

function run(compiled: Compiled, params: Params | undefined): string {
  const values: Params = {};
  for (const name of compiled.simpleArguments) values[name] = `{${name}}`;
  Object.assign(values, params);
  const out = compiled.format.format(values);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** The text of one ICU message in a language; throws when the message or its values are malformed. */
export function formatMessage(message: string, language: Language, params?: Params): string {
  return run(compile(message, language), params);
}

/**
 * A translate function over one catalogue in one language. Each message is compiled on first use
 * and kept; a message that fails to format reads as its key and is reported, never thrown.
 */
export function createTranslator<Key extends string>(
  language: Language,
  catalogue: Readonly<Record<Key, string>>,
  report: ReportFailure = logFormatFailure,
): (key: Key, params?: Params) => string {
  const compiled = new Map<Key, Compiled>();
  return (key, params) => {
    try {
      let entry = compiled.get(key);
      if (!entry) {
        entry = compile(catalogue[key], language);
        compiled.set(key, entry);
      }
      return run(entry, params);
    } catch (error) {
      report({ language, key, error });
      return key;
    }
  };
}
