import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../../../shared/channels';
import {
  channelFormOf,
  channelSaveArgs,
  configOf,
  emptyChannelForm,
  refusedField,
  secretFields,
  sortChannels,
  validateChannelForm,
  webhookUrl,
  withKind,
  type ChannelForm,
} from './channel-form-logic';

function view(overrides: Partial<ChannelView> & { id: string }): ChannelView {
  return {
    kind: 'whatsapp',
    name: 'WhatsApp',
    enabled: true,
    source: 'admin',
    config: { phoneNumberId: '106540352242922' },
    secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
    webhooks: [],
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const typed = (form: ChannelForm, values: Record<string, string | boolean>, secrets: Record<string, string> = {}): ChannelForm => ({
  ...form,
  values: { ...form.values, ...values },
  secrets: { ...form.secrets, ...secrets },
});

describe('the channel form', () => {
  it('creates a WhatsApp channel with its config and the secrets typed', () => {
    const form = typed({ ...emptyChannelForm('whatsapp'), name: ' WhatsApp Sales ', id: 'wa-sales' }, { phoneNumberId: '1065', bot: true }, {
      appSecret: 's1',
      accessToken: 'EAAG',
    });
    expect(validateChannelForm(form)).toEqual({});
    expect(channelSaveArgs(form, null)).toEqual({
      op: 'create',
      channel: {
        id: 'wa-sales', kind: 'whatsapp', name: 'WhatsApp Sales', enabled: true,
        config: { phoneNumberId: '1065', bot: true }, secrets: { appSecret: 's1', accessToken: 'EAAG' },
      },
    });
  });

  it('marks each field the shared rules refuse, by the field’s own name', () => {
    const form = typed({ ...emptyChannelForm('email'), name: '', id: 'bad id!' }, {
      address: 'not-an-email', 'smtp.host': '', 'smtp.port': '70000',
    });
    expect(validateChannelForm(form)).toEqual({
      name: 'channels.problem.required',
      id: 'channels.problem.id',
      'config.address': 'channels.problem.email',
      'config.smtp.host': 'channels.problem.required',
      'config.smtp.port': 'channels.problem.port',
    });
    expect(validateChannelForm(typed({ ...emptyChannelForm('whatsapp'), name: 'WA' }, { apiBaseUrl: 'graph' })))
      .toEqual({ 'config.phoneNumberId': 'channels.problem.required', 'config.apiBaseUrl': 'channels.problem.url' });
  });

  it('checks each secret typed against its platform’s rule and says which rule', () => {
    const telegram = typed({ ...emptyChannelForm('telegram'), name: 'TG' }, {}, { botToken: 'not a token', webhookSecret: 'has space!' });
    expect(validateChannelForm(telegram)).toEqual({
      'secrets.botToken': 'channels.problem.telegramBotToken',
      'secrets.webhookSecret': 'channels.problem.telegramSecretToken',
    });
    expect(validateChannelForm(typed(telegram, {}, { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', webhookSecret: 'A-z_09'.repeat(40) }))).toEqual({});
    const wechat = typed({ ...emptyChannelForm('wechat'), name: 'WX' }, { appId: 'wx1' }, { token: 'ab', encodingAESKey: 'x'.repeat(42) });
    expect(validateChannelForm(wechat)).toEqual({ 'secrets.token': 'channels.problem.wechatToken', 'secrets.encodingAESKey': 'channels.problem.wechatAesKey' });
    expect(validateChannelForm(typed(wechat, {}, { token: 'Tok3n', encodingAESKey: 'a1'.repeat(21) + 'Z' }))).toEqual({});
    const whatsapp = typed({ ...emptyChannelForm('whatsapp'), name: 'WA' }, { phoneNumberId: '1' }, { appSecret: 'abc def\n' });
    expect(validateChannelForm(whatsapp)).toEqual({ 'secrets.appSecret': 'channels.problem.visibleAscii' });
  });

  it('sends only what changed, never a secret left empty, and keeps settings the form does not show', () => {
    const current = view({ id: 'wa-1', config: { phoneNumberId: '1065', futureSetting: 'x' } });
    const form = channelFormOf(current);
    expect(form.secrets).toEqual({});
    expect(channelSaveArgs(form, current)).toBeNull();
    expect(channelSaveArgs({ ...form, name: 'WhatsApp VIP' }, current)).toEqual({ op: 'update', id: 'wa-1', changes: { name: 'WhatsApp VIP' } });
    expect(channelSaveArgs(typed(form, {}, { accessToken: 'rotated' }), current)).toEqual({
      op: 'update', id: 'wa-1', changes: { secrets: { accessToken: 'rotated' } },
    });
    expect(channelSaveArgs(typed(form, { apiBaseUrl: 'http://127.0.0.1:9/v21.0' }), current)).toEqual({
      op: 'update', id: 'wa-1', changes: { config: { phoneNumberId: '1065', futureSetting: 'x', apiBaseUrl: 'http://127.0.0.1:9/v21.0' } },
    });
    expect(channelSaveArgs({ ...form, enabled: false }, current)).toEqual({ op: 'update', id: 'wa-1', changes: { enabled: false } });
  });

  it('writes nested settings and numbers, and removes emptied ones', () => {
    const email = typed({ ...emptyChannelForm('email'), name: 'Mail' }, {
      address: 'help@shop.test', 'smtp.host': 'smtp.shop.test', 'smtp.port': '587', 'smtp.secure': false,
    });
    expect(configOf(email)).toEqual({ address: 'help@shop.test', smtp: { host: 'smtp.shop.test', port: 587 } });
    const widget = channelFormOf(view({ id: 'w', kind: 'widget', config: { greeting: { en: 'Hi' }, bot: false } }));
    expect(widget.values).toMatchObject({ 'greeting.en': 'Hi', bot: false });
    // Emptied: the greeting goes; an unticked box that was false before stays false.
    expect(configOf(typed(widget, { 'greeting.en': '' }))).toEqual({ bot: false });
  });

  it('starts the settings over when another kind is picked', () => {
    const form = withKind(typed({ ...emptyChannelForm('whatsapp'), name: 'Bot' }, { phoneNumberId: '1' }, { appSecret: 'x' }), 'telegram');
    expect(form).toMatchObject({ kind: 'telegram', name: 'Bot', values: {}, secrets: {} });
    expect(secretFields('telegram')).toEqual([
      { name: 'botToken', label: 'channels.secret.botToken', required: true },
      { name: 'webhookSecret', label: 'channels.secret.webhookSecret', required: true },
    ]);
  });

  it('finds the field a server refusal names', () => {
    expect(refusedField({ code: 'bad_request', message: 'config: phoneNumberId: …', details: { field: 'config.phoneNumberId' } })).toBe('config.phoneNumberId');
    expect(refusedField({ code: 'bad_request', message: 'secrets: Unrecognized key', details: { field: 'secrets' } })).toBeNull();
    expect(refusedField({ code: 'conflict', message: 'exists', details: { field: 'id' } })).toBeNull();
  });

  it('gives the platform full webhook URLs and lists enabled channels first', () => {
    expect(webhookUrl('https://support.shop.test', '/webhooks/whatsapp/wa-1')).toBe('https://support.shop.test/webhooks/whatsapp/wa-1');
    expect(webhookUrl(null, '/webhooks/telegram/tg')).toBe('/webhooks/telegram/tg');
    const sorted = sortChannels([view({ id: 'b', name: 'B', enabled: false }), view({ id: 'c', name: 'C' }), view({ id: 'a', name: 'A' })]);
    expect(sorted.map((c) => c.id)).toEqual(['a', 'c', 'b']);
  });
});
