import { describe, expect, it } from 'vitest';
import { decide } from './policy';

const t = { answer: 0.5, floor: 0.42, margin: 0.06, lead: Infinity, maxChoices: 3 };
const c = (...confidences: number[]) => confidences.map((confidence, i) => ({ id: `a${i}`, confidence }));

describe('the threshold rule', () => {
  it('answers a confident candidate that stands alone', () => {
    expect(decide(c(0.8, 0.3), t)).toMatchObject({ kind: 'answer', best: { id: 'a0' } });
  });

  it('asks which one is meant when sure candidates are close, offering at most three', () => {
    expect(decide(c(0.7, 0.66), t)).toMatchObject({ kind: 'clarify', sure: true, options: [{ id: 'a0' }, { id: 'a1' }] });
    const many = decide(c(0.7, 0.69, 0.68, 0.67), t);
    expect(many.kind === 'clarify' && many.options.map((o) => o.id)).toEqual(['a0', 'a1', 'a2']);
  });

  it('offers the plausible candidates when none is sure, even a single one', () => {
    expect(decide(c(0.45, 0.2), t)).toMatchObject({ kind: 'clarify', sure: false, options: [{ id: 'a0' }] });
    expect(decide(c(0.48, 0.44, 0.43, 0.42), t)).toMatchObject({ kind: 'clarify', options: [{ id: 'a0' }, { id: 'a1' }, { id: 'a2' }] });
  });

  it('misses below the floor', () => {
    expect(decide(c(0.3, 0.29), t).kind).toBe('miss');
    expect(decide([], t).kind).toBe('miss');
  });
});

describe('a candidate far ahead of the rest', () => {
  it('is answered below the answer threshold when it leads the second by the lead factor', () => {
    const lead = { answer: 0.5, floor: 0.3, margin: 0.06, lead: 2, maxChoices: 3 };
    expect(decide(c(0.4, 0.15), lead)).toMatchObject({ kind: 'answer', best: { id: 'a0' } });
    expect(decide(c(0.4, 0.3), lead).kind).toBe('clarify');
  });
});
