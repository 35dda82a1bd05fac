import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stem } from './stem';
import { EN_STOPWORDS } from './stopwords';

/**
 * A Chinese–English dictionary read as meaning: for each simplified Chinese word, the English
 * words of its short glosses (stemmed), each with a weight (1 over the content words of its
 * gloss: "coupon" says more about 优惠券 than "money" about "money wrapped in red as a gift").
 * The data is CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org), as the `cc-cedict` package ships it.
 * Read once per process at the first lookup (about 1 s), then from a compact copy in the
 * temporary folder (tens of milliseconds).
 */
export type Gloss = { stem: string; weight: number };

/** The compact copy's format: bump when the reading below changes. */
const FORMAT = 3;
/** Only the first senses of a word: later ones are rare, figurative or technical. */
const SENSES = 4;
/** A gloss longer than this (content words) explains rather than translates: left out. */
const MAX_GLOSS_WORDS = 3;
/** Gloss words that stand for any object or person. */
const GLOSS_STOP = new Set(['sb', 'sth', 'one', 'oneself', 'someone', 'something', 'etc', 'esp', 'eg', 'person', 'thing', 'things', 'used', 'kind', 'sort', 'up', 'out', 'off', 'down', 'over', 'away']);
/** Senses that are not meanings: family names, variants, cross-references, pronunciations. */
const NOT_A_MEANING = /^(surname|variant of|old variant|also written|used in|see |see also|cl:|abbr\.|pr\.|taiwan pr\.|japanese|korean|(archaic|old|literary|dialect)\b)/i;

let table: Map<string, string> | null = null;

/** The English meanings of a simplified Chinese word, strongest first; [] for a word the dictionary lacks. */
export function glossesOf(word: string): Gloss[] {
  table ??= loadTable();
  const packed = table.get(word);
  if (!packed) return [];
  return packed.split(',').map((item) => {
    const [s, w] = item.split(':');
    return { stem: s!, weight: Number(w) };
  });
}

/** The stems of one word's senses with their weights, strongest first. */
export function glossStems(senses: readonly string[]): Gloss[] {
  const weights = new Map<string, number>();
  for (const sense of senses.slice(0, SENSES)) {
    if (NOT_A_MEANING.test(sense.trim())) continue;
    for (const part of sense.split(/[;,]/)) {
      if (/\b(lit\.|fig\.|idiom|slang)/i.test(part)) continue;
      const text = part.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').toLowerCase();
      const words = (text.match(/[a-z]+/g) ?? []).filter((w) => w.length > 1 && !EN_STOPWORDS.has(w) && !GLOSS_STOP.has(w));
      if (words.length === 0 || words.length > MAX_GLOSS_WORDS) continue;
      const weight = 1 / words.length;
      for (const w of words) {
        const s = stem(w);
        weights.set(s, Math.max(weights.get(s) ?? 0, weight));
      }
    }
  }
  return [...weights].map(([s, weight]) => ({ stem: s, weight })).sort((a, b) => b.weight - a.weight || a.stem.localeCompare(b.stem));
}

type RawEntry = [traditional: string, simplified: string, pinyin: string, meanings: string | string[], ...rest: unknown[]];

function loadTable(): Map<string, string> {
  const packageDir = findPackage('cc-cedict');
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const copy = join(tmpdir(), `switchboard-cedict-${version}-${FORMAT}.tsv`);
  if (existsSync(copy)) {
    try {
      return parseCopy(readFileSync(copy, 'utf8'));
    } catch {
      // An unreadable copy is rebuilt below.
    }
  }
  const text = readFileSync(join(packageDir, 'data', 'all.js'), 'utf8');
  const { all } = JSON.parse(text.slice(text.indexOf('{'))) as { all: RawEntry[] };
  const senses = new Map<string, string[]>();
  for (const entry of all) {
    const simplified = entry[1];
    if (!/^[\u3400-\u9fff]{2,}$/u.test(simplified)) continue;
    const meanings = typeof entry[3] === 'string' ? [entry[3]] : entry[3];
    // A capitalised pinyin is a proper name (a place, a person): not what customers ask about.
    if (/^[A-Z]/.test(entry[2])) continue;
    const list = senses.get(simplified);
    if (list) list.push(...meanings);
    else senses.set(simplified, [...meanings]);
  }
  const lines: string[] = [];
  const result = new Map<string, string>();
  for (const [word, list] of senses) {
    const glosses = glossStems(list);
    if (glosses.length === 0) continue;
    const packed = glosses.map((g) => `${g.stem}:${g.weight.toFixed(2)}`).join(',');
    result.set(word, packed);
    lines.push(`${word}\t${packed}`);
  }
  try {
    const temporary = `${copy}.${process.pid}`;
    writeFileSync(temporary, lines.join('\n'));
    renameSync(temporary, copy);
  } catch {
    // Without a writable temporary folder the dictionary is read in full each time.
  }
  return result;
}

/** A package's folder (the package exports only an ES module, so `require.resolve` cannot name it). */
function findPackage(name: string): string {
  const require = createRequire(import.meta.url);
  for (const folder of require.resolve.paths(name) ?? []) {
    if (existsSync(join(folder, name, 'package.json'))) return join(folder, name);
  }
  throw new Error(`${name} is not installed`);
}

function parseCopy(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) result.set(line.slice(0, tab), line.slice(tab + 1));
  }
  if (result.size < 1000) throw new Error('dictionary copy too small');
  return result;
}
