/**
 * What the rest of crawlbench may import from compare, listed by name.
 */
export { compareResults } from './compare-results.js';
export type { BenchIdentity, Comparison, ConfigChange, MetricComparison, SideSummary, Verdict } from './compare-results.js';
export { DEFAULT_ALPHA, DEFAULT_METRICS, DEFAULT_THRESHOLD_PCT, resolveCompareOptions } from './compare-options.js';
export type { CompareOptions, PerMetric, ResolvedCompareOptions } from './compare-options.js';
export { COMPARE_METRICS, resolveMetricName } from './compare-metrics.js';
export { COMPARISON_FORMATS } from './comparison-formats.js';
export type { ComparisonFormatName, ComparisonFormatter } from './comparison-formats.js';
export { COMPARE_USAGE, parseCompareArgs } from './parse-compare-args.js';
export { mannWhitneyU, minimumSamplesPerSide, smallestPossiblePValue } from './mann-whitney.js';
export { bootstrapMedianChangeInterval } from './bootstrap.js';
export type { ChangeInterval } from './bootstrap.js';
