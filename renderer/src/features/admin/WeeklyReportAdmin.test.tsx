// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { WeeklyReportSettingsSave, WeeklyReportStatus } from '../../../../shared/weekly-report';
import { AppUnderTest } from '../../testing/app-under-test';
import { WeeklyReportAdmin } from './WeeklyReportAdmin';

let app: AppUnderTest;
let saved: WeeklyReportSettingsSave[];
let tests: number;
const sendable: WeeklyReportStatus = {
  settings: { enabled: true, weekday: 1, hour: 8, language: 'zh-CN' }, timeZone: 'Asia/Shanghai', canSend: true, reason: null, from: 'service@shop.test',
};

function serve(status: WeeklyReportStatus, language: 'en' | 'zh-CN' = 'en') {
  app = new AppUnderTest(language);
  saved = [];
  tests = 0;
  app.fake
    .answer('weeklyReport.settings', () => status)
    .answer('weeklyReport.saveSettings', (save) => {
      saved.push(save);
      return { ...status, settings: save };
    })
    .answer('weeklyReport.sendTest', () => {
      tests++;
      return { to: 'admin@shop.test', weekStart: '2026-11-30', weekEnd: '2026-12-07' };
    });
}

afterEach(() => cleanup());

describe('the weekly report settings', () => {
  it('an admin moves the mail to Friday 17:00 in English and sees the time zone it is in', async () => {
    serve(sendable);
    const user = userEvent.setup();
    render(<WeeklyReportAdmin offline={false} />, { wrapper: app.wrapper });
    expect(await screen.findByText(app.t('weeklyReport.timeZone', { timeZone: 'Asia/Shanghai' }))).toBeTruthy();
    expect(screen.getByTestId('weekly-report-from').textContent).toBe(app.t('weeklyReport.from', { address: 'service@shop.test' }));
    await user.selectOptions(screen.getByLabelText(app.t('weeklyReport.weekday')), app.t('weeklyReport.weekday.5'));
    await user.selectOptions(screen.getByLabelText(app.t('weeklyReport.hour')), '17:00');
    await user.selectOptions(screen.getByLabelText(app.t('weeklyReport.language')), app.t('language.en'));
    await user.click(screen.getByTestId('weekly-report-save'));
    expect(await screen.findByText(app.t('weeklyReport.saved'))).toBeTruthy();
    expect(saved).toEqual([{ enabled: true, weekday: 5, hour: 17, language: 'en' }]);
  });

  it('sends a test to the admin and says where it went and which week it covered', async () => {
    serve(sendable, 'zh-CN');
    const user = userEvent.setup();
    render(<WeeklyReportAdmin offline={false} />, { wrapper: app.wrapper });
    await user.click(await screen.findByTestId('weekly-report-send-test'));
    expect((await screen.findByTestId('weekly-report-sent')).textContent).toBe(
      app.t('weeklyReport.sent', { address: 'admin@shop.test', from: '2026-11-30', to: '2026-12-06' }),
    );
    expect(tests).toBe(1);
  });

  it('says when the mail server refused the test', async () => {
    serve(sendable);
    app.fake.failWith('weeklyReport.sendTest', 'mail_failed', 'the mail server refused: 550 no');
    const user = userEvent.setup();
    render(<WeeklyReportAdmin offline={false} />, { wrapper: app.wrapper });
    await user.click(await screen.findByTestId('weekly-report-send-test'));
    expect((await screen.findByTestId('weekly-report-send-failed')).textContent).toBe(
      app.t('weeklyReport.sendFailed', { reason: app.t('error.mail_failed') }),
    );
  });

  it('without an email channel, says why nothing is sent and offers no test', async () => {
    serve({ ...sendable, canSend: false, reason: 'no_email_channel', from: null });
    render(<WeeklyReportAdmin offline={false} />, { wrapper: app.wrapper });
    expect((await screen.findByTestId('weekly-report-blocked')).textContent).toBe(app.t('weeklyReport.cannotSend.no_email_channel'));
    expect((screen.getByTestId('weekly-report-send-test') as HTMLButtonElement).disabled).toBe(true);
  });

  it('offline, says the settings need the connection', () => {
    serve(sendable);
    render(<WeeklyReportAdmin offline />, { wrapper: app.wrapper });
    expect(screen.getByText(app.t('weeklyReport.offline'))).toBeTruthy();
  });
});
