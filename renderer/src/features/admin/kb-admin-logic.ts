import type { MethodArgs } from '../../../../shared/contract';
import type { KbArticle, Lang } from '../../../../shared/domain';
import type { KbImportProblem, KbImportResult } from '../../../../shared/kb-exchange';
import { KB_LIMITS } from '../../../../shared/knowledge';
import { caseAndWidthForm } from '../../../../shared/text/case-width';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';
import { safeFileName } from './file-name';

export const kbLangs: readonly Lang[] = ['zh', 'en'];

// ---- the list ----------------------------------------------------------------------------------

export type EnabledFilter = 'all' | 'enabled' | 'disabled';

/** What the admin narrowed the article list to. */
export interface KbFilter {
  query: string;
  lang: Lang | 'all';
  /** A category ('' for articles without one), or null for every category. */
  category: string | null;
  enabled: EnabledFilter;
}

export const emptyKbFilter: KbFilter = { query: '', lang: 'all', category: null, enabled: 'all' };

/**
 * The articles the filter lets through, in the list's order (category, then title). Every word of
 * the query must appear in the title, body, category, tags, alternative questions or id.
 */
export function filterArticles(articles: readonly KbArticle[], filter: KbFilter, locale?: string): KbArticle[] {
  const words = caseAndWidthForm(filter.query).split(/\s+/).filter((w) => w !== '');
  return sortArticles(
    articles.filter((a) => {
      if (filter.lang !== 'all' && a.lang !== filter.lang) return false;
      if (filter.category !== null && a.category !== filter.category) return false;
      if (filter.enabled === 'enabled' && !a.enabled) return false;
      if (filter.enabled === 'disabled' && a.enabled) return false;
      if (words.length === 0) return true;
      const haystack = caseAndWidthForm([a.title, a.body, a.category, a.id, ...a.tags, ...a.questions].join('\n'));
      return words.every((w) => haystack.includes(w));
    }),
    locale,
  );
}

/** By category (articles without one last), then title. */
export function sortArticles(articles: readonly KbArticle[], locale?: string): KbArticle[] {
  return [...articles].sort(
    (a, b) =>
      Number(a.category === '') - Number(b.category === '') ||
      a.category.localeCompare(b.category, locale) ||
      a.title.localeCompare(b.title, locale) ||
      (a.id < b.id ? -1 : 1),
  );
}

/** The categories in use, in order; '' (no category) last when some article has none. */
export function articleCategories(articles: readonly KbArticle[], locale?: string): string[] {
  const named = [...new Set(articles.map((a) => a.category).filter((c) => c !== ''))].sort((a, b) => a.localeCompare(b, locale));
  return articles.some((a) => a.category === '') ? [...named, ''] : named;
}

// ---- the editor --------------------------------------------------------------------------------

/** What the admin typed into the article editor. */
export interface ArticleDraft {
  /** Set when an existing article is being changed. */
  id: string | null;
  lang: Lang;
  title: string;
  /** Markdown. */
  body: string;
  category: string;
  /** Tags as typed, separated by commas. */
  tags: string;
  /** Other ways customers ask (相似问法), one per row; blank rows are dropped on saving. */
  questions: string[];
  enabled: boolean;
}

export function emptyArticleDraft(lang: Lang): ArticleDraft {
  return { id: null, lang, title: '', body: '', category: '', tags: '', questions: [], enabled: true };
}

export function articleDraftOf(article: KbArticle): ArticleDraft {
  return {
    id: article.id,
    lang: article.lang,
    title: article.title,
    body: article.body,
    category: article.category,
    tags: article.tags.join(', '),
    questions: [...article.questions],
    enabled: article.enabled,
  };
}

