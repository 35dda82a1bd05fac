import { describe, expect, it } from 'vitest';
import {
  capProblems,
  checkKbImportFile,
  importBatches,
  kbExportJson,
  KB_IMPORT_MAX_PROBLEMS,
  syntaxErrorLocation,
  topLevelItemLines,
  type KbImportProblem,
} from './kb-exchange';
import type { KbExchangeItem } from './knowledge';

const article = (id: string, over: Partial<KbExchangeItem> = {}): KbExchangeItem => ({ id, lang: 'zh', title: `标题 ${id}`, body: '正文', ...over });

describe('reading a knowledge import file', () => {
  it('accepts a valid file and keeps each entry with the line it starts on', () => {
    const file = `[\n  {"id": "a", "lang": "zh", "title": "发货", "body": "24 小时内发货"},\n  {\n    "id": "b", "lang": "en", "title": "Ship", "body": "Within a day", "tags": ["ship"]\n  }\n]\n`;
    const checked = checkKbImportFile(file);
    expect(checked.problems).toEqual([]);
    expect(checked.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(checked.lines).toEqual([2, 3]);
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(checkKbImportFile(`\uFEFF${JSON.stringify([article('a')])}`).problems).toEqual([]);
  });

  it('points a syntax error at its line and column', () => {
    const checked = checkKbImportFile('[\n  {"id": "a",}\n]');
    expect(checked.items).toEqual([]);
    expect(checked.problems).toEqual([expect.objectContaining({ code: 'syntax', line: 2, column: 14 })]);
  });

  it('says a cut-off file ends too early, at its last line', () => {
    expect(checkKbImportFile('[\n{"id": "a"')).toEqual(expect.objectContaining({ problems: [expect.objectContaining({ code: 'syntax', line: 2 })] }));
  });

  it('refuses a file that is not a list, or an empty list', () => {
    expect(checkKbImportFile('{"id": "a"}').problems).toEqual([{ code: 'not_a_list' }]);
    expect(checkKbImportFile('[]').problems).toEqual([{ code: 'empty' }]);
  });

  it('names the item, its line and the field of every wrong entry, and keeps nothing', () => {
    const file = JSON.stringify([article('a'), { id: 'b', lang: 'fr', title: '', body: 'x' }, article('c')], null, 2);
    const checked = checkKbImportFile(file);
    expect(checked.items).toEqual([]);
    const invalid = checked.problems.filter((p) => p.code === 'invalid');
    expect(invalid.map((p) => [p.item, p.field])).toEqual([
      [2, 'lang'],
      [2, 'title'],
    ]);
    expect(invalid[0]).toMatchObject({ line: 8 });
  });

  it('finds an id used twice, naming both items', () => {
    const checked = checkKbImportFile(JSON.stringify([article('a'), article('b'), article('a')]));
    expect(checked.problems).toEqual([{ code: 'duplicate_id', item: 3, line: 1, id: 'a', firstItem: 1 }]);
  });

  it('lists a hundred problems and counts the rest', () => {
    const file = JSON.stringify(Array.from({ length: 150 }, (_, i) => ({ id: `x${i}`, lang: 'xx', title: 't', body: 'b' })));
    const problems = checkKbImportFile(file).problems;
    expect(problems).toHaveLength(KB_IMPORT_MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toEqual({ code: 'more', count: 50 });
  });
});

describe('locating entries and errors in the text', () => {
  it('finds where each element of an array starts, ignoring brackets and commas inside strings', () => {
    const json = '[\n {"t": "a, [b] {c}"},\n "x\\"y",\n\n 3\n]';
    expect(topLevelItemLines(json)).toEqual([2, 3, 5]);
  });

  it('reads both the "position" and the "line … column" forms of a parse error', () => {
    expect(syntaxErrorLocation('ab\ncd', 'Unexpected token in JSON at position 4')).toEqual({ line: 2, column: 2 });
    expect(syntaxErrorLocation('', 'Bad control character (line 7 column 3)')).toEqual({ line: 7, column: 3 });
    expect(syntaxErrorLocation('x', 'something else')).toBeNull();
  });

  it('keeps a short list of problems as it is', () => {
    const one: KbImportProblem[] = [{ code: 'empty' }];
    expect(capProblems(one)).toEqual(one);
  });
});

describe('sending an import in parts', () => {
  it('keeps every entry, in order, in parts under the size and count limits', () => {
    const items = Array.from({ length: 25 }, (_, i) => article(`a${i}`, { body: '字'.repeat(100) }));
    const batches = importBatches(items, 1500, 10);
    expect(batches.flatMap((b) => b.items)).toEqual(items);
    expect(batches.map((b) => b.first)).toEqual(batches.map((_, i) => batches.slice(0, i).reduce((n, b) => n + b.items.length, 0)));
    for (const b of batches) {
      expect(b.items.length).toBeLessThanOrEqual(10);
      expect(new TextEncoder().encode(JSON.stringify(b.items)).length).toBeLessThanOrEqual(1500 + b.items.length);
    }
    expect(batches.length).toBeGreaterThan(3);
  });

  it('sends an entry larger than a part on its own', () => {
    const big = article('big', { body: 'x'.repeat(5000) });
    expect(importBatches([article('a'), big, article('b')], 1000, 10).map((b) => b.items.map((i) => i.id))).toEqual([['a'], ['big'], ['b']]);
  });
});

describe('the export file', () => {
  it('is indented JSON that reads back as the same entries', () => {
    const items = [article('a', { tags: ['发货'], questions: ['几天到'] }), article('b', { lang: 'en', enabled: false })];
    const json = kbExportJson(items);
    expect(json).toContain('\n  {');
    expect(checkKbImportFile(json)).toMatchObject({ items, problems: [] });
  });
});
