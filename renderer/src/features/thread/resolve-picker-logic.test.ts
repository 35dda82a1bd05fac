import { describe, expect, it } from 'vitest';
import type { ConversationTag } from '../../../../shared/conversation-tags';
import { choiceProblem, chosenTagIds, headerTags, initialChoice, pickerOptions, resolveAsks } from './resolve-picker-logic';

const tag = (id: string, kind: ConversationTag['kind'], extra: Partial<ConversationTag> = {}): ConversationTag => ({ id, name: id, kind, colour: null, archived: false, position: 0, ...extra });
const tags = [
  tag('billing', 'reason', { position: 2 }),
  tag('delivery', 'reason', { position: 1 }),
  tag('old-reason', 'reason', { archived: true }),
  tag('solved', 'outcome'),
  tag('vip', 'other'),
];

describe('the resolve picker', () => {
  it('starts from the reason and outcome already on the conversation', () => {
    expect(initialChoice(tags, ['vip', 'old-reason', 'solved'])).toEqual({ reasonId: 'old-reason', outcomeId: 'solved' });
    expect(initialChoice(tags, [])).toEqual({ reasonId: '', outcomeId: '' });
  });

  it('offers active tags in their order, and an archived one only while it is the choice', () => {
    expect(pickerOptions(tags, 'reason', '').map((t) => t.id)).toEqual(['delivery', 'billing']);
    expect(pickerOptions(tags, 'reason', 'old-reason').map((t) => t.id)).toEqual(['delivery', 'billing', 'old-reason']);
  });

  it('keeps the other tags and replaces the reason and outcome', () => {
    expect(chosenTagIds(tags, ['vip', 'old-reason'], { reasonId: 'billing', outcomeId: 'solved' })).toEqual(['vip', 'billing', 'solved']);
    expect(chosenTagIds(tags, ['billing'], { reasonId: '', outcomeId: '' })).toEqual([]);
  });

  it('asks for an outcome only when the account requires one', () => {
    expect(choiceProblem({ requireOutcome: true }, { reasonId: 'billing', outcomeId: '' })).toBe('outcome');
    expect(choiceProblem({ requireOutcome: true }, { reasonId: '', outcomeId: 'solved' })).toBeNull();
    expect(choiceProblem({ requireOutcome: false }, { reasonId: '', outcomeId: '' })).toBeNull();
  });

  it('resolves at once when there is nothing to choose', () => {
    expect(resolveAsks([tag('vip', 'other'), tag('gone', 'outcome', { archived: true })], { requireOutcome: false })).toBe(false);
    expect(resolveAsks(tags, { requireOutcome: false })).toBe(true);
    expect(resolveAsks([], { requireOutcome: true })).toBe(true);
  });

  it('names the tags in the header, archived ones too', () => {
    expect(headerTags(tags, ['old-reason', 'unknown', 'solved']).map((t) => t.id)).toEqual(['old-reason', 'solved']);
    expect(headerTags(tags, undefined)).toEqual([]);
  });
});
