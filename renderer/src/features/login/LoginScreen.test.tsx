// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { LoginScreen } from './LoginScreen';

afterEach(() => cleanup());

async function signInAt(app: AppUnderTest, serverUrl: string) {
  render(<LoginScreen />, { wrapper: app.wrapper });
  const server = screen.getByLabelText(app.t('login.serverUrl'));
  await userEvent.clear(server);
  await userEvent.type(server, serverUrl);
  await userEvent.type(screen.getByLabelText(app.t('login.email')), 'wang@demo.test');
  await userEvent.type(screen.getByLabelText(app.t('login.password')), 'secret');
  await userEvent.click(screen.getByRole('button', { name: app.t('login.submit') }));
  return server as HTMLInputElement;
}

describe('the sign-in form and plain http', () => {
  for (const language of ['en', 'zh-CN'] as Language[]) {
    it(`refuses http:// to another machine in ${language}, sends nothing, and keeps what was typed`, async () => {
      const app = new AppUnderTest(language);
      const server = await signInAt(app, 'http://support.example.com');
      expect((await screen.findByRole('alert')).textContent).toBe(app.t('error.insecure_server'));
      expect(app.t('error.insecure_server')).toContain('https://');
      expect(app.fake.callsOf('session.login')).toEqual([]);
      expect(server.value).toBe('http://support.example.com');
    });
  }

  it('shows the same sentence when the core refuses the address', async () => {
    const app = new AppUnderTest('en');
    app.fake.failWith('session.login', 'insecure_server');
    await signInAt(app, 'support.example.com');
    expect((await screen.findByRole('alert')).textContent).toBe(app.t('error.insecure_server'));
    expect(app.fake.callsOf('session.login')).toEqual([{ serverUrl: 'support.example.com', email: 'wang@demo.test', password: 'secret' }]);
  });

  it('sends an address without a scheme, and plain http to this computer', async () => {
    const app = new AppUnderTest('en');
    app.fake.failWith('session.login', 'invalid_credentials');
    await signInAt(app, 'http://127.0.0.1:7340');
    await screen.findByRole('alert');
    expect(app.fake.callsOf('session.login')).toHaveLength(1);
  });
});
