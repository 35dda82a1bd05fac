import { describe, expect, it } from 'vitest';
import { attachment } from '../framework/describe';
import { whatsappInteractive, whatsappMessageBody } from './whatsapp-sender';
import { parseWhatsAppWebhook } from './whatsapp-payload';
import { surveyChoices } from '../../domain/csat/survey-buttons';

describe('WhatsApp messages', () => {
  it('sends text, media by link and places as the Cloud API documents them', () => {
    const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234' };
    expect(whatsappMessageBody('16505551234', 'Hi', null)).toEqual({ ...envelope, type: 'text', text: { preview_url: false, body: 'Hi' } });
    expect(whatsappMessageBody('16505551234', 'Size chart', attachment({ kind: 'image', url: 'https://s.example/c.png' }))).toEqual({
      ...envelope, type: 'image', image: { link: 'https://s.example/c.png', caption: 'Size chart' },
    });
    expect(whatsappMessageBody('16505551234', '[File: a.pdf]', attachment({ kind: 'document', mediaId: '77', fileName: 'a.pdf' }))).toEqual({
      ...envelope, type: 'document', document: { id: '77', filename: 'a.pdf' },
    });
    expect(whatsappMessageBody('16505551234', '[Location]', attachment({ kind: 'location', latitude: 1.5, longitude: 2.5, label: 'Shop' }))).toEqual({
      ...envelope, type: 'location', location: { latitude: 1.5, longitude: 2.5, name: 'Shop' },
    });
  });

  it('leaves changes for another phone number alone, and keeps a reaction with the message it reacts to', () => {
    const payload = (phoneNumberId: string, message: Record<string, unknown>) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phoneNumberId }, messages: [{ from: '1', id: 'w', timestamp: '1', ...message }] } }] }],
    });
    const other = parseWhatsAppWebhook(payload('999', { type: 'text', text: { body: 'x' } }), '111');
    expect(other).toEqual({ ok: true, events: { messages: [], numberChanges: [], statuses: [], surveyAnswers: [], skipped: 1 } });
    const reaction = parseWhatsAppWebhook(payload('111', { type: 'reaction', reaction: { message_id: 'w0', emoji: '👍' } }), '111');
    expect(reaction).toMatchObject({
      ok: true, events: { messages: [{ body: '[Reaction 👍]', quotedExternalId: 'w0', channelDetails: { reaction: { emoji: '👍' } } }] },
    });
    expect(parseWhatsAppWebhook({ object: 'page', entry: [] }, '111')).toMatchObject({ ok: false });
  });
});

describe('satisfaction surveys on WhatsApp', () => {
  const token = 'Q2hhbmdlTWVQbGVhc2Uw';
  const payload = (message: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '111' }, messages: [{ from: '1', id: 'wamid.P', timestamp: '1', ...message }] } }] }],
  });

  it('sends the five ratings as one list (WhatsApp allows only 3 reply buttons), each row carrying its survey and rating', () => {
    const body = whatsappInteractive('How did we do?', surveyChoices(token, 'en'));
    expect(body).toMatchObject({ type: 'list', body: { text: 'How did we do?' }, action: { button: 'Choose' } });
    const rows = (body as { action: { sections: { rows: { id: string; title: string }[] }[] } }).action.sections[0]!.rows;
    expect(rows.map((r) => r.id)).toEqual([5, 4, 3, 2, 1].map((n) => `csat:${token}:${n}`));
    expect(rows[0]!.title).toBe('★★★★★ Very satisfied');
  });

  it('reads a picked survey row or button as an answer, never as a message; other picks stay messages', () => {
    const row = parseWhatsAppWebhook(payload({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: `csat:${token}:4`, title: '★★★★ Satisfied' } } }), '111');
    expect(row).toMatchObject({ ok: true, events: { messages: [], surveyAnswers: [{ token, rating: 4, sourceId: 'wamid.P' }] } });
    const button = parseWhatsAppWebhook(payload({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: `csat:${token}:1`, title: '★' } } }), '111');
    expect(button).toMatchObject({ ok: true, events: { surveyAnswers: [{ token, rating: 1 }] } });
    const menu = parseWhatsAppWebhook(payload({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'choice:1', title: 'Talk to an agent' } } }), '111');
    expect(menu).toMatchObject({ ok: true, events: { messages: [{ body: 'Talk to an agent' }], surveyAnswers: [] } });
    const outOfRange = parseWhatsAppWebhook(payload({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: `csat:${token}:9`, title: 'x' } } }), '111');
    expect(outOfRange).toMatchObject({ ok: true, events: { messages: [{ body: 'x' }], surveyAnswers: [] } });
  });
});

describe('bot menus as platform buttons', () => {
  const picks = (n: number, title = (i: number) => `Option ${i + 1}`) => Array.from({ length: n }, (_, i) => ({ title: title(i), reply: title(i) }));

  it('sends up to 3 picks as WhatsApp reply buttons, titles cut to 20 characters', () => {
    const long = '退货政策与运费说明（七天无理由退货，运费由谁承担）';
    expect(whatsappInteractive('您是想问？', [...picks(2), { title: long, reply: long }])).toEqual({
      type: 'button',
      body: { text: '您是想问？' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'choice:1', title: 'Option 1' } },
          { type: 'reply', reply: { id: 'choice:2', title: 'Option 2' } },
          { type: 'reply', reply: { id: 'choice:3', title: `${[...long].slice(0, 19).join('')}…` } },
        ],
      },
    });
  });

  it('sends 4 to 10 picks as a list (rows cut to 24 characters, the whole title as the description), more as plain text', () => {
    const list = whatsappInteractive('Did you mean?', picks(5, (i) => (i === 0 ? 'How long does a refund take to reach my card' : `Option ${i + 1}`)));
    expect(list).toMatchObject({ type: 'list', action: { button: 'Choose', sections: [{ rows: expect.any(Array) }] } });
    const rows = (list as { action: { sections: { rows: { id: string; title: string; description?: string }[] }[] } }).action.sections[0]!.rows;
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ id: 'choice:1', title: 'How long does a refund …', description: 'How long does a refund take to reach my card' });
    expect(rows[1]).toEqual({ id: 'choice:2', title: 'Option 2' });
    expect(whatsappInteractive('Did you mean?', picks(11))).toBeNull();
    expect(whatsappMessageBody('1', 'Pick one', null, picks(11))).toMatchObject({ type: 'text' });
    expect(whatsappInteractive('x'.repeat(1025), picks(2))).toMatchObject({ type: 'list' });
  });
});
