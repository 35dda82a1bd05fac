// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsatSettings, CsatSettingsSave } from '../../../../shared/csat';
import { AppUnderTest } from '../../testing/app-under-test';
import { CsatSettingsAdmin } from './CsatSettingsAdmin';

let app: AppUnderTest;
let saved: CsatSettingsSave[];
const settings: CsatSettings = {
  enabled: false, channelKinds: ['widget', 'whatsapp', 'telegram', 'wechat', 'email'], questionZh: '您满意吗？', questionEn: 'Happy with us?', linkValidDays: 7,
};

function serve(language: 'en' | 'zh-CN' = 'en') {
  app = new AppUnderTest(language);
  saved = [];
  app.fake
    .answer('csatAdmin.settings', () => settings)
    .answer('csatAdmin.saveSettings', (save) => {
      saved.push(save);
      return save;
    });
}

beforeEach(() => serve());
afterEach(() => cleanup());

describe('the satisfaction survey settings', () => {
  it('an admin turns the survey on for some channels and rewrites the English question', async () => {
    const user = userEvent.setup();
    render(<CsatSettingsAdmin offline={false} />, { wrapper: app.wrapper });
    const enabled = await screen.findByTestId('csat-enabled');
    expect((enabled as HTMLInputElement).checked).toBe(false);
    await user.click(enabled);
    await user.click(screen.getByTestId('csat-channel-wechat'));
    await user.click(screen.getByTestId('csat-channel-email'));
    const english = screen.getByLabelText(app.t('csatAdmin.questionEn'));
    await user.clear(english);
    await user.type(english, 'How did we do today?');
    await user.click(screen.getByTestId('csat-settings-save'));
    expect(await screen.findByText(app.t('csatAdmin.saved'))).toBeTruthy();
    expect(saved).toEqual([{ enabled: true, channelKinds: ['widget', 'whatsapp', 'telegram'], questionZh: '您满意吗？', questionEn: 'How did we do today?', linkValidDays: 7 }]);
  });

  it('says what is wrong instead of saving an empty question', async () => {
    const user = userEvent.setup();
    render(<CsatSettingsAdmin offline={false} />, { wrapper: app.wrapper });
    await user.clear(await screen.findByLabelText(app.t('csatAdmin.questionZh')));
    await user.click(screen.getByTestId('csat-settings-save'));
    expect((await screen.findByTestId('csat-settings-problem')).textContent).toBe(app.t('csatAdmin.problem.question'));
    expect(saved).toEqual([]);
  });

  it('offline, says the settings need the connection', () => {
    render(<CsatSettingsAdmin offline />, { wrapper: app.wrapper });
    expect(screen.getByText(app.t('csatAdmin.offline'))).toBeTruthy();
  });
});
