/**
 * Two-sided Mann-Whitney U test (Wilcoxon rank-sum test) on two independent samples.
 *
 * Why this test: bench timings are skewed and have outliers (a GC pause, a noisy neighbour), and a
 * run has only 5–10 samples per configuration. A rank test needs no normality and is not moved
 * by one wild run.
 *
 * Method. Midranks are given to tied values. For small pooled samples (m + n ≤ EXACT_MAX_TOTAL)
 * the p-value is exact: the permutation distribution of the rank sum of one sample, conditional on
 * the observed ranks (ties included), is counted by dynamic programming over "how many ways can k
 * of the first i pooled ranks sum to s" (Mann & Whitney 1947; the conditional exact test for ties
 * as in Hollander, Wolfe & Chicken, "Nonparametric Statistical Methods", 3rd ed., §4.1; R's
 * coin::wilcox_test(distribution = "exact")). Doubling midranks makes every rank sum an integer.
 * The two-sided p-value is 2 · min(P(W ≤ w), P(W ≥ w)), capped at 1 — without ties this equals
 * scipy.stats.mannwhitneyu(method="exact"). Larger samples use the normal approximation with tie
 * correction and continuity correction (scipy's method="asymptotic").
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { erfc } from './erfc.js';
import { doubledMidranks } from './midranks.js';

/** Pooled sizes up to this get the exact distribution (≈ 40 M additions at 50 + 50). */
export const EXACT_MAX_TOTAL = 100;

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
}

export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new InvalidArgumentError('the Mann-Whitney test needs at least one sample on each side');
  const { doubledRanks, tieSizes } = doubledMidranks([...x, ...y]);
  const doubledRankSumX = doubledRanks.slice(0, m).reduce((sum, r) => sum + r, 0);
  const u = doubledRankSumX / 2 - (m * (m + 1)) / 2;
  const pValue = m + n <= EXACT_MAX_TOTAL ? exactPValue(doubledRanks, m, doubledRankSumX) : normalPValue(u, m, n, tieSizes);
  return { u, pValue, method: m + n <= EXACT_MAX_TOTAL ? 'exact' : 'normal' };
}

/**
 * The smallest two-sided p-value the exact test can give for sample sizes m and n (all of one
 * sample below all of the other, no ties): 2 / C(m + n, m). If this is not below alpha, no
 * difference, however large, can ever be called significant.
 */
export function smallestPossiblePValue(m: number, n: number): number {
  // C(m + n, m) as a running product; exact enough in floating point for these sizes.
  let combinations = 1;
  for (let i = 1; i <= m; i++) combinations = (combinations * (n + i)) / i;
  return Math.min(1, 2 / combinations);
}

/** The fewest samples per side (equal sizes) with which the test can reach p < alpha. */
export function minimumSamplesPerSide(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new InvalidArgumentError(`alpha must be between 0 and 1, got ${alpha}`);
  let k = 1;
  while (smallestPossiblePValue(k, k) >= alpha) k++;
  return k;
}

function exactPValue(doubledRanks: readonly number[], m: number, observed: number): number {
  const maxSum = doubledRanks.reduce((sum, r) => sum + r, 0);
  // ways[k * width + s]: subsets of size k of the ranks seen so far whose doubled rank sum is s.
  const width = maxSum + 1;
  const ways = new Float64Array((m + 1) * width);
  ways[0] = 1;
  let seen = 0;
  for (const rank of doubledRanks) {
    seen++;
    // Downwards in k so each rank is used at most once per subset (0/1 knapsack).
    for (let k = Math.min(seen, m); k >= 1; k--) {
      const row = k * width;
      const previousRow = (k - 1) * width;
      for (let s = maxSum; s >= rank; s--) {
        ways[row + s] = (ways[row + s] ?? 0) + (ways[previousRow + s - rank] ?? 0);
      }
    }
  }
  let total = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  const row = m * width;
  for (let s = 0; s <= maxSum; s++) {
    const count = ways[row + s] ?? 0;
    total += count;
    if (s <= observed) atOrBelow += count;
    if (s >= observed) atOrAbove += count;
  }
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / total);
}

function normalPValue(u: number, m: number, n: number, tieSizes: readonly number[]): number {
  const total = m + n;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0);
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return 1; // every value tied: no evidence of any difference
  const z = Math.max(0, Math.abs(u - (m * n) / 2) - 0.5) / Math.sqrt(variance);
  return Math.min(1, erfc(z / Math.SQRT2));
}
