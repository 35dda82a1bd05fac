import { describe, expect, it } from 'vitest';
import { maskReply } from './reply-masking';
import { compileSensitiveWords } from './sensitive-words';

const words = compileSensitiveWords([{ id: 'w1', pattern: '银行卡号', kind: 'word', action: 'mask' }]);
const none = compileSensitiveWords([]);

describe('masking a reply', () => {
  it('masks the number after a masked keyword, not only the keyword', () => {
    const result = maskReply(words, '我的银行卡号是 6222 0000 1111 2222', { maskPersonalData: false });
    expect(result.masked).toBe('我的****是 **** **** **** ****');
    expect(result.items.map((i) => [i.kind, i.text, i.masked, i.ending])).toEqual([
      ['word', '银行卡号', '****', ''],
      ['card', '6222 0000 1111 2222', '**** **** **** ****', '2222'],
    ]);
  });

  it('masks personal data with no keyword when the account setting is on', () => {
    const result = maskReply(none, '卡号 6222 0000 1111 2223，手机 13800138000', { maskPersonalData: true });
    expect(result.masked).toBe('卡号 **** **** **** ****，手机 ***********');
    expect(result.items.map((i) => [i.kind, i.ending])).toEqual([
      ['card', '2223'],
      ['mobile', '8000'],
    ]);
  });

  it('sends the reply as written when the setting is off and no keyword matched', () => {
    const result = maskReply(none, '卡号 6222 0000 1111 2223', { maskPersonalData: false });
    expect(result.masked).toBe('卡号 6222 0000 1111 2223');
    expect(result.items).toEqual([]);
  });
});
