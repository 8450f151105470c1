import { describe, expect, it } from 'vitest';
import { compareResults } from '../harness/compare/compare-results.js';
import { mulberry32 } from '../common/seeded-random.js';
import { makeCompareResults, noisySamples } from './helpers/compare-results.js';

/**
 * Shared CI runners move timings by 5–15 % between jobs on their own. Here both sides of every
 * pair come from ONE distribution (10 % spread), so every flag raised is a false alarm; we count
 * them over many pairs, at the run counts a bench really has (5–10 per side).
 */
const PAIRS = 500;
const ALPHA = 0.05;
const SPREAD = 0.1;

interface Pair {
  baseline: number[];
  current: number[];
}

function drawPairs(seed: number): Pair[] {
  const random = mulberry32(seed);
  return Array.from({ length: PAIRS }, () => {
    const m = 5 + Math.floor(random() * 6);
    const n = 5 + Math.floor(random() * 6);
    return { baseline: noisySamples(random, m, 1000, SPREAD), current: noisySamples(random, n, 1000, SPREAD) };
  });
}

function flaggedRate(pairs: Pair[], thresholdPct: number): number {
  let flagged = 0;
  for (const { baseline, current } of pairs) {
    const comparison = compareResults(makeCompareResults({ 'promise-pool@10': { durationMs: baseline } }), makeCompareResults({ 'promise-pool@10': { durationMs: current } }), {
      metrics: ['durationMs'],
      alpha: ALPHA,
      thresholdPct,
      resamples: 200,
    });
    if (comparison.rows.some((row) => row.verdict !== 'no change')) flagged++;
  }
  return flagged / pairs.length;
}

describe('compare on noise alone', () => {
  const pairs = drawPairs(2024);

  it(`flags fewer than alpha (${ALPHA}) of ${PAIRS} same-distribution pairs at the default 10 % threshold`, () => {
    const rate = flaggedRate(pairs, 10);
    expect(rate).toBeLessThan(ALPHA);
  });

  it('keeps the rank test itself near its level even with no threshold at all', () => {
    // The exact test is conservative (discrete p-values), so its false-alarm rate is at most
    // alpha in expectation; 500 draws leave a binomial standard error of about 1 point.
    const rate = flaggedRate(pairs, 0);
    expect(rate).toBeLessThan(ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / PAIRS));
  });

  it('does far better than a fixed-percentage tracker, which would cry wolf on this noise', () => {
    // What many trackers do: flag whenever the medians differ by more than 10 %.
    const median = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    };
    const naive = pairs.filter(({ baseline, current }) => Math.abs(median(current) / median(baseline) - 1) > 0.1).length / PAIRS;
    expect(naive).toBeGreaterThan(2 * flaggedRate(pairs, 10));
    expect(naive).toBeGreaterThan(ALPHA);
  });
});
