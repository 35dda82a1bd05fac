import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, purity } from '../topic-eval/cluster-metrics';

describe('clustering scores', () => {
  it('a grouping that matches the labels scores 1 on both, whatever the cluster numbers', () => {
    expect(purity(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).toBe(1);
  });

  it('matches hand-computed figures for two labels split into three clusters', () => {
    // Clusters {a,a} {a,b} {b,b}: purity (2 + 1 + 2) / 6. Pairs together in both: 2; in the
    // clusters 3, in the labels 6, of 15: expected 3 × 6 / 15 = 1.2, maximum (3 + 6) / 2 = 4.5.
    const labels = ['a', 'a', 'a', 'b', 'b', 'b'];
    const clusters = [0, 0, 1, 1, 2, 2];
    expect(purity(labels, clusters)).toBeCloseTo(5 / 6, 10);
    expect(adjustedRandIndex(labels, clusters)).toBeCloseTo((2 - 1.2) / (4.5 - 1.2), 10);
  });

  it('a grouping that crosses the labels scores below chance', () => {
    // Clusters {a,b} {a,b}: no pair agrees; expected 2 × 2 / 6, maximum 2.
    const ari = adjustedRandIndex(['a', 'a', 'b', 'b'], [0, 1, 0, 1]);
    expect(ari).toBeCloseTo((0 - 2 / 3) / (2 - 2 / 3), 10);
    expect(purity(['a', 'a', 'b', 'b'], [0, 1, 0, 1])).toBe(0.5);
  });

  it('one cluster for everything has purity of the largest label and an adjusted Rand index of 0', () => {
    expect(purity(['a', 'a', 'a', 'b'], [0, 0, 0, 0])).toBe(0.75);
    expect(adjustedRandIndex(['a', 'a', 'a', 'b'], [0, 0, 0, 0])).toBe(0);
  });
});
