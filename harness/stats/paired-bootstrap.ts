/**
 * Percentile bootstrap confidence interval of the median of per-pair ratios (head ÷ base of pair
 * i), as a relative change in percent: the A/B gate's estimate of how much the head moved a metric.
 *
 * Method (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13, the percentile
 * interval; what is resampled are the independent units, here whole pairs, never the two sides
 * apart, ch. 8): draw n pairs with replacement, take the median of their ratios, repeat, and read
 * the (1 − level)/2 and (1 + level)/2 quantiles. Resampling whole pairs keeps what pairing bought: the drift a pair's two
 * runs shared has already cancelled in its ratio. The PRNG is seeded (common/seeded-random.ts), so
 * the same pairs always print the same interval.
 */
import { checkNumber } from '../../common/check-number.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { quantileSorted } from '../../common/quantile.js';
import { mulberry32 } from '../../common/seeded-random.js';
import type { BootstrapOptions, ChangeInterval } from './bootstrap.js';

export function bootstrapMedianRatioInterval(ratios: readonly number[], options: BootstrapOptions = {}): ChangeInterval {
  const resamples = options.resamples ?? 5000;
  const level = options.level ?? 0.95;
  checkNumber('bootstrap resamples', resamples, { min: 100, integer: true });
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`confidence level must be between 0 and 1, got ${level}`);
  if (ratios.length === 0) throw new InvalidArgumentError('the paired bootstrap needs at least one pair');
  if (ratios.some((ratio) => !(ratio > 0 && Number.isFinite(ratio)))) throw new InvalidArgumentError('the paired bootstrap needs positive, finite ratios');
  const random = mulberry32(options.seed ?? 1);
  const medians = new Float64Array(resamples);
  const scratch = new Float64Array(ratios.length);
  for (let i = 0; i < resamples; i++) {
    for (let j = 0; j < scratch.length; j++) scratch[j] = ratios[Math.floor(random() * ratios.length)] ?? Number.NaN;
    scratch.sort();
    medians[i] = quantileSorted(scratch, 0.5);
  }
  medians.sort();
  return {
    lowPct: (quantileSorted(medians, (1 - level) / 2) - 1) * 100,
    highPct: (quantileSorted(medians, (1 + level) / 2) - 1) * 100,
  };
}
