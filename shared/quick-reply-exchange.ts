import { z } from 'zod';
import { templateInputSchema, type Template } from './domain';
import { syntaxErrorLocation, topLevelItemLines } from './kb-exchange';

/**
 * The team's quick replies as a JSON or CSV file: reading an import file into rows (each with the
 * line it starts on) and writing an export file that import reads back. CSV follows RFC 4180
 * (quoted fields may hold commas, quotes and line breaks), with a UTF-8 byte order mark so
 * spreadsheet programs read Chinese text right. Pure: no I/O.
 */

export const QUICK_REPLY_COLUMNS = ['shortcut', 'title', 'body', 'lang', 'category'] as const;
/** Columns a CSV file must have; `category` may be left out. */
const REQUIRED_COLUMNS = ['shortcut', 'title', 'body', 'lang'] as const;
/** The most replies one import file may hold (the server's limit too). */
export const QUICK_REPLY_IMPORT_MAX_ROWS = 2_000;
/** The largest import file read, in characters. */
export const QUICK_REPLY_IMPORT_MAX_CHARS = 4 * 1024 * 1024;
/**
 * The most bytes of rows one import sends: the file is written in one request (all or nothing),
 * and the server's sockets take messages of up to 256 KiB.
 */
export const QUICK_REPLY_IMPORT_MAX_BYTES = 200 * 1024;
/** The most problems listed for one file; the rest are counted. */
export const QUICK_REPLY_IMPORT_MAX_PROBLEMS = 100;

export const quickReplyFileFormatSchema = z.enum(['json', 'csv']);
export type QuickReplyFileFormat = z.infer<typeof quickReplyFileFormatSchema>;

/** One team reply as the file holds it; checked row by row on the server. */
export const quickReplyRowSchema = templateInputSchema.omit({ id: true, scope: true });
export type QuickReplyRow = z.output<typeof quickReplyRowSchema>;

/** A row read from a file, not yet checked: its fields as written and the line it starts on (from 1). */
export const quickReplyImportRowSchema = z.object({ line: z.number().int().positive(), reply: z.unknown() }).strict();
export type QuickReplyImportRow = z.infer<typeof quickReplyImportRowSchema>;

const count = z.number().int().nonnegative();
const lineNumber = z.number().int().positive();

/**
 * One thing wrong with an import file, located by the line its row starts on. `duplicate`: the
 * same shortcut in the same language earlier in the file (at `firstLine`).
 */
export const quickReplyImportProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('syntax'), line: lineNumber.nullable(), detail: z.string() }),
  z.object({ code: z.literal('not_a_list') }),
  z.object({ code: z.literal('empty') }),
  z.object({ code: z.literal('too_many'), count, max: count }),
  z.object({ code: z.literal('too_large'), maxKb: count }),
  z.object({ code: z.literal('missing_column'), column: z.string() }),
  z.object({ code: z.literal('unknown_column'), column: z.string() }),
  z.object({ code: z.literal('invalid'), line: lineNumber, field: z.string(), detail: z.string() }),
  z.object({ code: z.literal('duplicate'), line: lineNumber, firstLine: lineNumber, shortcut: z.string(), lang: z.string() }),
  z.object({ code: z.literal('more'), count }),
]);
export type QuickReplyImportProblem = z.infer<typeof quickReplyImportProblemSchema>;

/**
 * What an import did: replies `created`, replies `updated` (a team reply with the same shortcut in
 * the same language is replaced), and what was wrong. A file with any problem changes nothing.
 */
export const quickReplyImportResultSchema = z.object({ created: count, updated: count, errors: z.array(quickReplyImportProblemSchema) });
export type QuickReplyImportResult = z.infer<typeof quickReplyImportResultSchema>;

export type ReadQuickReplyFile = { rows: QuickReplyImportRow[]; problems: QuickReplyImportProblem[] };

const stripBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** The format a file name says, JSON unless it ends in `.csv`. */
export function quickReplyFormatOf(filename: string): QuickReplyFileFormat {
  return /\.csv$/i.test(filename.trim()) ? 'csv' : 'json';
}

/** Reads an import file into rows; the rows are checked on the server, the file's shape here. */
export function readQuickReplyFile(text: string, format: QuickReplyFileFormat): ReadQuickReplyFile {
  const read = format === 'csv' ? readCsvRows(stripBom(text)) : readJsonRows(stripBom(text));
  if (read.problems.length > 0) return read;
  if (read.rows.length === 0) return { rows: [], problems: [{ code: 'empty' }] };
  if (read.rows.length > QUICK_REPLY_IMPORT_MAX_ROWS) {
    return { rows: [], problems: [{ code: 'too_many', count: read.rows.length, max: QUICK_REPLY_IMPORT_MAX_ROWS }] };
  }
  // Made here, not when the module loads: the preload bundles this file and must load without side effects.
  if (new TextEncoder().encode(JSON.stringify({ rows: read.rows })).length > QUICK_REPLY_IMPORT_MAX_BYTES) {
    return { rows: [], problems: [{ code: 'too_large', maxKb: QUICK_REPLY_IMPORT_MAX_BYTES / 1024 }] };
  }
  return read;
}

