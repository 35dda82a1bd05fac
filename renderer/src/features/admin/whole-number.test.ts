import { describe, expect, it } from 'vitest';
import { parseWholeNumber, spanParts } from './whole-number';

describe('a whole number typed into a form', () => {
  const bounds = { min: 5, max: 600 };

  it('reads digits with spaces around them', () => {
    expect(parseWholeNumber(' 30 ', bounds)).toEqual({ value: 30, problem: null });
  });

  it('says whether it is missing, not whole, or out of bounds', () => {
    expect(parseWholeNumber('  ', bounds).problem).toBe('required');
    for (const text of ['2.5', '1e3', 'ten', '3 0']) expect(parseWholeNumber(text, bounds).problem, text).toBe('notWhole');
    expect(parseWholeNumber('4', bounds).problem).toBe('range');
    expect(parseWholeNumber('601', bounds).problem).toBe('range');
    expect(parseWholeNumber('99999999999999999999', bounds).problem).toBe('range');
  });
});

describe('a span of seconds for reading', () => {
  it('names hours, minutes and seconds, leaving out the empty ones', () => {
    expect(spanParts(600)).toEqual([{ unit: 'min', n: 10 }]);
    expect(spanParts(5400)).toEqual([{ unit: 'h', n: 1 }, { unit: 'min', n: 30 }]);
    expect(spanParts(45)).toEqual([{ unit: 's', n: 45 }]);
    expect(spanParts(0)).toEqual([{ unit: 's', n: 0 }]);
  });
});
