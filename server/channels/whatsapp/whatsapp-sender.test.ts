import { describe, expect, it } from 'vitest';
import { attachment } from '../framework/describe';
import { whatsappMessageBody } from './whatsapp-sender';
import { parseWhatsAppWebhook } from './whatsapp-payload';

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
    expect(other).toEqual({ ok: true, events: { messages: [], numberChanges: [], statuses: [], skipped: 1 } });
    const reaction = parseWhatsAppWebhook(payload('111', { type: 'reaction', reaction: { message_id: 'w0', emoji: '👍' } }), '111');
    expect(reaction).toMatchObject({
      ok: true, events: { messages: [{ body: '[Reaction 👍]', quotedExternalId: 'w0', channelDetails: { reaction: { emoji: '👍' } } }] },
    });
    expect(parseWhatsAppWebhook({ object: 'page', entry: [] }, '111')).toMatchObject({ ok: false });
  });
});
