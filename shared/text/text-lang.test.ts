import { describe, expect, it } from 'vitest';
import { textLang } from './text-lang';

describe('the language a customer wrote in', () => {
  it('reads Chinese from any Han character, English from Latin letters, nothing from neither', () => {
    expect(textLang('我的订单到哪了 order 123')).toBe('zh');
    expect(textLang('Where is my order?')).toBe('en');
    expect(textLang('👍 123')).toBeNull();
  });
});