/** Tags from what was typed: split at commas (either width), 、 or semicolons, trimmed, each once. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(/[,，、;；\n]/)) {
    const tag = raw.trim();
    if (tag === '' || seen.has(caseAndWidthForm(tag))) continue;
    seen.add(caseAndWidthForm(tag));
    tags.push(tag);
  }
  return tags;
}

/** The alternative questions to save: trimmed, blank rows dropped. */
export function cleanQuestions(questions: readonly string[]): string[] {
  return questions.map((q) => q.trim()).filter((q) => q !== '');
}

export type ArticleField = 'title' | 'body' | 'category' | 'tags' | 'questions';

/** Why the editor cannot be saved yet: the field, a message key and its values. */
export interface ArticleProblem {
  field: ArticleField;
  key: MessageKey;
  params?: Record<string, string | number>;
  /** For a problem with one alternative question: its row (from 0). */
  row?: number;
}

/** Checks the editor by the limits the server applies; every problem, in the form's order. */
export function validateArticle(draft: ArticleDraft): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  const title = draft.title.trim();
  const body = draft.body.trim();
  const category = draft.category.trim();
  if (title === '') problems.push({ field: 'title', key: 'kbAdmin.problem.titleRequired' });
  else if (title.length > KB_LIMITS.title) problems.push({ field: 'title', key: 'kbAdmin.problem.tooLong', params: { count: title.length, max: KB_LIMITS.title } });
  if (body === '') problems.push({ field: 'body', key: 'kbAdmin.problem.bodyRequired' });
  else if (body.length > KB_LIMITS.body) problems.push({ field: 'body', key: 'kbAdmin.problem.tooLong', params: { count: body.length, max: KB_LIMITS.body } });
  if (category.length > KB_LIMITS.category) {
    problems.push({ field: 'category', key: 'kbAdmin.problem.tooLong', params: { count: category.length, max: KB_LIMITS.category } });
  }
  const tags = parseTags(draft.tags);
  const longTag = tags.find((tag) => tag.length > KB_LIMITS.tag);
  if (longTag) problems.push({ field: 'tags', key: 'kbAdmin.problem.tagTooLong', params: { tag: longTag, max: KB_LIMITS.tag } });
  else if (tags.length > KB_LIMITS.tags) problems.push({ field: 'tags', key: 'kbAdmin.problem.tooManyTags', params: { count: tags.length, max: KB_LIMITS.tags } });
  const seen = new Map<string, number>();
  for (const [row, raw] of draft.questions.entries()) {
    const question = raw.trim();
    if (question === '') continue;
    if (question.length > KB_LIMITS.question) {
      problems.push({ field: 'questions', row, key: 'kbAdmin.problem.questionTooLong', params: { row: row + 1, max: KB_LIMITS.question } });
      return problems;
    }
    const first = seen.get(caseAndWidthForm(question));
    if (first !== undefined) {
      problems.push({ field: 'questions', row, key: 'kbAdmin.problem.questionTwice', params: { row: row + 1, first: first + 1 } });
      return problems;
    }
    seen.set(caseAndWidthForm(question), row);
  }
  if (seen.size > KB_LIMITS.questions) {
    problems.push({ field: 'questions', key: 'kbAdmin.problem.tooManyQuestions', params: { count: seen.size, max: KB_LIMITS.questions } });
  }
  return problems;
}

/** The article as it would be saved: text trimmed, tags split, blank questions dropped. */
function articleInputOf(draft: ArticleDraft) {
  return {
    lang: draft.lang,
    title: draft.title.trim(),
    body: draft.body.trim(),
    category: draft.category.trim(),
    tags: parseTags(draft.tags),
    questions: cleanQuestions(draft.questions),
    enabled: draft.enabled,
  };
}

/** The arguments for `kbAdmin.save`: a new article has no id. */
export function articleSaveArgs(draft: ArticleDraft): MethodArgs<'kbAdmin.save'> {
  const article = articleInputOf(draft);
  return draft.id ? { id: draft.id, article } : { article };
}

