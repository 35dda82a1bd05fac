import { describe, expect, it } from 'vitest';
import { highlight, markerOf, snippet } from './highlight';
import { KnowledgeIndex } from './knowledge-index';
import { prepareQuery } from './query';

const index = new KnowledgeIndex([{ id: 'a', lang: 'zh', title: '退款多久到账', body: 'x', category: '', tags: [], questions: [] }]);
const marked = (pieces: { text: string; match: boolean }[]) => pieces.filter((p) => p.match).map((p) => p.text);

describe('search highlights', () => {
  it('mark the Chinese pairs and English words of the query, as written', () => {
    const marker = markerOf(prepareQuery(index, '退款 shipping', 'zh'));
    expect(marked(highlight('退款多久到账', marker))).toEqual(['退款']);
    expect(marked(highlight('Items are SHIPPED within 24 hours', marker))).toEqual(['SHIPPED']);
    expect(highlight('退款多久到账', marker).map((p) => p.text).join('')).toBe('退款多久到账');
  });

  it('mark single characters of a one-character query, and traditional forms of simplified ones', () => {
    expect(marked(highlight('開發票', markerOf(prepareQuery(index, '票', 'zh'))))).toEqual(['票']);
    expect(marked(highlight('退款說明', markerOf(prepareQuery(index, '退款', 'zh'))))).toEqual(['退款']);
  });

  it('cut a long body around its matches', () => {
    const body = `${'很长的说明。'.repeat(40)}退款会原路退回。${'其他内容。'.repeat(40)}`;
    const cut = snippet(body, markerOf(prepareQuery(index, '退款', 'zh')), 60);
    expect(cut[0]).toEqual({ text: '…', match: false });
    expect(cut[cut.length - 1]).toEqual({ text: '…', match: false });
    expect(marked(cut)).toContain('退款');
  });
});
