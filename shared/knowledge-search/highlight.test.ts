import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './highlight';
import { analyzeQuery } from './analyzer';

const units = (query: string) => analyzeQuery(query).units;
const marked = (pieces: { text: string; match: boolean }[]) => pieces.filter((p) => p.match).map((p) => p.text);

describe('search highlighting', () => {
  it('cuts a text into pieces that put it back together, with the matches marked', () => {
    const pieces = highlight('退款政策与退款时间', units('退款'));
    expect(pieces).toEqual([
      { text: '退款', match: true },
      { text: '政策与', match: false },
      { text: '退款', match: true },
      { text: '时间', match: false },
    ]);
  });

  it('marks the original characters of folded matches: traditional, full-width, upper case', () => {
    expect(marked(highlight('退貨與運費', units('退货 运费')))).toEqual(['退貨', '運費']);
    expect(marked(highlight('ＲＥＦＵＮＤ policy', units('refund')))).toEqual(['ＲＥＦＵＮＤ']);
  });

  it('marks whole words that start with a query word, never the middle of a word', () => {
    expect(marked(highlight('Shipping and relationship: we ship fast', units('ship')))).toEqual(['Shipping', 'ship']);
    expect(marked(highlight('订单ID 12345', units('id')))).toEqual(['ID']);
  });

  it('marks text as text: markup in an article stays plain characters', () => {
    const pieces = highlight('<b>退款</b>', units('退款'));
    expect(pieces).toEqual([
      { text: '<b>', match: false },
      { text: '退款', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('takes the passage with the most matches from a long text', () => {
    const text = `${'无关内容。'.repeat(40)}退款在三个工作日内退回，退款进度可在订单中查看。${'其他。'.repeat(40)}`;
    const pieces = snippet(text, units('退款'), 60);
    expect(marked(pieces)).toEqual(['退款', '退款']);
    expect(pieces[0]).toEqual({ text: '…', match: false });
    expect(pieces.at(-1)).toEqual({ text: '…', match: false });
  });

  it('takes the start of the text when nothing matches, and a short text whole', () => {
    expect(snippet('短文本', units('退款'))).toEqual([{ text: '短文本', match: false }]);
    const long = snippet('开头'.repeat(100), units('退款'), 20);
    expect(long[0]!.text.startsWith('开头')).toBe(true);
    expect(long.at(-1)).toEqual({ text: '…', match: false });
  });
});

describe('search highlights as the server showed them', () => {
  it('mark the Chinese pairs and English words of the query, as written', () => {
    expect(marked(highlight('退款多久到账', units('退款 shipping')))).toEqual(['退款']);
    expect(marked(highlight('Items are SHIPPED within 24 hours', units('退款 shipping')))).toEqual(['SHIPPED']);
    expect(highlight('退款多久到账', units('退款 shipping')).map((p) => p.text).join('')).toBe('退款多久到账');
  });

  it('mark single characters of a one-character query, and traditional forms of simplified ones', () => {
    expect(marked(highlight('開發票', units('票')))).toEqual(['票']);
    expect(marked(highlight('退款說明', units('退款')))).toEqual(['退款']);
  });
});
