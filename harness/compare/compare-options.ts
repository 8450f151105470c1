/**
 * Options of a comparison, their defaults, and their one-time validation.
 */
import { checkNumber } from '../../common/check-number.js';
import { InvalidArgumentError } from '../../common/errors.js';
import type { MetricName } from '../results/results.js';
import { COMPARE_METRICS } from './compare-metrics.js';

/** The accepted range of the comparison's whole-number options. */
export const COMPARE_LIMITS = {
  resamples: { min: 100, max: 1_000_000, integer: true },
  seed: { min: 0, max: 4_294_967_295, integer: true },
} as const;

/** A value for every metric, or a map of some metrics to values (the rest take the default). */
export type PerMetric<T> = T | Partial<Record<MetricName, T>>;

export interface CompareOptions {
  /** Metrics to compare, in display order. @default ['durationMs', 'cpuMs', 'peakRssBytes'] */
  metrics?: MetricName[];
  /**
   * Smallest change of the median, in percent, that counts as a regression or an improvement even
   * when significant. Shared CI runners move timings by 5–15 % on their own; 10 % keeps that noise
   * from raising alarms while catching real slowdowns. @default 10 (every metric)
   */
  thresholdPct?: PerMetric<number>;
  /** Significance level of the two-sided Mann-Whitney U test. @default 0.05 (every metric) */
  alpha?: PerMetric<number>;
  /** Bootstrap resamples for the confidence interval of the change. @default 5000 */
  resamples?: number;
  /** Confidence level of the interval of the change. @default 0.95 */
  confidenceLevel?: number;
  /** Seed of the bootstrap's PRNG, so the same files always give the same output. @default 1 */
  seed?: number;
}

/** CompareOptions with every default applied and every per-metric value spelled out. */
export interface ResolvedCompareOptions {
  metrics: MetricName[];
  thresholdPct: Record<MetricName, number>;
  alpha: Record<MetricName, number>;
  resamples: number;
  confidenceLevel: number;
  seed: number;
}

export const DEFAULT_METRICS: readonly MetricName[] = ['durationMs', 'cpuMs', 'peakRssBytes'];
export const DEFAULT_THRESHOLD_PCT = 10;
export const DEFAULT_ALPHA = 0.05;

export function resolveCompareOptions(options: CompareOptions = {}): ResolvedCompareOptions {
  const metrics = options.metrics ?? [...DEFAULT_METRICS];
  if (metrics.length === 0) throw new InvalidArgumentError('no metric to compare; give at least one (e.g. --metric wall)');
  for (const metric of metrics) {
    if (!(metric in COMPARE_METRICS)) throw new InvalidArgumentError(`unknown metric "${metric}"`);
  }
  const thresholdPct = spread(options.thresholdPct, DEFAULT_THRESHOLD_PCT, (value, metric) => {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError(`threshold for ${metric} must be a percentage ≥ 0, got ${value}`);
    }
  });
  const alpha = spread(options.alpha, DEFAULT_ALPHA, (value, metric) => {
    if (!(value > 0 && value < 1)) throw new InvalidArgumentError(`alpha for ${metric} must be between 0 and 1, got ${value}`);
  });
  const resamples = options.resamples ?? 5000;
  checkNumber('resamples', resamples, COMPARE_LIMITS.resamples);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new InvalidArgumentError(`confidence level must be between 0 and 1, got ${confidenceLevel}`);
  }
  const seed = options.seed ?? 1;
  checkNumber('seed', seed, COMPARE_LIMITS.seed);
  return { metrics: [...new Set(metrics)], thresholdPct, alpha, resamples, confidenceLevel, seed };
}

function spread(value: PerMetric<number> | undefined, fallback: number, check: (value: number, metric: MetricName) => void): Record<MetricName, number> {
  const names = Object.keys(COMPARE_METRICS) as MetricName[];
  const result = {} as Record<MetricName, number>;
  for (const metric of names) {
    const chosen = typeof value === 'number' ? value : (value?.[metric] ?? fallback);
    check(chosen, metric);
    result[metric] = chosen;
  }
  if (typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (!(key in COMPARE_METRICS)) throw new InvalidArgumentError(`unknown metric "${key}" in per-metric options`);
    }
  }
  return result;
}
