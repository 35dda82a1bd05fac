// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopSettings } from '../../../../shared/contract';
import { AppUnderTest } from '../../testing/app-under-test';
import { StartAtLoginSetting } from './StartAtLoginSetting';

let app: AppUnderTest;
let stored: DesktopSettings;

beforeEach(() => {
  app = new AppUnderTest('zh-CN');
  stored = { openAtLogin: false, openAtLoginAvailable: true };
  app.fake.answer('desktop.get', () => stored);
  app.fake.answer('desktop.set', ({ openAtLogin }) => (stored = { ...stored, openAtLogin }));
});
afterEach(() => cleanup());

describe('starting at login in the settings', () => {
  it('is off by default in the installed app, and a click turns it on and off', async () => {
    render(<StartAtLoginSetting />, { wrapper: app.wrapper });
    const box = screen.getByRole('checkbox', { name: '登录此电脑时启动 Switchboard' });
    expect(box).toHaveProperty('checked', false);
    await waitFor(() => expect(box).toHaveProperty('disabled', false));
    await userEvent.click(box);
    expect(app.fake.callsOf('desktop.set')).toEqual([{ openAtLogin: true }]);
    expect(box).toHaveProperty('checked', true);
    await userEvent.click(box);
    expect(app.fake.callsOf('desktop.set')).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    expect(box).toHaveProperty('checked', false);
    expect(screen.queryByText(app.t('desktop.openAtLoginInstalledOnly'))).toBeNull();
  });

  it('in a browser the choice is off, cannot be changed and says it is for the installed app', async () => {
    stored = { openAtLogin: false, openAtLoginAvailable: false };
    render(<StartAtLoginSetting />, { wrapper: app.wrapper });
    expect(await screen.findByText('仅 Windows 和 macOS 上安装的应用可以在登录时启动。')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: '登录此电脑时启动 Switchboard' })).toHaveProperty('disabled', true);
    expect(app.fake.callsOf('desktop.set')).toEqual([]);
  });
});
