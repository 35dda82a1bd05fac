import { describe, expect, it } from 'vitest';
import { glossesOf, glossStems } from './dictionary';

describe('the Chinese–English dictionary, read as meanings', () => {
  it('keeps the words of short glosses, weighted by how many words share the gloss', () => {
    expect(glossStems(['to refund', 'refund'])).toEqual([{ stem: 'refund', weight: 1 }]);
    expect(glossStems(['express delivery'])).toEqual([{ stem: 'deliveri', weight: 0.5 }, { stem: 'express', weight: 0.5 }]);
  });

  it('leaves out family names, cross-references, explanations and figurative senses', () => {
    expect(glossStems(['surname Qian', 'coin', 'money'])).toEqual([{ stem: 'coin', weight: 1 }, { stem: 'monei', weight: 1 }]);
    expect(glossStems(['variant of 發票|发票[fa1 piao4]', 'used in 丁丁[zheng1 zheng1]'])).toEqual([]);
    expect(glossStems(['lit. to breathe through the same nostril (idiom); fig. two people say exactly the same thing'])).toEqual([]);
  });

  it('answers for the words customers use, and nothing for words it does not have', () => {
    expect(glossesOf('优惠券').map((g) => g.stem)).toContain('coupon');
    expect(glossesOf('发票').map((g) => g.stem)).toEqual(expect.arrayContaining(['invoic', 'receipt']));
    expect(glossesOf('不是一个词语吧')).toEqual([]);
  });
});
