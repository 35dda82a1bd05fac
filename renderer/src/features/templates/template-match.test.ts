import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/domain';
import { bareShortcut, matchTemplates, subsequenceScore } from './template-match';

const reply = (id: string, shortcut: string, title: string, body: string, category = ''): Template => ({
  id, ownerId: null, lang: 'zh', shortcut, title, body, category,
});

const TEMPLATES = [
  reply('hi', '/hi', '问候', '您好，{{contact.name}}！', '问候'),
  reply('refund', 'refund', '退款说明', '退款会在 1–3 个工作日内原路退回。', '售后'),
  reply('ship', 'ship', '发货时间', '现货商品 24 小时内发货。', '物流'),
  reply('track', 'track', 'Order tracking', 'You can follow your order under "My orders".', 'Orders'),
  reply('invoice', 'fp', '发票开具', '电子发票会发到您的邮箱。', '售后'),
];

const ids = (query: string) => matchTemplates(TEMPLATES, query).map((m) => m.template.id);

describe('quick-reply fuzzy search', () => {
  it('finds a Chinese title by its pinyin initials or syllables', () => {
    expect(ids('tk')[0]).toBe('refund');
    expect(ids('tuikuan')[0]).toBe('refund');
    expect(ids('fh')[0]).toBe('ship');
    expect(ids('kuan')).toContain('refund');
  });

  it('puts a shortcut match first, whether or not it was saved with the slash', () => {
    expect(ids('hi')[0]).toBe('hi');
    expect(ids('re')[0]).toBe('refund');
    expect(bareShortcut('/hi')).toBe('hi');
  });

  it('searches titles and text, in Chinese and English, any letter case', () => {
    expect(ids('发票')[0]).toBe('invoice');
    expect(ids('原路')).toEqual(['refund']);
    expect(ids('TRACKING')[0]).toBe('track');
    expect(ids('my orders')).toEqual(['track']);
  });

  it('forgives letters left out of a word', () => {
    expect(ids('trkng')).toEqual(['track']);
    expect(subsequenceScore('tracking', 'trk')).toBeGreaterThan(subsequenceScore('tracking', 'tkg'));
    expect(subsequenceScore('track', 'z')).toBe(0);
  });

  it('needs every word of the query to match', () => {
    expect(ids('退款 发货')).toEqual([]);
  });

  it('lists every reply by category and shortcut when nothing is typed after "/"', () => {
    // Categories: Orders, 售后 (fp, refund), 物流, 问候.
    expect(ids('')).toEqual(['track', 'invoice', 'refund', 'ship', 'hi']);
  });
});

describe('the "/" picker', () => {
  const slash = (templates: readonly Template[], query: string, lang: 'zh' | 'en' | null = null) =>
    matchTemplates(templates, query, 8, { strict: true, lang }).map((m) => m.template.id);

  it('lists only replies whose shortcut starts with what was typed or whose title holds it, best first', () => {
    const templates = [...TEMPLATES, reply('hint', 'hints', 'Hints', 'Try this.'), reply('chip', 'chip', 'Chip sizes', '…')];
    expect(slash(templates, 'hi')).toEqual(['hi', 'hint']);
    expect(slash(templates, 'hi')).not.toContain('ship');
    expect(slash(templates, 'sizes')).toEqual(['chip']);
    expect(slash(templates, '原路')).toEqual([]);
    expect(slash(templates, 'tk')).toEqual(['refund']);
    // The palette still searches loosely.
    expect(matchTemplates(templates, 'hi').map((m) => m.template.id)).toContain('ship');
  });

  it('lists the customer’s language first and hides the other unless nothing else matches', () => {
    const hiEn: Template = { ...reply('hi-en', 'hi', 'Greeting', 'Hello {{contact.name}}!'), lang: 'en' };
    const thanksEn: Template = { ...reply('thanks-en', 'thanks', 'Thanks', 'Thank you!'), lang: 'en' };
    const templates = [...TEMPLATES, hiEn, thanksEn];
    expect(slash(templates, 'hi', 'en')).toEqual(['hi-en']);
    expect(slash(templates, 'hi', 'zh')).toEqual(['hi']);
    expect(slash(templates, 'thanks', 'zh')).toEqual(['thanks-en']);
    expect(slash(templates, 'hi', null).sort()).toEqual(['hi', 'hi-en']);
    expect(slash(templates, '', 'en').sort()).toEqual(['hi-en', 'thanks-en']);
  });
});
