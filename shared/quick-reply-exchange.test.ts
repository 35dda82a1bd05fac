import { describe, expect, it } from 'vitest';
import {
  checkQuickReplyRows,
  parseCsv,
  QUICK_REPLY_IMPORT_MAX_BYTES,
  QUICK_REPLY_IMPORT_MAX_PROBLEMS,
  QUICK_REPLY_IMPORT_MAX_ROWS,
  quickRepliesCsv,
  quickRepliesJson,
  quickReplyFormatOf,
  readQuickReplyFile,
  type QuickReplyImportRow,
} from './quick-reply-exchange';

const replies = [
  { shortcut: 'yf', title: '运费说明', body: '满 99 元包邮，\n偏远地区另计。', lang: 'zh' as const, category: '物流' },
  { shortcut: 'quote', title: 'Sizes, "fit"', body: 'Say "hi", then\r\nwait,  please', lang: 'en' as const, category: '' },
  { shortcut: 'sp', title: ' spaced ', body: 'x', lang: 'en' as const, category: 'Sales, VIP' },
];

describe('reading and writing quick reply files', () => {
  it('reads back what it exports, as JSON and as CSV, Chinese text and line breaks included', () => {
    for (const [format, text] of [['json', quickRepliesJson(replies)], ['csv', quickRepliesCsv(replies)]] as const) {
      const read = readQuickReplyFile(text, format);
      expect(read.problems).toEqual([]);
      expect(read.rows.map((r) => r.reply)).toEqual(replies);
    }
  });

  it('writes CSV with a byte order mark, a header and quotes only where a field needs them', () => {
    const csv = quickRepliesCsv(replies);
    expect(csv.startsWith('\uFEFFshortcut,title,body,lang,category\r\n')).toBe(true);
    expect(csv).toContain('yf,运费说明,"满 99 元包邮，\n偏远地区另计。",zh,物流\r\n');
    expect(csv).toContain('quote,"Sizes, ""fit""","Say ""hi"", then\r\nwait,  please",en,\r\n');
  });

  it('gives each CSV row the line it starts on, counting line breaks inside quotes, and skips blank lines', () => {
    const csv = 'shortcut,title,body,lang\n\na,A,"one\ntwo\nthree",en\r\nb,B,x,zh\n';
    const read = readQuickReplyFile(csv, 'csv');
    expect(read.rows).toEqual([
      { line: 3, reply: { shortcut: 'a', title: 'A', body: 'one\ntwo\nthree', lang: 'en' } },
      { line: 6, reply: { shortcut: 'b', title: 'B', body: 'x', lang: 'zh' } },
    ]);
  });

  it('reads a CSV file whose last row has no line end, and an empty quoted field', () => {
    expect(parseCsv('a,"",c')).toEqual({ records: [{ line: 1, fields: ['a', '', 'c'] }] });
  });

  it('locates a quote that is never closed, and names missing and unknown columns', () => {
    expect(readQuickReplyFile('shortcut,title,body,lang\na,A,"open,en\n', 'csv').problems).toEqual([
      { code: 'syntax', line: 2, detail: 'a quoted field is never closed' },
    ]);
    expect(readQuickReplyFile('shortcut,title,text,lang,colour\n', 'csv').problems).toEqual([
      { code: 'missing_column', column: 'body' },
      { code: 'unknown_column', column: 'text' },
      { code: 'unknown_column', column: 'colour' },
    ]);
  });

  it('refuses a JSON file that is not a list, broken, empty or too long', () => {
    expect(readQuickReplyFile('{"shortcut": "a"}', 'json').problems).toEqual([{ code: 'not_a_list' }]);
    expect(readQuickReplyFile('[\n  {"shortcut": "a",}\n]', 'json').problems).toMatchObject([{ code: 'syntax', line: 2 }]);
    expect(readQuickReplyFile('[]', 'json').problems).toEqual([{ code: 'empty' }]);
    expect(readQuickReplyFile('\uFEFFshortcut,title,body,lang\r\n', 'csv').problems).toEqual([{ code: 'empty' }]);
    const many = JSON.stringify(Array.from({ length: QUICK_REPLY_IMPORT_MAX_ROWS + 1 }, () => ({})));
    expect(readQuickReplyFile(many, 'json').problems).toEqual([{ code: 'too_many', count: QUICK_REPLY_IMPORT_MAX_ROWS + 1, max: QUICK_REPLY_IMPORT_MAX_ROWS }]);
  });

  it('refuses a file too large to send in one request, counting Chinese text in bytes', () => {
    const rows = (body: string) => quickRepliesJson(Array.from({ length: 100 }, (_, i) => ({ ...replies[0]!, shortcut: `s${i}`, body })));
    expect(readQuickReplyFile(rows('退'.repeat(600)), 'json').problems).toEqual([]);
    expect(readQuickReplyFile(rows('退'.repeat(700)), 'json').problems).toEqual([{ code: 'too_large', maxKb: QUICK_REPLY_IMPORT_MAX_BYTES / 1024 }]);
  });

  it('tells the format from the file name', () => {
    expect(quickReplyFormatOf('Replies.CSV')).toBe('csv');
    expect(quickReplyFormatOf('replies.json')).toBe('json');
  });
});

describe('checking imported rows', () => {
  const row = (line: number, reply: unknown): QuickReplyImportRow => ({ line, reply });

  it('passes valid rows with the category defaulted and the slash taken off the shortcut', () => {
    const checked = checkQuickReplyRows([row(2, { shortcut: '/hi', title: 'Hello', body: 'Hi!', lang: 'en' })]);
    expect(checked).toEqual({ replies: [{ line: 2, shortcut: 'hi', title: 'Hello', body: 'Hi!', lang: 'en', category: '' }], problems: [] });
  });

  it('names each bad field by line, finds a shortcut repeated in one language, and passes nothing then', () => {
    const checked = checkQuickReplyRows([
      row(2, { shortcut: 'hi', title: 'Hello', body: 'Hi!', lang: 'en' }),
      row(3, { shortcut: 'HI', title: 'Again', body: 'Hi!', lang: 'en' }),
      row(4, { shortcut: 'hi', title: '你好', body: '你好！', lang: 'zh' }),
      row(5, { shortcut: 'two words', title: '', body: 'x', lang: 'fr', colour: 'red' }),
      row(6, 'not a reply'),
    ]);
    expect(checked.replies).toEqual([]);
    expect(checked.problems.map((p) => [p.code, 'line' in p ? p.line : null, 'field' in p ? p.field : null]).sort()).toEqual([
      ['duplicate', 3, null],
      ['invalid', 5, 'colour'],
      ['invalid', 5, 'lang'],
      ['invalid', 5, 'shortcut'],
      ['invalid', 5, 'title'],
      ['invalid', 6, ''],
    ]);
    expect(checked.problems[0]).toMatchObject({ firstLine: 2, shortcut: 'HI', lang: 'en' });
  });

  it('lists at most a hundred problems and counts the rest', () => {
    const rows = Array.from({ length: QUICK_REPLY_IMPORT_MAX_PROBLEMS + 5 }, (_, i) => row(i + 2, {}));
    const { problems } = checkQuickReplyRows(rows);
    expect(problems).toHaveLength(QUICK_REPLY_IMPORT_MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toMatchObject({ code: 'more' });
  });
});
