import { describe, expect, it } from 'vitest';
import { contactTagGroups, flattenTagGroups, reconcileTagGroups, tagListSchema, unionTagGroups, uniqueTags } from './tag-groups';

describe('tags in three groups', () => {
  it('flattens basic, behaviour and need into one list, each tag once', () => {
    expect(flattenTagGroups({ basic: ['vip', '回头客'], behaviour: ['night owl'], need: ['VIP', 'invoice'] })).toEqual([
      'vip',
      '回头客',
      'night owl',
      'invoice',
    ]);
  });

  it('puts tags written before groups existed into basic', () => {
    expect(reconcileTagGroups(['vip', 'wholesale'], null)).toEqual({ basic: ['vip', 'wholesale'], behaviour: [], need: [] });
    expect(reconcileTagGroups(['vip', 'returns often'], { basic: [], behaviour: ['returns often'], need: 'oops' })).toEqual({
      basic: ['vip'],
      behaviour: ['returns often'],
      need: [],
    });
    expect(contactTagGroups({ tags: ['new'] })).toEqual({ basic: ['new'], behaviour: [], need: [] });
  });

  it('cleans what an agent typed: trimmed, blanks refused, each tag once whatever its case', () => {
    expect(uniqueTags([' vip ', 'VIP', '', '大客户'])).toEqual(['vip', '大客户']);
    expect(tagListSchema.parse(['gift wrap', 'Gift wrap'])).toEqual(['gift wrap']);
    expect(tagListSchema.safeParse(['   ']).success).toBe(false);
    expect(tagListSchema.safeParse(['x'.repeat(41)]).success).toBe(false);
  });

  it('keeps every tag of both contacts when they merge', () => {
    expect(unionTagGroups({ basic: ['vip'], behaviour: [], need: ['refund'] }, { basic: ['VIP', 'new'], behaviour: ['mobile'], need: [] })).toEqual({
      basic: ['vip', 'new'],
      behaviour: ['mobile'],
      need: ['refund'],
    });
  });
});
