import { describe, expect, it } from 'vitest';
import { mannWhitneyU, minimumSamplesPerSide, smallestPossiblePValue } from '../harness/stats/mann-whitney.js';
import { mulberry32 } from '../common/seeded-random.js';

/** Reference values from scipy 1.17 `scipy.stats.mannwhitneyu(x, y, method="exact")` (no ties). */
const EXACT_NO_TIES: [number[], number[], number, number][] = [
  [[1, 2, 3], [4, 5, 6], 0, 0.1],
  [[1, 2, 3, 4], [5, 6, 7, 8], 0, 0.02857142857142857],
  [[19, 22, 16, 29, 24], [20, 11, 17, 12], 17, 0.1111111111111111],
  [[1.1, 2.3, 0.4, 5.5, 3.3, 2.2, 9.1], [4.4, 6.1, 7.7, 2.9, 8.8, 10.2], 8, 0.07342657342657342],
  [[101, 97, 103, 99, 105, 98, 102, 100], [104, 106, 96, 107, 108, 109, 110, 95], 17, 0.13038073038073036],
  [[1030, 1012, 990, 1051, 1008, 975, 1044, 1019, 1002, 1066], [1101, 1093, 1120, 1077, 1089], 0, 0.000666000666000666],
];

/**
 * With ties, the exact conditional test: scipy 1.17 `permutation_test((x, y), rank_sum,
 * permutation_type="independent", n_resamples=inf, alternative="two-sided")` on midranks.
 * (scipy's mannwhitneyu(method="exact") ignores ties, so it is not the reference here.)
 */
const EXACT_WITH_TIES: [number[], number[], number, number][] = [
  [[1, 2, 2, 3], [2, 3, 3, 4], 3, 0.2857142857142857],
  [[1, 1, 2, 2, 3], [2, 3, 3, 4, 4, 5], 3, 0.04329004329004329],
  [[10, 10, 10, 12, 12], [10, 12, 14, 14, 14, 14], 4.5, 0.08225108225108226],
  [[5, 5, 5], [5, 5, 5], 4.5, 1],
];

describe('mannWhitneyU', () => {
  it.each(EXACT_NO_TIES)('matches scipy exact for %j vs %j (U=%d, p=%d)', (x, y, u, p) => {
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('exact');
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it.each(EXACT_WITH_TIES)('handles ties exactly for %j vs %j (U=%d, p=%d)', (x, y, u, p) => {
    const result = mannWhitneyU(x, y);
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it('is symmetric in its two samples', () => {
    for (const [x, y] of [...EXACT_NO_TIES, ...EXACT_WITH_TIES]) {
      expect(mannWhitneyU(y, x).pValue).toBeCloseTo(mannWhitneyU(x, y).pValue, 12);
      expect(mannWhitneyU(y, x).u).toBe(x.length * y.length - mannWhitneyU(x, y).u);
    }
  });

  it('agrees with brute-force enumeration of every relabelling on small tied samples', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 40; trial++) {
      const m = 2 + Math.floor(random() * 5);
      const n = 2 + Math.floor(random() * 5);
      // Values from a tiny set, so ties are common.
      const draw = (): number => Math.floor(random() * 4);
      const x = Array.from({ length: m }, draw);
      const y = Array.from({ length: n }, draw);
      expect(mannWhitneyU(x, y).pValue).toBeCloseTo(bruteForcePValue(x, y), 12);
    }
  });

  it('uses the tie-corrected normal approximation above the exact limit (scipy asymptotic)', () => {
    const x = [
      120, 74, 104, 94, 95, 98, 80, 98, 91, 133, 102, 96, 97, 93, 89, 96, 105, 98, 110, 98, 100, 115, 105, 95, 98, 105, 119, 97, 98, 110, 91, 97, 109, 106, 101, 107, 72, 110, 90, 83, 103, 107, 96, 89,
      100, 99, 114, 107, 102, 111, 98, 91, 106, 106, 98, 92, 102, 75, 107, 105,
    ];
    const y = [
      88, 105, 94, 112, 84, 95, 111, 116, 82, 99, 107, 98, 120, 92, 108, 94, 118, 104, 100, 87, 121, 112, 112, 115, 107, 98, 96, 96, 118, 89, 98, 101, 106, 110, 92, 87, 104, 116, 112, 106, 101, 107,
      102, 112, 96, 105, 103, 109, 106, 130, 119, 119, 84, 101, 98,
    ];
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(1312.5);
    expect(result.pValue).toBeCloseTo(0.058910302535351886, 6);
  });
});

describe('smallest reachable p-value', () => {
  it('is 2 / C(m + n, m)', () => {
    expect(smallestPossiblePValue(3, 3)).toBeCloseTo(2 / 20, 12);
    expect(smallestPossiblePValue(4, 4)).toBeCloseTo(2 / 70, 12);
    expect(smallestPossiblePValue(5, 2)).toBeCloseTo(2 / 21, 12);
    expect(smallestPossiblePValue(1, 1)).toBe(1);
  });

  it('gives the fewest runs per side that can reach significance', () => {
    expect(minimumSamplesPerSide(0.05)).toBe(4); // 2/20 = 0.1 at 3, 2/70 ≈ 0.029 at 4
    expect(minimumSamplesPerSide(0.01)).toBe(5); // 2/252 ≈ 0.0079
    expect(minimumSamplesPerSide(0.1)).toBe(4); // 0.1 is not below 0.1
  });
});

/** Every way of choosing which m of the pooled values are "x", counted directly. */
function bruteForcePValue(x: number[], y: number[]): number {
  const pooled = [...x, ...y];
  const sorted = [...pooled].sort((a, b) => a - b);
  const midrank = (v: number): number => {
    const first = sorted.indexOf(v);
    const last = sorted.lastIndexOf(v);
    return (first + last) / 2 + 1;
  };
  const ranks = pooled.map(midrank);
  const observed = ranks.slice(0, x.length).reduce((s, r) => s + r, 0);
  let below = 0;
  let above = 0;
  let total = 0;
  const choose = (start: number, left: number, sum: number): void => {
    if (left === 0) {
      total++;
      if (sum <= observed + 1e-9) below++;
      if (sum >= observed - 1e-9) above++;
      return;
    }
    for (let i = start; i <= ranks.length - left; i++) choose(i + 1, left - 1, sum + (ranks[i] ?? 0));
  };
  choose(0, x.length, 0);
  return Math.min(1, (2 * Math.min(below, above)) / total);
}
