import type { Template } from '../../../../shared/domain';
import { quickRepliesCsv, quickRepliesJson, type QuickReplyFileFormat, type QuickReplyImportProblem } from '../../../../shared/quick-reply-exchange';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';

const fieldKeys: Readonly<Record<string, MessageKey>> = {
  shortcut: 'quick.shortcut',
  title: 'quick.titleField',
  body: 'quick.body',
  lang: 'quick.lang',
  category: 'quick.category',
};

/** A column of an import file by its name in the UI; an unknown one as written, the row itself as "row". */
export function quickReplyFieldLabel(t: Translate, field: string): string {
  const key = Object.hasOwn(fieldKeys, field) ? fieldKeys[field] : undefined;
  return key ? t(key) : field === '' ? t('quickAdmin.import.row') : field;
}

/** One problem of an import file in a sentence, located by line. */
export function describeQuickReplyProblem(t: Translate, problem: QuickReplyImportProblem): string {
  switch (problem.code) {
    case 'syntax':
      return problem.line === null ? t('quickAdmin.import.syntax') : t('quickAdmin.import.syntaxAt', { line: problem.line });
    case 'not_a_list':
      return t('quickAdmin.import.notList');
    case 'empty':
      return t('quickAdmin.import.empty');
    case 'too_many':
      return t('quickAdmin.import.tooMany', { count: problem.count, max: problem.max });
    case 'too_large':
      return t('quickAdmin.import.tooLarge', { max: problem.maxKb });
    case 'missing_column':
      return t('quickAdmin.import.missingColumn', { column: problem.column });
    case 'unknown_column':
      return t('quickAdmin.import.unknownColumn', { column: problem.column });
    case 'invalid':
      return t('quickAdmin.import.invalid', { line: problem.line, field: quickReplyFieldLabel(t, problem.field) });
    case 'duplicate':
      return t('quickAdmin.import.duplicate', { line: problem.line, shortcut: problem.shortcut, first: problem.firstLine });
    case 'more':
      return t('quickAdmin.import.more', { count: problem.count });
  }
}

/** The team's replies as a file to save, in the chosen format. */
export function quickRepliesDownload(replies: readonly Template[], format: QuickReplyFileFormat): { filename: string; body: string; type: string } {
  return format === 'csv'
    ? { filename: 'quick-replies.csv', body: quickRepliesCsv(replies), type: 'text/csv;charset=utf-8' }
    : { filename: 'quick-replies.json', body: quickRepliesJson(replies), type: 'application/json;charset=utf-8' };
}
