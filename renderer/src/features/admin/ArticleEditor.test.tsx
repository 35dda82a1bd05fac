// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../../shared/domain';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { ArticleEditor } from './ArticleEditor';
import { emptyArticleDraft, type ArticleDraft } from './kb-admin-logic';

let app: AppUnderTest;
let saved: KbArticle[];

const refund: KbArticle = {
  id: 'a1', lang: 'zh', title: '退款政策', body: '七天内可退', category: '售后', tags: ['退款'], questions: [], enabled: true, updatedAt: '2025-01-01T00:00:00.000Z',
};

/** The editor as the knowledge admin screen holds it: the draft lives in the screen's state. */
function Host({ initial }: { initial: ArticleDraft }) {
  const [draft, setDraft] = useState(initial);
  return (
    <ArticleEditor draft={draft} onChange={setDraft} saved={undefined} categories={['售后']} offline={false} onSaved={(a) => saved.push(a)} onClose={() => undefined} />
  );
}

function renderEditor(initial: ArticleDraft = emptyArticleDraft('zh')) {
  render(<Host initial={initial} />, { wrapper: app.wrapper });
  return {
    title: screen.getByLabelText(app.t('kbAdmin.field.title')),
    body: screen.getByLabelText(app.t('kbAdmin.field.body')),
    tags: screen.getByLabelText(app.t('kbAdmin.field.tags')),
    category: screen.getByLabelText(app.t('kbAdmin.field.category')),
    submit: screen.getByRole('button', { name: app.t('kbAdmin.create') }),
  };
}

const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

beforeEach(() => {
  app = new AppUnderTest('en');
  saved = [];
});

afterEach(() => cleanup());

describe('the article editor', () => {
  it('asks for a title and a text before anything is sent', async () => {
    const form = renderEditor();
    await userEvent.click(form.submit);
    expect(alerts()).toEqual([app.t('kbAdmin.problem.titleRequired'), app.t('kbAdmin.problem.bodyRequired')]);
    expect(form.title.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(form.title);
    expect(app.fake.callsOf('kbAdmin.save')).toEqual([]);
  });

  it('points at a question asked twice', async () => {
    const form = renderEditor();
    await userEvent.type(form.title, '退款政策');
    await userEvent.type(form.body, '七天内可退');
    await userEvent.click(screen.getByRole('button', { name: app.t('kbAdmin.addQuestion') }));
    await userEvent.type(screen.getByLabelText(app.t('kbAdmin.questionLabel', { row: 1 })), '怎么退款');
    await userEvent.click(screen.getByRole('button', { name: app.t('kbAdmin.addQuestion') }));
    await userEvent.type(screen.getByLabelText(app.t('kbAdmin.questionLabel', { row: 2 })), '怎么退款');
    await userEvent.click(form.submit);
    expect(alerts()).toEqual([app.t('kbAdmin.problem.questionTwice', { row: 2, first: 1 })]);
    expect(screen.getByLabelText(app.t('kbAdmin.questionLabel', { row: 2 })).getAttribute('aria-invalid')).toBe('true');
    expect(app.fake.callsOf('kbAdmin.save')).toEqual([]);
  });

  it('sends the article with its tags and questions parsed, and hands the saved one on', async () => {
    app.fake.answer('kbAdmin.save', () => refund);
    const form = renderEditor();
    await userEvent.type(form.title, ' 退款政策 ');
    await userEvent.type(form.category, '售后');
    await userEvent.type(form.tags, '退款，售后, 退款');
    await userEvent.type(form.body, '**七天内**可退');
    await userEvent.click(screen.getByRole('button', { name: app.t('kbAdmin.preview') }));
    expect(within(screen.getByRole('region', { name: app.t('kbAdmin.previewLabel') })).getByText('七天内').tagName).toBe('STRONG');
    await userEvent.click(screen.getByRole('button', { name: app.t('kbAdmin.addQuestion') }));
    await userEvent.type(screen.getByLabelText(app.t('kbAdmin.questionLabel', { row: 1 })), ' 怎么退款 ');
    await userEvent.click(form.submit);
    await app.fake.untilCalled('kbAdmin.save');
    expect(app.fake.callsOf('kbAdmin.save')).toEqual([
      { article: { lang: 'zh', title: '退款政策', body: '**七天内**可退', category: '售后', tags: ['退款', '售后'], questions: ['怎么退款'], enabled: true } },
    ]);
    await screen.findByRole('button', { name: app.t('kbAdmin.create') });
    expect(saved).toEqual([refund]);
  });

  it('shows the server\'s refusal and keeps what was typed', async () => {
    app.fake.failWith('kbAdmin.save', 'offline', 'no connection');
    const form = renderEditor();
    await userEvent.type(form.title, '退款政策');
    await userEvent.type(form.body, '七天内可退');
    await userEvent.click(form.submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('kbAdmin.saveFailed', { reason: describeError(app.t, { code: 'offline' }) }));
    expect(form.title).toHaveProperty('value', '退款政策');
    expect(form.body).toHaveProperty('value', '七天内可退');
    expect(saved).toEqual([]);
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    const form = renderEditor();
    await userEvent.click(form.submit);
    expect(alerts()).toEqual([app.t('kbAdmin.problem.titleRequired'), app.t('kbAdmin.problem.bodyRequired')]);
  });
});
