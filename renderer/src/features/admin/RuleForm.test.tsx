// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotRule } from '../../../../shared/knowledge';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { emptyRuleDraft, type RuleDraft } from './bot-admin-logic';
import { RuleForm } from './RuleForm';

let app: AppUnderTest;
let saved: BotRule[];

const invoiceRule: BotRule = {
  id: 'r1', kind: 'keyword', match: 'contains', pattern: '发票', replyZh: '请在订单页申请发票', replyEn: '', enabled: true, priority: 0, updatedAt: '2025-01-01T00:00:00.000Z',
};

/** The form as the bot admin screen holds it: the draft lives in the screen's state. */
function Host({ initial }: { initial: RuleDraft }) {
  const [draft, setDraft] = useState(initial);
  return (
    <RuleForm draft={draft} onChange={setDraft} rules={[invoiceRule]} offline={false} title="New reply" onSaved={(rule) => saved.push(rule)} testId="rule" />
  );
}

function renderForm(initial: RuleDraft = emptyRuleDraft('keyword')) {
  render(<Host initial={initial} />, { wrapper: app.wrapper });
  return {
    match: screen.getByLabelText(app.t('botAdmin.field.match')),
    pattern: screen.getByLabelText(app.t('botAdmin.field.pattern')),
    replyZh: screen.getByLabelText(app.t('botAdmin.field.replyZh')),
    replyEn: screen.getByLabelText(app.t('botAdmin.field.replyEn')),
    priority: screen.getByLabelText(app.t('botAdmin.field.priority')),
    submit: screen.getByRole('button', { name: app.t('botAdmin.add') }),
  };
}

const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

beforeEach(() => {
  app = new AppUnderTest('en');
  saved = [];
});

afterEach(() => cleanup());

describe('a bot reply\'s form', () => {
  it('says what is missing, sends nothing, and puts the focus on the first field', async () => {
    const form = renderForm();
    await userEvent.clear(form.priority);
    await userEvent.type(form.priority, 'soon');
    await userEvent.click(form.submit);
    expect(alerts()).toEqual([
      app.t('botAdmin.problem.patternRequired'),
      app.t('botAdmin.problem.replyRequired'),
      app.t('botAdmin.problem.priority', { min: -1000, max: 1000 }),
    ]);
    expect(form.pattern.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(form.pattern);
    expect(app.fake.callsOf('botRules.save')).toEqual([]);
  });

  it('refuses a keyword that already has a reply, and a regular expression that does not compile', async () => {
    const form = renderForm();
    await userEvent.type(form.pattern, ' 发票 ');
    await userEvent.type(form.replyZh, '你好');
    await userEvent.click(form.submit);
    expect(alerts()).toEqual([app.t('botAdmin.problem.patternTwice')]);
    await userEvent.selectOptions(form.match, app.t('botAdmin.match.regex'));
    await userEvent.clear(form.pattern);
    await userEvent.type(form.pattern, '退[[款');
    await userEvent.click(form.submit);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatch(app.t('botAdmin.problem.regexInvalid', { detail: '' }).trim());
    expect(app.fake.callsOf('botRules.save')).toEqual([]);
  });

  it('sends the trimmed reply with its numbers and hands the saved reply on', async () => {
    app.fake.answer('botRules.save', ({ rule }) => ({ ...invoiceRule, ...rule, id: 'r2' }));
    const form = renderForm();
    await userEvent.type(form.pattern, ' 退款 ');
    await userEvent.type(form.replyZh, ' 退款三天内到账 ');
    await userEvent.type(form.replyEn, 'Refunds arrive within three days');
    await userEvent.clear(form.priority);
    await userEvent.type(form.priority, '-5');
    await userEvent.click(form.submit);
    await app.fake.untilCalled('botRules.save');
    expect(app.fake.callsOf('botRules.save')).toEqual([
      {
        rule: { kind: 'keyword', match: 'contains', pattern: '退款', replyZh: '退款三天内到账', replyEn: 'Refunds arrive within three days', enabled: true, priority: -5 },
      },
    ]);
    await screen.findByRole('button', { name: app.t('botAdmin.add') });
    expect(saved.map((r) => r.id)).toEqual(['r2']);
  });

  it('shows the server\'s refusal and keeps what was typed', async () => {
    app.fake.failWith('botRules.save', 'forbidden', 'admins only');
    const form = renderForm();
    await userEvent.type(form.pattern, '退款');
    await userEvent.type(form.replyZh, '三天内到账');
    await userEvent.click(form.submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('botAdmin.saveFailed', { reason: describeError(app.t, { code: 'forbidden' }) }));
    expect(form.pattern).toHaveProperty('value', '退款');
    expect(form.replyZh).toHaveProperty('value', '三天内到账');
    expect(saved).toEqual([]);
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    const form = renderForm();
    await userEvent.click(form.submit);
    expect(alerts()[0]).toBe(app.t('botAdmin.problem.patternRequired'));
  });
});
