import { describe, expect, it } from 'vitest';
import { isUpset, sentimentOf } from './sentiment';

describe('sentiment of a customer message', () => {
  it('finds abuse and fury in Chinese and English clearly upset', () => {
    for (const text of ['骗子 垃圾店 再也不买了', 'this is the worst service ever, you people are useless', '太气人了', 'SCAM!!']) {
      expect(isUpset(sentimentOf(text)), text).toBe(true);
    }
  });

  it('does not take a reported fault or mild venting for an upset customer', () => {
    for (const text of ['收到的杯子碎了', 'my item arrived broken', '质量太差了开线了', '昨天买的今天便宜了20 气死', '都两天了还不发货？？']) {
      expect(isUpset(sentimentOf(text)), text).toBe(false);
    }
  });

  it('turns feelings around after a negation and scores thanks as positive', () => {
    expect(sentimentOf('不满意').score).toBeLessThan(0);
    expect(sentimentOf('not happy at all').score).toBeLessThan(0);
    expect(sentimentOf('not bad').score).toBeGreaterThan(0);
    expect(sentimentOf('谢谢，很满意').score).toBeGreaterThan(0.5);
    expect(sentimentOf('thanks, that was really helpful').score).toBeGreaterThan(0.5);
  });

  it('stays between -1 and 1 and names the words it used', () => {
    const s = sentimentOf('垃圾 骗子 黑店 坑人 恶心 去死');
    expect(s.score).toBeGreaterThanOrEqual(-1);
    expect(s.score).toBeLessThan(-0.99);
    expect(s.hits).toEqual(expect.arrayContaining(['垃圾', '骗子']));
    expect(sentimentOf('').score).toBe(0);
  });
});