/** Whether the editor holds something not saved: a new article with any text, or a changed one. */
export function articleDraftChanged(draft: ArticleDraft, saved: KbArticle | undefined): boolean {
  const input = articleInputOf(draft);
  if (!saved) return input.title !== '' || input.body !== '' || input.category !== '' || input.tags.length > 0 || input.questions.length > 0;
  return (
    input.lang !== saved.lang ||
    input.title !== saved.title ||
    input.body !== saved.body ||
    input.category !== saved.category ||
    input.enabled !== saved.enabled ||
    input.tags.join('\n') !== saved.tags.join('\n') ||
    input.questions.join('\n') !== saved.questions.join('\n')
  );
}

// ---- import and export -------------------------------------------------------------------------

/** done: everything written. refused: nothing written. partial: the first parts written, the rest not. */
export type ImportOutcome = 'done' | 'refused' | 'partial';

export function importOutcome(result: KbImportResult): ImportOutcome {
  if (result.errors.length === 0) return 'done';
  return result.imported + result.updated === 0 ? 'refused' : 'partial';
}

const fieldKeys: Readonly<Record<string, MessageKey>> = {
  id: 'kbAdmin.field.id',
  lang: 'kbAdmin.field.lang',
  title: 'kbAdmin.field.title',
  body: 'kbAdmin.field.body',
  category: 'kbAdmin.field.category',
  tags: 'kbAdmin.field.tags',
  questions: 'kbAdmin.field.questions',
  enabled: 'kbAdmin.field.enabled',
};

/** A field of an import entry by its name in the UI ("tags.2" reads "Tags, entry 3"). */
export function importFieldLabel(t: Translate, field: string): string {
  const [head = '', index] = field.split('.');
  const key = Object.hasOwn(fieldKeys, head) ? fieldKeys[head] : undefined;
  const name = key ? t(key) : head === '' ? t('kbAdmin.field.entry') : head;
  return index !== undefined && /^\d+$/.test(index) ? t('kbAdmin.field.indexed', { field: name, index: Number(index) + 1 }) : name;
}

/** One problem of an import in a sentence, located by item number and line. */
export function describeImportProblem(t: Translate, problem: KbImportProblem, reason: (p: Extract<KbImportProblem, { code: 'refused' }>) => string): string {
  const where = (item: number, line: number | null) =>
    line === null ? t('kbAdmin.import.atItem', { item }) : t('kbAdmin.import.atItemLine', { item, line });
  switch (problem.code) {
    case 'syntax':
      return problem.line === null
        ? t('kbAdmin.import.syntax', { detail: problem.detail })
        : t('kbAdmin.import.syntaxAt', { line: problem.line, column: problem.column ?? 1, detail: problem.detail });
    case 'not_a_list':
      return t('kbAdmin.import.notList');
    case 'empty':
      return t('kbAdmin.import.empty');
    case 'too_many':
      return t('kbAdmin.import.tooMany', { count: problem.count, max: problem.max });
    case 'invalid':
      return t('kbAdmin.import.invalid', { where: where(problem.item, problem.line), field: importFieldLabel(t, problem.field), detail: problem.detail });
    case 'duplicate_id':
      return t('kbAdmin.import.duplicateId', { where: where(problem.item, problem.line), id: problem.id, first: problem.firstItem });
    case 'id_taken':
      return t('kbAdmin.import.idTaken', { where: where(problem.item, problem.line), id: problem.id });
    case 'refused':
      return t('kbAdmin.import.refused', { first: problem.firstItem, last: problem.lastItem, reason: reason(problem) });
    case 'more':
      return t('kbAdmin.import.more', { count: problem.count });
  }
}

/** An export as a file to save: a safe `.json` name. */
export function jsonDownload(filename: string, json: string): { filename: string; body: string; type: string } {
  return { filename: safeFileName(filename, 'knowledge-base.json', '.json'), body: json, type: 'application/json;charset=utf-8' };
}
