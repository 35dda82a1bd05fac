import { describe, expect, it } from 'vitest';
import { telegramCall } from './telegram-sender';
import { parseTelegramUpdate } from './telegram-payload';
import { surveyChoices } from '../../domain/csat/survey-buttons';

describe('Telegram replies', () => {
  const picks = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Option ${i + 1}`, reply: `Option ${i + 1}` }));

  it('sends picks as a Telegram inline keyboard, with callback_data within 64 bytes', () => {
    const long = '退'.repeat(30);
    expect(telegramCall('42', 'Did you mean?', null, [...picks(1), { title: long, reply: long }])).toEqual({
      method: 'sendMessage',
      params: {
        chat_id: 42, text: 'Did you mean?',
        reply_markup: { inline_keyboard: [[{ text: 'Option 1', callback_data: 'Option 1' }], [{ text: long, callback_data: '2' }]] },
      },
    });
  });
});

describe('satisfaction surveys on Telegram', () => {
  const token = 'Q2hhbmdlTWVQbGVhc2Uw';
  const press = (data: string) => ({
    update_id: 1,
    callback_query: { id: 'q1', from: { id: 7, first_name: 'Lena' }, message: { message_id: 3, chat: { id: 7, type: 'private' } }, data },
  });

  it('sends the five ratings as an inline keyboard whose callback data names the survey and the rating', () => {
    const { params } = telegramCall('42', '您满意吗？', null, surveyChoices(token, 'zh'));
    const keyboard = (params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.text)).toEqual(['★★★★★ 非常满意', '★★★★ 满意', '★★★ 一般', '★★ 不满意', '★ 非常不满意']);
    expect(keyboard.map((b) => b.callback_data)).toEqual([5, 4, 3, 2, 1].map((n) => `csat:${token}:${n}`));
  });

  it('reads a pressed survey button as an answer to acknowledge, not as a message', () => {
    expect(parseTelegramUpdate(press(`csat:${token}:3`))).toEqual({
      ok: true, message: null, callbackQueryId: 'q1', surveyAnswer: { token, rating: 3, sourceId: 'callback:q1' },
    });
    expect(parseTelegramUpdate(press('Talk to an agent'))).toMatchObject({ ok: true, message: { body: 'Talk to an agent' }, callbackQueryId: 'q1' });
  });
});
