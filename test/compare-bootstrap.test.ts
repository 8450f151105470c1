import { describe, expect, it } from 'vitest';
import { bootstrapMedianChangeInterval } from '../harness/stats/bootstrap.js';
import { mulberry32 } from '../common/seeded-random.js';
import { noisySamples } from './helpers/compare-results.js';

describe('bootstrapMedianChangeInterval', () => {
  it.each([
    // Constant samples: every resample has the same medians, so the interval is a point.
    { baseline: [100, 100, 100], current: [100, 100, 100], low: 0, high: 0 },
    { baseline: [100, 100, 100, 100], current: [130, 130, 130], low: 30, high: 30 },
    { baseline: [200, 200], current: [150, 150, 150], low: -25, high: -25 },
    // Two current values: a resampled median is 100 (p = 1/4), 150 (1/2) or 200 (1/4), so the
    // 2.5 % and 97.5 % quantiles of the ratio are exactly the extremes 0 % and +100 %.
    { baseline: [100, 100], current: [100, 200], low: 0, high: 100 },
  ])('gives [$low, $high] % for $baseline → $current', ({ baseline, current, low, high }) => {
    const interval = bootstrapMedianChangeInterval(baseline, current);
    expect(interval?.lowPct).toBeCloseTo(low, 10);
    expect(interval?.highPct).toBeCloseTo(high, 10);
  });

  it('is the same for the same seed, and another seed barely moves it', () => {
    const random = mulberry32(3);
    const baseline = noisySamples(random, 7, 1000, 0.1);
    const current = noisySamples(random, 7, 1100, 0.1);
    const first = bootstrapMedianChangeInterval(baseline, current, { seed: 5 });
    expect(bootstrapMedianChangeInterval(baseline, current, { seed: 5 })).toEqual(first);
    // With 7 samples a resampled median takes few values, so seeds often agree exactly; they must
    // at least agree within Monte Carlo noise, or 5000 resamples would be too few.
    for (const seed of [6, 7, 8]) {
      const other = bootstrapMedianChangeInterval(baseline, current, { seed });
      expect(Math.abs((other?.lowPct ?? Number.NaN) - (first?.lowPct ?? Number.NaN))).toBeLessThan(2);
      expect(Math.abs((other?.highPct ?? Number.NaN) - (first?.highPct ?? Number.NaN))).toBeLessThan(2);
    }
  });

  it('brackets the observed change of the medians, and narrows with a lower level', () => {
    const baseline = [1000, 1040, 980, 1010, 995, 1025, 1005, 990];
    const current = [1300, 1330, 1290, 1310, 1350, 1280, 1305, 1320];
    const wide = bootstrapMedianChangeInterval(baseline, current, { level: 0.95 });
    const narrow = bootstrapMedianChangeInterval(baseline, current, { level: 0.5 });
    const observed = (1307.5 / 1002.5 - 1) * 100;
    expect(wide?.lowPct).toBeLessThanOrEqual(observed);
    expect(wide?.highPct).toBeGreaterThanOrEqual(observed);
    expect(wide?.lowPct).toBeGreaterThan(20);
    expect(wide?.highPct).toBeLessThan(40);
    expect(narrow?.lowPct).toBeGreaterThanOrEqual(wide?.lowPct ?? Number.NaN);
    expect(narrow?.highPct).toBeLessThanOrEqual(wide?.highPct ?? Number.NaN);
  });

  it('covers the true change about 95 % of the time on repeated noisy draws', () => {
    // 200 experiments with a known +20 % shift; a percentile interval from 8 samples is a bit
    // narrow, so coverage well above 80 % is what the method can honestly promise.
    const random = mulberry32(11);
    let covered = 0;
    for (let i = 0; i < 200; i++) {
      const interval = bootstrapMedianChangeInterval(noisySamples(random, 8, 1000, 0.05), noisySamples(random, 8, 1200, 0.05), {
        resamples: 1000,
        seed: i,
      });
      if (interval !== null && interval.lowPct <= 20 && interval.highPct >= 20) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.8);
  });

  it('gives no interval when the baseline holds zeros (a ratio to 0 is undefined)', () => {
    expect(bootstrapMedianChangeInterval([0, 0, 0, 0], [0, 0, 0, 0])).toBeNull();
    expect(bootstrapMedianChangeInterval([0, 5, 6, 7], [5, 6, 7, 8])).toBeNull();
  });
});
