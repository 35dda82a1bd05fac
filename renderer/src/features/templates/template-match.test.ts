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
