// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionSuggestion, UnansweredGroup } from '../../../../shared/bot-learning';
import type { KbArticle } from '../../../../shared/domain';
import { AppUnderTest } from '../../testing/app-under-test';
import { KnowledgeAdmin } from './KnowledgeAdmin';

let app: AppUnderTest;

const card: KbArticle = {
  id: 'a1', lang: 'zh', title: '储值卡余额退款', body: '原路退回', category: '', tags: [], questions: ['卡里的余额能退吗'], enabled: true, updatedAt: '2026-01-01T00:00:00.000Z',
};
const suggestion: QuestionSuggestion = {
  id: 's1', articleId: 'a1', articleTitle: card.title, question: '余额退款', count: 3, sources: ['customer_pick', 'agent_insert'], status: 'suggested',
  lastSeenAt: '2026-01-02T00:00:00.000Z',
};
const group: UnansweredGroup = {
  question: '你们招客服吗', count: 2, handoffs: 1, lastSeenAt: '2026-01-03T00:00:00.000Z', examples: ['你们招客服吗', '请问你们招聘客服吗？'], conversationIds: ['c1', 'c2'],
};

beforeEach(() => {
  app = new AppUnderTest('en');
  app.fake.answer('kbAdmin.list', () => [card]);
  app.fake.answer('kbLearning.suggestions', () => [suggestion]);
  app.fake.answer('kbLearning.unanswered', () => [group]);
  app.fake.answer('kbLearning.accept', () => ({ ...card, questions: [...card.questions, '余额退款'] }));
});

afterEach(() => cleanup());

describe('what the bot can learn, in the knowledge admin', () => {
  it('shows a suggested question under its article with how often it was seen, and adds it in one click', async () => {
    render(<KnowledgeAdmin offline={false} />, { wrapper: app.wrapper });
    const article = await screen.findByTestId('kb-suggestion-article');
    expect(within(article).getByText(card.title)).toBeTruthy();
    expect(within(article).getByTestId('kb-suggestion').textContent).toContain('余额退款');
    expect(within(article).getByTestId('kb-suggestion').textContent).toContain(app.t('kbLearning.suggestions.count', { count: 3 }));

    await userEvent.click(screen.getByRole('button', { name: app.t('kbLearning.acceptLabel', { question: '余额退款', title: card.title }) }));
    expect(app.fake.callsOf('kbLearning.accept')).toEqual([{ id: 's1' }]);
    expect((await screen.findByTestId('kb-learning-notice')).textContent).toBe(app.t('kbLearning.accepted', { question: '余额退款', title: card.title }));
    expect(screen.queryByTestId('kb-suggestion')).toBeNull();
  });

  it('lists unanswered questions grouped, and opens a new article from one with the question filled in', async () => {
    render(<KnowledgeAdmin offline={false} />, { wrapper: app.wrapper });
    const row = await screen.findByTestId('kb-unanswered-group');
    expect(row.textContent).toContain('你们招客服吗');
    expect(row.textContent).toContain('请问你们招聘客服吗？');
    expect(app.fake.callsOf('kbLearning.unanswered')).toEqual([{ days: 30 }]);

    await userEvent.click(within(row).getByRole('button', { name: app.t('kbLearning.unanswered.newArticleLabel', { question: '你们招客服吗' }) }));
    const editor = await screen.findByTestId('kb-admin-editor');
    const title = within(editor).getByLabelText(app.t('kbAdmin.field.title')) as HTMLInputElement;
    expect(title.value).toBe('你们招客服吗');

    // With unsaved text in the editor, the admin is asked first; discarding it opens the question.
    await userEvent.type(title, '？');
    await userEvent.click(within(row).getByRole('button', { name: app.t('kbLearning.unanswered.newArticleLabel', { question: '你们招客服吗' }) }));
    await userEvent.click(await screen.findByTestId('kb-admin-discard'));
    await waitFor(() => expect((within(screen.getByTestId('kb-admin-editor')).getByLabelText(app.t('kbAdmin.field.title')) as HTMLInputElement).value).toBe('你们招客服吗'));
  });
});
