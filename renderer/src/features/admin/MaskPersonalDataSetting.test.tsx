// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';
import { untilStore } from '../../testing/until-store';
import { SensitiveWords } from './SensitiveWords';

let app: AppUnderTest;

/** The sensitive words screen with the account's setting read as `maskPersonalData`. */
async function renderScreen(language: 'en' | 'zh-CN', maskPersonalData: boolean) {
  app = new AppUnderTest(language);
  app.fake
    .answer('sensitive.list', () => [])
    .answer('sensitive.policy', () => ({ maskPersonalData }))
    .answer('sensitive.savePolicy', (policy) => policy);
  render(<SensitiveWords offline={false} />, { wrapper: app.wrapper });
  await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the setting read');
  return screen.getByRole('checkbox', { name: app.t('sensitive.maskPersonalData') });
}

afterEach(() => cleanup());

describe('the reply masking setting', () => {
  it('shows the account setting and saves a change at once', async () => {
    const box = await renderScreen('en', true);
    expect(box).toHaveProperty('checked', true);
    expect(screen.getByText(app.t('sensitive.maskPersonalDataHint'))).toBeTruthy();
    await userEvent.click(box);
    await app.fake.untilCalled('sensitive.savePolicy');
    expect(app.fake.callsOf('sensitive.savePolicy')).toEqual([{ maskPersonalData: false }]);
    await untilStore(useSensitiveWordsStore, (s) => s.policy?.maskPersonalData === false, 'the saved setting');
    expect(box).toHaveProperty('checked', false);
  });

  it('says why a change was refused and keeps the setting as it was', async () => {
    const box = await renderScreen('zh-CN', false);
    expect(screen.getByRole('checkbox', { name: '遮盖客服回复中的银行卡号、身份证号和电话号码' })).toBe(box);
    app.fake.failWith('sensitive.savePolicy', 'forbidden', 'Only admins can change how replies are masked.');
    await userEvent.click(box);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('无法修改该设置。');
    expect(box).toHaveProperty('checked', false);
  });
});
