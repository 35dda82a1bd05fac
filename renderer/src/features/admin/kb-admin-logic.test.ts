import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../../shared/domain';
import type { KbImportProblem } from '../../../../shared/kb-exchange';
import { KB_LIMITS } from '../../../../shared/knowledge';
import { translator } from '../../i18n/translate';
import { auditActionLabel, auditTargetLabel } from './audit-logic';
import {
  articleCategories,
  articleDraftChanged,
  articleDraftOf,
  articleSaveArgs,
  describeImportProblem,
  emptyArticleDraft,
  emptyKbFilter,
  filterArticles,
  importFieldLabel,
  importOutcome,
  jsonDownload,
  parseTags,
  validateArticle,
} from './kb-admin-logic';

const t = translator('en');
const zh = translator('zh-CN');

function article(id: string, over: Partial<KbArticle> = {}): KbArticle {
  return {
    id,
    lang: 'zh',
    title: `标题 ${id}`,
    body: '正文',
    category: '',
    tags: [],
    questions: [],
    enabled: true,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

const articles = [
  article('ship', { title: '发货时间', category: '物流', tags: ['发货'], questions: ['什么时候发货'] }),
  article('refund', { title: '退款政策', category: '售后', enabled: false }),
  article('track', { lang: 'en', title: 'Tracking your ORDER', category: 'Orders', body: 'Open My orders.' }),
  article('misc', { lang: 'en', title: 'Gift wrap', body: 'Ｗｒａｐ it nicely' }),
];

describe('the article list filters', () => {
  it('shows everything by category, articles without one last', () => {
    expect(filterArticles(articles, emptyKbFilter, 'en').map((a) => a.id)).toEqual(['track', 'refund', 'ship', 'misc']);
  });

  it('narrows by language, category and state together', () => {
    expect(filterArticles(articles, { ...emptyKbFilter, lang: 'zh' }).map((a) => a.id).sort()).toEqual(['refund', 'ship']);
    expect(filterArticles(articles, { ...emptyKbFilter, category: '物流' }).map((a) => a.id)).toEqual(['ship']);
    expect(filterArticles(articles, { ...emptyKbFilter, category: '' }).map((a) => a.id)).toEqual(['misc']);
    expect(filterArticles(articles, { ...emptyKbFilter, enabled: 'disabled' }).map((a) => a.id)).toEqual(['refund']);
    expect(filterArticles(articles, { ...emptyKbFilter, lang: 'zh', enabled: 'enabled' }).map((a) => a.id)).toEqual(['ship']);
  });

  it('finds words in titles, questions, tags and text, ignoring case and width', () => {
    const find = (query: string) => filterArticles(articles, { ...emptyKbFilter, query }).map((a) => a.id);
    expect(find('order')).toEqual(['track']);
    expect(find('什么时候')).toEqual(['ship']);
    expect(find('wrap NICELY')).toEqual(['misc']);
    expect(find('发货 退款')).toEqual([]);
  });

  it('lists the categories in use, "no category" last', () => {
    expect(articleCategories(articles, 'en')).toEqual(['Orders', '售后', '物流', '']);
    expect(articleCategories([article('a', { category: 'x' })])).toEqual(['x']);
  });
});

describe('the article editor', () => {
  it('splits tags at either width of comma and 、, each once', () => {
    expect(parseTags('发货， 物流、shipping,Shipping ,, ')).toEqual(['发货', '物流', 'shipping']);
  });

  it('asks for a title and a text, and names the first question that is too long or repeated', () => {
    const draft = { ...emptyArticleDraft('zh'), questions: ['几天到', ' ', '几天到'] };
    expect(validateArticle(draft).map((p) => p.key)).toEqual([
      'kbAdmin.problem.titleRequired',
      'kbAdmin.problem.bodyRequired',
      'kbAdmin.problem.questionTwice',
    ]);
    expect(validateArticle(draft).at(-1)).toMatchObject({ row: 2, params: { row: 3, first: 1 } });
    const long = { ...draft, title: 't', body: 'b', questions: ['x'.repeat(KB_LIMITS.question + 1)] };
    expect(validateArticle(long)).toEqual([expect.objectContaining({ field: 'questions', row: 0, key: 'kbAdmin.problem.questionTooLong' })]);
  });

  it('checks lengths the way the server does', () => {
    const base = { ...emptyArticleDraft('en'), title: 'T', body: 'B' };
    expect(validateArticle(base)).toEqual([]);
    expect(validateArticle({ ...base, title: 'x'.repeat(KB_LIMITS.title + 1) })[0]).toMatchObject({ field: 'title', key: 'kbAdmin.problem.tooLong' });
    expect(validateArticle({ ...base, tags: 'x'.repeat(KB_LIMITS.tag + 1) })[0]).toMatchObject({ field: 'tags', key: 'kbAdmin.problem.tagTooLong' });
    const manyTags = Array.from({ length: KB_LIMITS.tags + 1 }, (_, i) => `t${i}`).join(',');
    expect(validateArticle({ ...base, tags: manyTags })[0]).toMatchObject({ key: 'kbAdmin.problem.tooManyTags' });
  });

  it('saves trimmed text without blank questions, and an id only for an existing article', () => {
    const draft = { ...emptyArticleDraft('zh'), title: ' 标题 ', body: ' 正文 ', tags: '甲, 乙', questions: ['问一', '', ' 问二 '] };
    expect(articleSaveArgs(draft)).toEqual({
      article: { lang: 'zh', title: '标题', body: '正文', category: '', tags: ['甲', '乙'], questions: ['问一', '问二'], enabled: true },
    });
    expect(articleSaveArgs(articleDraftOf(articles[0]!))).toMatchObject({ id: 'ship', article: { tags: ['发货'] } });
  });

  it('knows when the editor holds unsaved text', () => {
    const saved = articles[0]!;
    expect(articleDraftChanged(articleDraftOf(saved), saved)).toBe(false);
    expect(articleDraftChanged({ ...articleDraftOf(saved), questions: [...saved.questions, ''] }, saved)).toBe(false);
    expect(articleDraftChanged({ ...articleDraftOf(saved), questions: [...saved.questions, '几天能到'] }, saved)).toBe(true);
    expect(articleDraftChanged(emptyArticleDraft('zh'), undefined)).toBe(false);
    expect(articleDraftChanged({ ...emptyArticleDraft('zh'), body: '草稿' }, undefined)).toBe(true);
  });
});

describe('the import result', () => {
  it('tells a whole import from a refused and a partial one', () => {
    expect(importOutcome({ imported: 2, updated: 1, errors: [] })).toBe('done');
    expect(importOutcome({ imported: 0, updated: 0, errors: [{ code: 'empty' }] })).toBe('refused');
    expect(importOutcome({ imported: 3, updated: 0, errors: [{ code: 'id_taken', item: 9, line: 40, id: 'x' }] })).toBe('partial');
  });

  it('locates each problem by item and line, in both languages', () => {
    const reason = () => 'The server took too long.';
    const problems: KbImportProblem[] = [
      { code: 'syntax', line: 3, column: 7, detail: 'Unexpected token' },
      { code: 'invalid', item: 2, line: 8, field: 'lang', detail: 'Invalid option' },
      { code: 'invalid', item: 5, line: null, field: 'questions.2', detail: 'Too long' },
      { code: 'duplicate_id', item: 3, line: 14, id: 'a', firstItem: 1 },
      { code: 'refused', firstItem: 201, lastItem: 250, error: { code: 'timeout', message: 'x' } },
      { code: 'more', count: 12 },
    ];
    expect(problems.map((p) => describeImportProblem(t, p, reason))).toEqual([
      'The file is not valid JSON at line 3, column 7: Unexpected token',
      'Item 2 (line 8): Language is not valid (Invalid option).',
      'Item 5: Other ways customers ask (相似问法), entry 3 is not valid (Too long).',
      'Item 3 (line 14): the ID “a” is also used by item 1.',
      'Items 201 to 250 were not imported. The server took too long.',
      '…and 12 more problems.',
    ]);
    expect(describeImportProblem(zh, problems[1]!, reason)).toBe('第 2 项（第 8 行）：语言无效（Invalid option）。');
  });

  it('names an unknown field as written', () => {
    expect(importFieldLabel(t, 'weight')).toBe('weight');
    expect(importFieldLabel(t, '')).toBe('The entry');
  });

  it('saves the export under a safe .json name', () => {
    expect(jsonDownload('knowledge-base-2025-01-01.json', '[]')).toEqual({
      filename: 'knowledge-base-2025-01-01.json',
      body: '[]',
      type: 'application/json;charset=utf-8',
    });
    expect(jsonDownload('../kb', '[]').filename).toBe('.._kb.json');
    expect(jsonDownload('', '[]').filename).toBe('knowledge-base.json');
  });
});

describe('knowledge and bot changes in the audit log', () => {
  it('reads in words, naming the article by title and the reply by its pattern', () => {
    expect(auditActionLabel(t, 'kb_article.update')).toBe('Knowledge article changed');
    expect(auditActionLabel(zh, 'kb_import')).toBe('导入知识库');
    expect(auditActionLabel(t, 'bot_rule.delete')).toBe('Bot reply deleted');
    expect(auditTargetLabel(t, { targetType: 'kb_article', targetId: 'a1', details: { title: '退款政策', enabled: false } })).toBe('Knowledge article · 退款政策');
    expect(auditTargetLabel(t, { targetType: 'bot_rule', targetId: 'r1', details: { kind: 'keyword', pattern: '发票' } })).toBe('Bot reply · 发票');
    expect(auditTargetLabel(zh, { targetType: 'kb_article', targetId: null })).toBe('知识库文章');
  });
});
