import { describe, expect, it } from 'vitest';
import { sparklinePoints } from './sparkline';

describe('topic trend sparkline', () => {
  it('spreads the days over the width and puts the busiest day at the top, a quiet day at the bottom', () => {
    expect(sparklinePoints([0, 2, 4], 100, 20)).toBe('0,20 50,10 100,0');
  });

  it('draws a flat line at the bottom for a period without messages, and nothing for no days', () => {
    expect(sparklinePoints([0, 0], 60, 10)).toBe('0,10 60,10');
    expect(sparklinePoints([], 60, 10)).toBe('');
  });
});
