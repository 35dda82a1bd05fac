import { describe, expect, it } from 'vitest';
import { indexForm } from '../../../shared/text/index-form';
import { lightStem } from '../../../shared/knowledge-search/analyzer';
import { planSearch } from './query';

describe('knowledge query analysis', () => {
  it('folds width, case, traditional characters and punctuation, and splits Chinese from other scripts', () => {
    expect(indexForm('iPhone退貨，運費！ＡＢＣ')).toBe(' iphone 退货 运费 abc ');
    expect(indexForm('订单ID12345')).toBe(' 订单 id12345 ');
    expect(indexForm('…')).toBe(' ');
  });

  it('sends Chinese runs of three or more characters to FTS5 as overlapping trigrams, OR\'ed', () => {
    const plan = planSearch('退款流程');
    expect(plan.match).toBe('"退款流" OR "款流程"');
    expect(plan.like).toEqual([]);
    expect(plan.fallbackLike).toEqual(['%退款%', '%款流%', '%流程%']);
    expect(plan.units.map((u) => u.text)).toEqual(['退款', '款流', '流程']);
  });

  it('sends one- and two-character Chinese terms to LIKE, since trigrams cannot find them', () => {
    expect(planSearch('退款')).toMatchObject({ match: null, like: ['%退款%'], fallbackLike: [] });
    expect(planSearch('退')).toMatchObject({ match: null, like: ['%退%'] });
    expect(planSearch('退款 运费')).toMatchObject({ match: null, like: ['%退款%', '%运费%'] });
  });

  it('anchors words at a word start: " word" in FTS5 for two letters or more, LIKE for one', () => {
    expect(planSearch('ID')).toMatchObject({ match: '" id"', like: [] });
    expect(planSearch('x')).toMatchObject({ match: null, like: ['% x%'] });
    expect(planSearch('iPhone 退货')).toMatchObject({ match: '" iphone"', like: ['%退货%'] });
  });

  it('matches words by a light stem so other forms of a word are found', () => {
    expect(lightStem('refunds')).toBe('refund');
    expect(lightStem('refunded')).toBe('refund');
    expect(lightStem('shipping')).toBe('ship');
    expect(lightStem('shipped')).toBe('ship');
    expect(lightStem('policies')).toBe('polic');
    expect(lightStem('policy')).toBe('polic');
    expect(lightStem('delivery')).toBe('deliver');
    expect(lightStem('cancellation')).toBe('cancel');
    expect(lightStem('address')).toBe('address');
    expect(lightStem('bus')).toBe('bus');
    expect(planSearch('Refunds').match).toBe('" refund"');
  });

  it('drops function words and pairs of a sentence unless nothing else is left', () => {
    const english = planSearch('Where is my package?');
    expect(english.units.map((u) => u.text)).toEqual(['package']);
    expect(planSearch('how are you').units.map((u) => u.text)).toEqual(['how', 'are', 'you']);
    const chinese = planSearch('我的订单还没到');
    expect(chinese.units.map((u) => u.text)).not.toContain('我的');
    expect(chinese.units.map((u) => u.text)).not.toContain('还没');
    expect(chinese.units.map((u) => u.text)).toContain('订单');
    expect(chinese.match).not.toContain('还没到');
    expect(planSearch('你好').units.map((u) => u.text)).toEqual(['你好']);
  });

  it('keeps the whole query for the phrase bonus and finds nothing to look up in punctuation', () => {
    expect(planSearch('退款 政策').phrase).toBe('退款 政策');
    expect(planSearch('？！').units).toEqual([]);
  });
});
