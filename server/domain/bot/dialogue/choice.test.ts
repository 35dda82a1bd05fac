import { describe, expect, it } from 'vitest';
import { parseChoice } from './choice';

const titles = ['预售定金可以退吗', '七天无理由退货'];

describe("reading the customer's choice", () => {
  it("takes a button's title as that option, even when another title is part of it or it ends in a question mark", () => {
    expect(parseChoice('运费怎么算的', ['运费怎么算', '运费怎么算的'])).toBe(1);
    expect(parseChoice('查询快递单号', ['查询快递单', '查询快递单号'])).toBe(1);
    expect(parseChoice('如何退款？', ['如何退款？', '如何退款到银行卡？'])).toBe(0);
    expect(parseChoice('如何退款', ['如何退款？', '如何退款到银行卡？'])).toBe(0);
  });

  it('takes numbers and ordinals in Chinese and English', () => {
    expect(parseChoice('1', titles)).toBe(0);
    expect(parseChoice('２', titles)).toBe(1);
    expect(parseChoice('第二个', titles)).toBe(1);
    expect(parseChoice('选1', titles)).toBe(0);
    expect(parseChoice('the first one', titles)).toBe(0);
    expect(parseChoice('后者', titles)).toBe(1);
  });

  it('takes the title, or a reply that names one title only', () => {
    expect(parseChoice('七天无理由退货', titles)).toBe(1);
    expect(parseChoice('定金', titles)).toBe(0);
    // A button title cut to the platform's limit still names its option.
    expect(parseChoice('预售定金可…', titles)).toBe(0);
  });

  it('hears "neither" and treats anything else as a new question', () => {
    expect(parseChoice('都不是', titles)).toBe('none');
    expect(parseChoice('neither', titles)).toBe('none');
    expect(parseChoice('运费怎么算', titles)).toBeNull();
    expect(parseChoice('3', titles)).toBeNull();
  });
});
