// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../../../shared/channels';
import { AppUnderTest } from '../../testing/app-under-test';
import { ChannelForm } from './ChannelForm';

let app: AppUnderTest;
let done: { saved: ChannelView; created: boolean }[];

const whatsapp: ChannelView = {
  id: 'wa-main',
  kind: 'whatsapp',
  name: 'WhatsApp Support',
  enabled: true,
  source: 'admin',
  config: { phoneNumberId: '1234' },
  secretsSet: ['accessToken'],
  webhooks: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

function renderForm(channel: ChannelView | null = null) {
  render(<ChannelForm channel={channel} groups={[]} offline={false} onDone={(saved, created) => done.push({ saved, created })} onCancel={() => undefined} />, {
    wrapper: app.wrapper,
  });
  return {
    name: screen.getByLabelText(app.t('channels.name')),
    submit: screen.getByRole('button', { name: channel ? app.t('channels.save') : app.t('channels.add') }),
  };
}

beforeEach(() => {
  app = new AppUnderTest('en');
  done = [];
});

afterEach(() => cleanup());

describe('adding a channel', () => {
  it('marks the fields that need filling in and sends nothing', async () => {
    const form = renderForm();
    await userEvent.selectOptions(screen.getByLabelText(app.t('channels.kind')), app.t('channel.whatsapp'));
    await userEvent.click(form.submit);
    const phone = screen.getByLabelText(app.t('channels.config.phoneNumberId'));
    expect(form.name.getAttribute('aria-invalid')).toBe('true');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([app.t('channels.problem.required'), app.t('channels.problem.required')]);
    expect(app.fake.callsOf('channels.save')).toEqual([]);
  });

  it('sends the kind, name, id, settings and secrets typed, and hands the new channel on', async () => {
    app.fake.answer('channels.save', () => whatsapp);
    const form = renderForm();
    await userEvent.selectOptions(screen.getByLabelText(app.t('channels.kind')), app.t('channel.whatsapp'));
    await userEvent.type(form.name, ' WhatsApp Support ');
    await userEvent.type(screen.getByLabelText(app.t('channels.id')), 'wa-main');
    await userEvent.type(screen.getByLabelText(app.t('channels.config.phoneNumberId')), '1234');
    await userEvent.type(screen.getByLabelText(app.t('channels.secret.accessToken')), 'EAAG-token');
    await userEvent.click(form.submit);
    await app.fake.untilCalled('channels.save');
    expect(app.fake.callsOf('channels.save')).toEqual([
      {
        op: 'create',
        channel: {
          id: 'wa-main',
          kind: 'whatsapp',
          name: 'WhatsApp Support',
          enabled: true,
          config: expect.objectContaining({ phoneNumberId: '1234' }),
          secrets: { accessToken: 'EAAG-token' },
        },
      },
    ]);
    await screen.findByRole('button', { name: app.t('channels.add') });
    expect(done).toEqual([{ saved: whatsapp, created: true }]);
  });

  it('shows a taken id as the reason, keeping what was typed', async () => {
    app.fake.failWith('channels.save', 'conflict', 'exists');
    const form = renderForm();
    await userEvent.selectOptions(screen.getByLabelText(app.t('channels.kind')), app.t('channel.telegram'));
    await userEvent.type(form.name, 'Telegram');
    await userEvent.type(screen.getByLabelText(app.t('channels.id')), 'tg');
    await userEvent.click(form.submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('channels.saveFailed', { reason: app.t('channels.idTaken') }));
    expect(form.name).toHaveProperty('value', 'Telegram');
    expect(app.fake.callsOf('channels.save')).toHaveLength(1);
    expect(done).toEqual([]);
  });
});

describe('changing a channel', () => {
  it('says a set secret is set, and that nothing changed when nothing did', async () => {
    const form = renderForm(whatsapp);
    expect(screen.getByText(app.t('channels.secretIsSet'))).toBeTruthy();
    await userEvent.click(form.submit);
    expect(screen.getByRole('status').textContent).toBe(app.t('channels.nothingChanged'));
    expect(app.fake.callsOf('channels.save')).toEqual([]);
  });

  it('sends only what changed; a refusal naming a field is shown at that field', async () => {
    app.fake.failWith('channels.save', 'bad_request', 'config.phoneNumberId: unknown number', { field: 'config.phoneNumberId' });
    const form = renderForm(whatsapp);
    await userEvent.clear(form.name);
    await userEvent.type(form.name, 'WhatsApp');
    await userEvent.click(form.submit);
    await app.fake.untilCalled('channels.save');
    expect(app.fake.callsOf('channels.save')).toEqual([{ op: 'update', id: 'wa-main', changes: { name: 'WhatsApp' } }]);
    const phone = screen.getByLabelText(app.t('channels.config.phoneNumberId'));
    await screen.findByRole('alert');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(form.name).toHaveProperty('value', 'WhatsApp');
  });

  it('says which platform rule a secret breaks, before sending and when the server refuses it', async () => {
    app = new AppUnderTest('zh-CN');
    const telegram: ChannelView = { ...whatsapp, id: 'tg', kind: 'telegram', name: 'Telegram', config: {}, secretsSet: ['botToken', 'webhookSecret'] };
    const form = renderForm(telegram);
    const secret = screen.getByTestId('channel-field-secrets.webhookSecret');
    await userEvent.type(secret, 'has spaces');
    await userEvent.click(form.submit);
    expect(screen.getByTestId('channel-problem-secrets.webhookSecret').textContent).toBe(app.t('channels.problem.telegramSecretToken'));
    expect(app.fake.callsOf('channels.save')).toEqual([]);

    app.fake.failWith('channels.save', 'bad_request', 'secrets.botToken: the token BotFather gave', { field: 'secrets.botToken', rule: 'telegram_bot_token' });
    await userEvent.clear(secret);
    await userEvent.type(secret, 'new_secret-1');
    await userEvent.type(screen.getByTestId('channel-field-secrets.botToken'), '12:abc');
    await userEvent.click(form.submit);
    await app.fake.untilCalled('channels.save');
    expect((await screen.findByTestId('channel-problem-secrets.botToken')).textContent).toBe(app.t('channels.problem.telegramBotToken'));
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    const form = renderForm();
    await userEvent.click(form.submit);
    expect(screen.getAllByRole('alert')[0]?.textContent).toBe(app.t('channels.problem.required'));
  });
});