function readJsonRows(source: string): ReadQuickReplyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { rows: [], problems: [{ code: 'syntax', line: syntaxErrorLocation(source, detail)?.line ?? null, detail }] };
  }
  if (!Array.isArray(parsed)) return { rows: [], problems: [{ code: 'not_a_list' }] };
  const lines = topLevelItemLines(source);
  return { rows: parsed.map((reply: unknown, index) => ({ line: lines[index] ?? 1, reply })), problems: [] };
}

/** The records of a CSV text, each with the line it starts on; or the line of a quote never closed. */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[] } | { unclosedQuoteAt: number } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let touched = false;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (touched || fields.length > 1 || field !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      quoteLine = line;
      touched = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) return { unclosedQuoteAt: quoteLine };
  if (touched || field !== '') endRecord();
  return { records };
}

function readCsvRows(source: string): ReadQuickReplyFile {
  const parsed = parseCsv(source);
  if ('unclosedQuoteAt' in parsed) {
    return { rows: [], problems: [{ code: 'syntax', line: parsed.unclosedQuoteAt, detail: 'a quoted field is never closed' }] };
  }
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], problems: [{ code: 'empty' }] };
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(QUICK_REPLY_COLUMNS);
  const problems: QuickReplyImportProblem[] = [
    ...REQUIRED_COLUMNS.filter((c) => !columns.includes(c)).map((column) => ({ code: 'missing_column' as const, column })),
    ...columns.filter((c) => !known.has(c)).map((column) => ({ code: 'unknown_column' as const, column })),
  ];
  if (problems.length > 0) return { rows: [], problems };
  const rows = records.map(({ line, fields }) => {
    const reply: Record<string, string> = {};
    columns.forEach((column, index) => {
      reply[column] = fields[index] ?? '';
    });
    return { line, reply };
  });
  return { rows, problems: [] };
}

/**
 * Checks every row (what the server does before writing any): each must be a valid reply, and a
 * shortcut may appear once per language. The checked rows come back only when all passed.
 */
export function checkQuickReplyRows(rows: readonly QuickReplyImportRow[]): { replies: (QuickReplyRow & { line: number })[]; problems: QuickReplyImportProblem[] } {
  const problems: QuickReplyImportProblem[] = [];
  const replies: (QuickReplyRow & { line: number })[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, reply } of rows) {
    const checked = quickReplyRowSchema.safeParse(reply);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
        for (const field of keys) problems.push({ code: 'invalid', line, field, detail: issue.message });
      }
      continue;
    }
    const key = `${checked.data.lang}\u0000${checked.data.shortcut.toLowerCase()}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      problems.push({ code: 'duplicate', line, firstLine: first, shortcut: checked.data.shortcut, lang: checked.data.lang });
      continue;
    }
    firstLine.set(key, line);
    replies.push({ ...checked.data, line });
  }
  return problems.length > 0 ? { replies: [], problems: capQuickReplyProblems(problems) } : { replies, problems: [] };
}

/** At most `QUICK_REPLY_IMPORT_MAX_PROBLEMS`, then one entry counting the rest. */
export function capQuickReplyProblems(problems: readonly QuickReplyImportProblem[]): QuickReplyImportProblem[] {
  if (problems.length <= QUICK_REPLY_IMPORT_MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, QUICK_REPLY_IMPORT_MAX_PROBLEMS), { code: 'more', count: problems.length - QUICK_REPLY_IMPORT_MAX_PROBLEMS }];
}

type Exported = Pick<Template, (typeof QUICK_REPLY_COLUMNS)[number]>;
const exported = (t: Exported): Exported => ({ shortcut: t.shortcut, title: t.title, body: t.body, lang: t.lang, category: t.category });

/** The replies as indented JSON that import reads back. */
export function quickRepliesJson(replies: readonly Exported[]): string {
  return `${JSON.stringify(replies.map(exported), null, 2)}\n`;
}

const csvField = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);

/** The replies as CSV (a header row, CRLF line ends, a byte order mark) that import reads back. */
export function quickRepliesCsv(replies: readonly Exported[]): string {
  const lines = [QUICK_REPLY_COLUMNS.join(','), ...replies.map((r) => QUICK_REPLY_COLUMNS.map((c) => csvField(exported(r)[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
