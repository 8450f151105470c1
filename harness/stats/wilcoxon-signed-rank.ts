/**
 * Two-sided Wilcoxon signed-rank test on paired differences (Wilcoxon 1945), for the interleaved
 * A/B gate: each pair is a base run and a head run measured back to back, so the machine's drift
 * cancels within a pair and the test asks only whether the differences lean one way.
 *
 * Method. Zero differences are dropped before ranking (Wilcoxon's own treatment, scipy's
 * `zero_method="wilcox"`); tied absolute differences get midranks. For up to EXACT_MAX_PAIRS
 * non-zero differences the p-value is exact: under the null hypothesis each difference is
 * positive or negative with probability ½ independently, so the distribution of T+ (the rank sum
 * of the positive differences), conditional on the observed ranks, ties included, is counted by
 * dynamic programming over the 2^n sign assignments (Hollander, Wolfe & Chicken, "Nonparametric
 * Statistical Methods", 3rd ed., §3.1; the conditional exact test of R's
 * coin::wilcoxsign_test(distribution = "exact")). Doubled midranks keep every sum an integer. The
 * two-sided p-value is 2 · min(P(T+ ≤ t), P(T+ ≥ t)), capped at 1: without ties or zeros it equals
 * scipy.stats.wilcoxon(method="exact"). More pairs use the normal approximation with the tie
 * correction of the variance and a continuity correction (scipy's method="approx", correction=True).
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { erfc } from './erfc.js';
import { doubledMidranks } from './midranks.js';

/** Non-zero differences up to this get the exact distribution (≈ 8 M additions at 200). */
export const EXACT_MAX_PAIRS = 200;

export interface WilcoxonResult {
  /** T+: the sum of the (mid)ranks of the positive differences. */
  statistic: number;
  /** Non-zero differences, the ones the test ranks. */
  n: number;
  /** Differences that were exactly zero (dropped). */
  zeros: number;
  /** Two-sided p-value; 1 when every difference is zero. */
  pValue: number;
  method: 'exact' | 'normal';
}

export function wilcoxonSignedRank(differences: readonly number[]): WilcoxonResult {
  if (differences.length === 0) throw new InvalidArgumentError('the Wilcoxon signed-rank test needs at least one pair');
  if (differences.some((d) => !Number.isFinite(d))) throw new InvalidArgumentError('the Wilcoxon signed-rank test needs finite differences');
  const nonZero = differences.filter((d) => d !== 0);
  const zeros = differences.length - nonZero.length;
  const n = nonZero.length;
  const method = n <= EXACT_MAX_PAIRS ? 'exact' : 'normal';
  if (n === 0) return { statistic: 0, n, zeros, pValue: 1, method };
  const { doubledRanks, tieSizes } = doubledMidranks(nonZero.map(Math.abs));
  const doubledPlus = doubledRanks.reduce((sum, rank, i) => ((nonZero[i] ?? 0) > 0 ? sum + rank : sum), 0);
  const pValue = method === 'exact' ? exactPValue(doubledRanks, doubledPlus) : normalPValue(doubledPlus / 2, n, tieSizes);
  return { statistic: doubledPlus / 2, n, zeros, pValue, method };
}

/**
 * The smallest two-sided p-value n non-zero pairs can give (every difference of one sign, no
 * ties): 2 / 2^n. When it is not below alpha, no change, however large, can be significant.
 */
export function smallestPairedPValue(n: number): number {
  return Math.min(1, 2 ** (1 - n));
}

/** The fewest pairs with which the test can reach p < alpha (6 at 0.05, 8 at 0.01). */
export function minimumPairs(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new InvalidArgumentError(`alpha must be between 0 and 1, got ${alpha}`);
  let n = 1;
  while (smallestPairedPValue(n) >= alpha) n++;
  return n;
}

function exactPValue(doubledRanks: readonly number[], observed: number): number {
  const maxSum = doubledRanks.reduce((sum, r) => sum + r, 0);
  // ways[s]: sign assignments of the ranks seen so far whose positive doubled ranks sum to s.
  const ways = new Float64Array(maxSum + 1);
  ways[0] = 1;
  let reach = 0;
  for (const rank of doubledRanks) {
    reach += rank;
    // Downwards so each rank is counted at most once per assignment (0/1 knapsack).
    for (let s = reach; s >= rank; s--) ways[s] = (ways[s] ?? 0) + (ways[s - rank] ?? 0);
  }
  let total = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let s = 0; s <= maxSum; s++) {
    const count = ways[s] ?? 0;
    total += count;
    if (s <= observed) atOrBelow += count;
    if (s >= observed) atOrAbove += count;
  }
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / total);
}

function normalPValue(statistic: number, n: number, tieSizes: readonly number[]): number {
  const mean = (n * (n + 1)) / 4;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0);
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return 1;
  const z = Math.max(0, Math.abs(statistic - mean) - 0.5) / Math.sqrt(variance);
  return Math.min(1, erfc(z / Math.SQRT2));
}
