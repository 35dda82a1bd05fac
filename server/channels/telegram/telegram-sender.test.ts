import { describe, expect, it } from 'vitest';
import { telegramCall } from './telegram-sender';

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
