import { z } from 'zod';
import { appErrorSchema } from './errors';
import { kbExchangeItemSchema, type KbExchangeItem } from './knowledge';

/**
 * The knowledge base as a JSON file (the format of `kbExchangeItemSchema`): reading an import file
 * with every problem located by item number and line, cutting it into parts small enough for one
 * request, and writing an export file. Pure: no I/O.
 */

/** The most entries one import file may hold (the server's limit too). */
export const KB_IMPORT_MAX_ITEMS = 20_000;
/** The largest import file the desktop reads, in characters. */
export const KB_IMPORT_MAX_CHARS = 16 * 1024 * 1024;
/** The most problems listed for one file; the rest are counted. */
export const KB_IMPORT_MAX_PROBLEMS = 100;

const count = z.number().int().nonnegative();
const itemNumber = z.number().int().positive();
const lineNumber = itemNumber.nullable();

/**
 * One thing wrong with an import file. Items count from 1, in file order; `line` is where the item
 * starts in the file. `refused`: the server turned down the part starting at `firstItem`, so items
 * `firstItem`–`lastItem` (the rest of the file) were not imported.
 */
export const kbImportProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('syntax'), line: lineNumber, column: lineNumber, detail: z.string() }),
  z.object({ code: z.literal('not_a_list') }),
  z.object({ code: z.literal('empty') }),
  z.object({ code: z.literal('too_many'), count, max: count }),
  z.object({ code: z.literal('invalid'), item: itemNumber, line: lineNumber, field: z.string(), detail: z.string() }),
  z.object({ code: z.literal('duplicate_id'), item: itemNumber, line: lineNumber, id: z.string(), firstItem: itemNumber }),
  z.object({ code: z.literal('id_taken'), item: itemNumber, line: lineNumber, id: z.string() }),
  z.object({ code: z.literal('refused'), firstItem: itemNumber, lastItem: itemNumber, error: appErrorSchema }),
  z.object({ code: z.literal('more'), count }),
]);
export type KbImportProblem = z.infer<typeof kbImportProblemSchema>;

/**
 * What an import did: `imported` new articles, `updated` existing ones replaced (by id), and what
 * was wrong. A file with a wrong entry is refused whole before anything is sent.
 */
export const kbImportResultSchema = z.object({ imported: count, updated: count, errors: z.array(kbImportProblemSchema) });
export type KbImportResult = z.infer<typeof kbImportResultSchema>;

export type CheckedImportFile = {
  /** The entries, parsed (empty when the file has problems). */
  items: KbExchangeItem[];
  /** The line each entry starts on, by index. */
  lines: number[];
  problems: KbImportProblem[];
};

/** Reads an import file: every entry checked, ids unique within the file, each problem located. */
export function checkKbImportFile(text: string): CheckedImportFile {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const at = syntaxErrorLocation(source, detail);
    return { items: [], lines: [], problems: [{ code: 'syntax', line: at?.line ?? null, column: at?.column ?? null, detail }] };
  }
  if (!Array.isArray(parsed)) return { items: [], lines: [], problems: [{ code: 'not_a_list' }] };
  if (parsed.length === 0) return { items: [], lines: [], problems: [{ code: 'empty' }] };
  if (parsed.length > KB_IMPORT_MAX_ITEMS) {
    return { items: [], lines: [], problems: [{ code: 'too_many', count: parsed.length, max: KB_IMPORT_MAX_ITEMS }] };
  }
  const lines = topLevelItemLines(source);
  const lineOf = (index: number) => lines[index] ?? null;
  const problems: KbImportProblem[] = [];
  const items: KbExchangeItem[] = [];
  const firstWithId = new Map<string, number>();
  parsed.forEach((raw: unknown, index) => {
    const item = kbExchangeItemSchema.safeParse(raw);
    if (!item.success) {
      for (const issue of item.error.issues) {
        problems.push({ code: 'invalid', item: index + 1, line: lineOf(index), field: issue.path.join('.'), detail: issue.message });
      }
      return;
    }
    const first = firstWithId.get(item.data.id);
    if (first !== undefined) {
      problems.push({ code: 'duplicate_id', item: index + 1, line: lineOf(index), id: item.data.id, firstItem: first + 1 });
      return;
    }
    firstWithId.set(item.data.id, index);
    items.push(item.data);
  });
  if (problems.length > 0) return { items: [], lines, problems: capProblems(problems) };
  return { items, lines, problems: [] };
}

/** At most `KB_IMPORT_MAX_PROBLEMS`, then one entry counting the rest. */
export function capProblems(problems: readonly KbImportProblem[]): KbImportProblem[] {
  if (problems.length <= KB_IMPORT_MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, KB_IMPORT_MAX_PROBLEMS), { code: 'more', count: problems.length - KB_IMPORT_MAX_PROBLEMS }];
}

/**
 * Where a JSON.parse error points, as line and column (from 1): engines say "(line 3 column 5)" or
 * "at position 42"; an unexpected end points past the last character. Null when it says neither.
 */
export function syntaxErrorLocation(source: string, message: string): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  let offset: number;
  if (position) offset = Number(position[1]);
  else if (/end of (JSON )?input/i.test(message)) offset = source.length;
  else return null;
  const before = source.slice(0, Math.min(offset, source.length));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The line (from 1) each element of a valid JSON array starts on. */
export function topLevelItemLines(json: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectItem = false;
  for (const c of json) {
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectItem && c !== ']' && !/\s/.test(c)) {
      lines.push(line);
      expectItem = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectItem = true;
  }
  return lines;
}

export type ImportBatch = { first: number; items: KbExchangeItem[] };

/**
 * Cuts entries into parts of at most `maxItems` entries and about `maxBytes` of JSON each, in order
 * (`first` is the index of a part's first entry). An entry larger than `maxBytes` goes alone.
 */
export function importBatches(items: readonly KbExchangeItem[], maxBytes: number, maxItems: number): ImportBatch[] {
  const batches: ImportBatch[] = [];
  let current: ImportBatch | null = null;
  let size = 0;
  // Made here, not when the module loads: the preload bundles this file and must load without side effects.
  const encoder = new TextEncoder();
  items.forEach((item, index) => {
    const bytes = encoder.encode(JSON.stringify(item)).length + 1;
    if (!current || current.items.length >= maxItems || (size + bytes > maxBytes && current.items.length > 0)) {
      current = { first: index, items: [] };
      batches.push(current);
      size = 0;
    }
    current.items.push(item);
    size += bytes;
  });
  return batches;
}

/** An export file: the entries as indented JSON that import reads back. */
export function kbExportJson(items: readonly KbExchangeItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}
