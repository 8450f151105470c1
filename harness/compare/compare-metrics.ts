/**
 * The metrics compare knows: their short CLI names, which direction is worse, and their unit.
 *
 * NOTE: keys are `MetricName`s from harness/results.ts; a metric added there gets a line here.
 */
import { InvalidArgumentError } from '../../common/errors.js';
import type { MetricName } from '../results/results.js';

export interface CompareMetric {
  /** Name on the command line (`--metric wall,rss`). */
  alias: string;
  /** A rise is a regression for times and memory; for throughput a fall is. */
  higherIsWorse: boolean;
  unit: 'ms' | 'ms/page' | 'bytes' | 'pages/s';
}

export const COMPARE_METRICS: Readonly<Record<MetricName, CompareMetric>> = {
  durationMs: { alias: 'wall', higherIsWorse: true, unit: 'ms' },
  cpuMs: { alias: 'cpu', higherIsWorse: true, unit: 'ms' },
  cpuPerPageMs: { alias: 'cpu-per-page', higherIsWorse: true, unit: 'ms/page' },
  peakRssBytes: { alias: 'rss', higherIsWorse: true, unit: 'bytes' },
  peakPssBytes: { alias: 'pss', higherIsWorse: true, unit: 'bytes' },
  startupMs: { alias: 'startup', higherIsWorse: true, unit: 'ms' },
  processWallMs: { alias: 'process', higherIsWorse: true, unit: 'ms' },
  pagesPerSec: { alias: 'throughput', higherIsWorse: false, unit: 'pages/s' },
};

const METRIC_NAMES = Object.keys(COMPARE_METRICS) as MetricName[];

/** Accepts a CLI alias (`wall`) or the results.json name (`durationMs`). */
export function resolveMetricName(text: string): MetricName {
  const wanted = text.trim();
  const found = METRIC_NAMES.find((name) => name === wanted || COMPARE_METRICS[name].alias === wanted);
  if (found === undefined) {
    const known = METRIC_NAMES.map((name) => COMPARE_METRICS[name].alias).join(', ');
    throw new InvalidArgumentError(`unknown metric "${wanted}"; use one of ${known}`);
  }
  return found;
}
