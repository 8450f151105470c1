/**
 * The A/B gate's paired statistics on known values: the Wilcoxon signed-rank test against scipy
 * (reference values computed once with scipy 1.17.1 and hard-coded: stats.wilcoxon(d,
 * method="exact") without ties; with ties or zeros the exact conditional distribution, which is
 * scipy's method=PermutationMethod(n_resamples=inf) and a brute-force count over every sign
 * assignment; method="approx", correction=True for the normal approximation), and the seeded
 * paired bootstrap of the median ratio.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapMedianRatioInterval } from '../harness/stats/paired-bootstrap.js';
import { EXACT_MAX_PAIRS, minimumPairs, smallestPairedPValue, wilcoxonSignedRank } from '../harness/stats/wilcoxon-signed-rank.js';

describe('the Wilcoxon signed-rank test', () => {
  it('matches scipy exactly without ties or zeros', () => {
    const eight = wilcoxonSignedRank([1.5, -0.3, 2.1, 0.8, 1.1, -0.2, 0.9, 1.7]);
    expect(eight).toMatchObject({ statistic: 33, n: 8, zeros: 0, method: 'exact' });
    expect(eight.pValue).toBeCloseTo(0.0390625, 12);
    const twelve = wilcoxonSignedRank([1.5, -0.3, 2.1, 0.8, 1.1, -0.2, 0.9, 1.7, -1.2, 0.4, 0.6, -0.7]);
    expect(twelve.statistic).toBe(61);
    expect(twelve.pValue).toBeCloseTo(0.09228515625, 12);
  });

  it('is symmetric: flipping every sign keeps the p-value', () => {
    const d = [1.5, -0.3, 2.1, 0.8, 1.1, -0.2, 0.9, 1.7];
    expect(wilcoxonSignedRank(d.map((x) => -x)).pValue).toBeCloseTo(wilcoxonSignedRank(d).pValue, 12);
  });

  it('drops zeros and gives ties their midrank, exactly (the conditional distribution)', () => {
    const withTies = wilcoxonSignedRank([0.02, -0.01, 0.02, 0, 0.05, 0.03, -0.02, 0.04, 0.02, 0, 0.06]);
    expect(withTies).toMatchObject({ statistic: 40.5, n: 9, zeros: 2, method: 'exact' });
    expect(withTies.pValue).toBeCloseTo(0.0390625, 12);
    // Ten equal positive differences: one tie group, all of one sign, p = 2 / 2^10.
    const allTied = wilcoxonSignedRank(Array.from({ length: 10 }, () => 0.1));
    expect(allTied.statistic).toBe(55);
    expect(allTied.pValue).toBeCloseTo(0.001953125, 12);
  });

  it('gives p = 1 when every difference is zero', () => {
    expect(wilcoxonSignedRank([0, 0, 0, 0, 0, 0])).toMatchObject({ n: 0, zeros: 6, pValue: 1 });
  });

  it('matches the normal approximation of scipy (tie and continuity corrections) beyond the exact range', () => {
    const d = [
      0.1, 0.4, -0.2, -0.8, -0.4, -0.9, 0.2, 1.4, -0.4, -0.5, 0.6, 0.5, 0.2, -0.8, 0.1, 0.8, -1.2, -0.4, -1.8, -1.2, -1.7, -0.1, -1.2, 0.4, 0.3, -0.1, -2.4, -0.4, 0.1, 0.2, -1.4, -0.4, -0.9, -0.7,
      1.2, -0.7, 0.1, 1.0, -0.5, 0, 0.2, 0.2, -1.1, 0.2, 1.5, -1.4, 1.0, 0.2, -0.5, 2.1, 0.9, -1.1, 0.2, 0.7, -0.1, 0.8, 0, 0.8, 1.5, -0.6, 0.3, -0.4, 0.2, -1.1, -0.5, -0.1, 1.0, 1.2, -1.2, -0.7, 0.7,
      -1.9, -0.4, 0, 1.4, 0.8, -0.2, -0.3, -0.2, 1.6, -0.3, -0.2, 0.5, 0, -0.1, -1.0, 0.1, -0.3, 1.3, 0.8, 0.1, 0.8, -0.2, 1.2, 0.1, 0.7, -1.2, 0.4, -1.6, -1.9, -0.2, -0.8, 0.3, 2.3, -0.7, -0.5, 0.3,
      0.6, -0.1, -0.1, 0.8, 0.6, -0.9, 0, 0.1, -1.0, 0.4, -0.8, 1.1, 0.3, 0.2, -0.5, 0, -1.9, -1.0, 0.5, -2.0, 0.9, -1.6, 0.9, -0.7, 0.9, 0.2, -1.4, 1.3, 1.5, 0, -0.2, -0.1, -0.9, 1.2, -0.4, 0, -0.7,
      -0.5, -1.2, 1.4, -0.1, 1.1, 0.1, -0.6, -0.2, -0.5, 0.1, -0.3, -0.2, -1.3, -0.7, 1.8, -0.6, -1.0, 0.4, 1.5, -1.4, -0.1, -0.5, -1.7, 0.8, 0.1, 0.2, -0.7, 0.6, -0.4, 0, -1.0, -1.1, 1.4, -0.4, 0.4,
      0.1, -0.3, -0.4, 0.7, -0.2, -0.1, 0.1, 1.3, 0.8, 0.5, -0.5, -1.3, 1.0, 1.1, 0, 0.6, 0.9, 0.9, 1.0, -0.4, 1.6, -1.1, 1.0, 0.6, 1.0, 2.0, 1.6, -1.0, -1.6, 0.9, -0.9, 0.1, 0.9, -1.5, -2.0, 0.4,
      0.1, -0.1, 0.1, -0.8, -1.4, -0.1, -0.9, -1.5, 0.6, 0, 0.5, -0.9, -0.6, -0.9, -0.8, 0.3, -0.7, 0.5, 0.4, 2.1, -1.3, 1.0, 0, 0.1, -1.3, -0.4, 0.8, 0, 0.2, -0.2, 1.3, 0.1, -2.1, -0.6, -1.9,
    ];
    const result = wilcoxonSignedRank(d);
    expect(result.n).toBeGreaterThan(EXACT_MAX_PAIRS);
    expect(result).toMatchObject({ statistic: 13144.5, n: 237, zeros: 13, method: 'normal' });
    expect(result.pValue).toBeCloseTo(0.3649776524341085, 5);
  });

  it('knows the fewest pairs that can ever be significant', () => {
    expect(smallestPairedPValue(5)).toBe(0.0625);
    expect(minimumPairs(0.05)).toBe(6);
    expect(minimumPairs(0.01)).toBe(8);
  });

  it('refuses no pairs and non-finite differences', () => {
    expect(() => wilcoxonSignedRank([])).toThrow(/at least one pair/);
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow(/finite/);
  });
});

describe('the paired bootstrap of the median ratio', () => {
  const ratios = [1.02, 0.99, 1.05, 1.01, 1.03, 0.98, 1.04, 1.02, 1.0, 1.06];

  it('is reproducible: the same pairs and seed give the same interval', () => {
    expect(bootstrapMedianRatioInterval(ratios, { seed: 7 })).toEqual(bootstrapMedianRatioInterval(ratios, { seed: 7 }));
  });

  it('holds the sample median ratio and stays within the extreme ratios', () => {
    const { lowPct, highPct } = bootstrapMedianRatioInterval(ratios);
    expect(lowPct).toBeLessThanOrEqual(2);
    expect(highPct).toBeGreaterThanOrEqual(2);
    expect(lowPct).toBeGreaterThanOrEqual(-2);
    expect(highPct).toBeLessThanOrEqual(6);
  });

  it('is a point when every pair has the same ratio', () => {
    const { lowPct, highPct } = bootstrapMedianRatioInterval([1.1, 1.1, 1.1, 1.1, 1.1, 1.1]);
    expect(lowPct).toBeCloseTo(10, 9);
    expect(highPct).toBeCloseTo(10, 9);
  });

  it('refuses ratios that are not positive', () => {
    expect(() => bootstrapMedianRatioInterval([1, 0])).toThrow(/positive/);
    expect(() => bootstrapMedianRatioInterval([])).toThrow(/at least one pair/);
  });
});
