import { describe, expect, it } from 'vitest';
import { botForm } from './bot-form';
import { detectLanguage } from './language';

describe("the bot's text form", () => {
  it('folds full-width letters, digits and punctuation and lower-cases', () => {
    expect(botForm('ＷＨＥＲＥ ＩＳ ＭＹ ＯＲＤＥＲ？１２３')).toBe('where is my order?123');
  });

  it('reads traditional characters as simplified', () => {
    expect(botForm('發票怎麼開')).toBe('发票怎么开');
  });

  it('spells colloquial Chinese the standard way', () => {
    expect(botForm('咋退货啊')).toBe('怎么退货啊');
    expect(botForm('啥时候发货')).toBe('什么时候发货');
    expect(botForm('能退不')).toBe('能退吗');
  });
});

describe('the language a customer writes in', () => {
  it('is Chinese when Han characters outweigh Latin words, English otherwise', () => {
    expect(detectLanguage('我的order什么时候到')).toBe('zh');
    expect(detectLanguage('where is my 订单')).toBe('en');
    expect(detectLanguage('how long do refunds take')).toBe('en');
    expect(detectLanguage('退款')).toBe('zh');
  });

  it('is unknown for digits and emoji alone', () => {
    expect(detectLanguage('1')).toBeNull();
    expect(detectLanguage('👍')).toBeNull();
  });
});
