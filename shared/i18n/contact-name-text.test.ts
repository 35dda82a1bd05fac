import { describe, expect, it } from 'vitest';
import { contactNameText } from './contact-name-text';
import { translator } from './desktop';

describe('a customer name on screen', () => {
  it('reads a made-up visitor name in the reader\'s language and leaves real names as written', () => {
    expect(contactNameText(translator('zh-CN'), 'Visitor 1234', true)).toBe('访客 1234');
    expect(contactNameText(translator('en'), 'Visitor 1234', true)).toBe('Visitor 1234');
    // Someone really called that, or another stand-in (a channel id), is not rewritten.
    expect(contactNameText(translator('zh-CN'), 'Visitor 1234', false)).toBe('Visitor 1234');
    expect(contactNameText(translator('zh-CN'), 'wxid_8812', true)).toBe('wxid_8812');
  });
});
