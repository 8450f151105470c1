/**
 * Percentile bootstrap confidence interval for the relative change of the median,
 * `median(current) / median(baseline) − 1`, in percent.
 *
 * Method (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13, the percentile
 * interval; two independent samples resampled separately, §8.3): draw each side's samples with
 * replacement at its own size, take the ratio of the two resampled medians, repeat, and read the
 * (1 − level)/2 and (1 + level)/2 quantiles of those ratios. The median is used because it is what
 * the report shows and one slow run does not drag it. With 5–10 samples the interval is coarse
 * (a median can only take a few values), which is honest: it says how little the runs pin down.
 */
import { InvalidArgumentError } from '../../common/errors.js';
import { quantileSorted } from '../../common/quantile.js';
import { checkNumber } from '../../common/check-number.js';
import { mulberry32 } from '../../common/seeded-random.js';

export interface BootstrapOptions {
  /** Number of bootstrap resamples. @default 5000 */
  resamples?: number;
  /** Confidence level of the interval. @default 0.95 */
  level?: number;
  /** PRNG seed, so the same inputs always print the same interval. @default 1 */
  seed?: number;
}

/** An interval of relative change, in percent (−10 means 10 % lower than the baseline). */
export interface ChangeInterval {
  lowPct: number;
  highPct: number;
}

/**
 * @returns null when the baseline has a value ≤ 0, where a ratio is undefined (a resampled baseline
 *   median could be 0) — e.g. `startupMs` of the promise pool, which is always 0.
 */
export function bootstrapMedianChangeInterval(baseline: readonly number[], current: readonly number[], options: BootstrapOptions = {}): ChangeInterval | null {
  const resamples = options.resamples ?? 5000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 1;
  checkNumber('bootstrap resamples', resamples, { min: 100, integer: true });
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`confidence level must be between 0 and 1, got ${level}`);
  if (baseline.length === 0 || current.length === 0) {
    throw new InvalidArgumentError('the bootstrap needs at least one sample on each side');
  }
  if (baseline.some((value) => !(value > 0))) return null;

  const random = mulberry32(seed);
  const ratios = new Float64Array(resamples);
  const baselineScratch = new Float64Array(baseline.length);
  const currentScratch = new Float64Array(current.length);
  for (let i = 0; i < resamples; i++) {
    const baselineMedian = resampledMedian(baseline, baselineScratch, random);
    const currentMedian = resampledMedian(current, currentScratch, random);
    ratios[i] = currentMedian / baselineMedian;
  }
  ratios.sort();
  return {
    lowPct: (quantileSorted(ratios, (1 - level) / 2) - 1) * 100,
    highPct: (quantileSorted(ratios, (1 + level) / 2) - 1) * 100,
  };
}

function resampledMedian(values: readonly number[], scratch: Float64Array, random: () => number): number {
  for (let i = 0; i < scratch.length; i++) {
    scratch[i] = values[Math.floor(random() * values.length)] ?? Number.NaN;
  }
  scratch.sort();
  return quantileSorted(scratch, 0.5);
}
