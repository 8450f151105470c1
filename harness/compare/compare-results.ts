/**
 * Compares two benches, configuration by configuration and metric by metric, and says for each
 * whether it regressed, improved, or did not change — and how sure that is.
 *
 * A change is a regression only when both hold:
 *  - it is significant: the two-sided Mann-Whitney U test on the raw samples gives p < alpha, so
 *    the runs are unlikely to come from one distribution; and
 *  - it is large: the medians differ by more than the threshold in the bad direction, so runner
 *    noise (5–15 % on shared CI) and real but negligible shifts raise no alarm.
 * An improvement is the same in the good direction. The 95 % bootstrap interval of the change is
 * shown beside it to say how precisely the runs pin the change down.
 *
 * Pure: no I/O, deterministic for a given seed; the bench calls it for `--baseline`.
 */
import { configKey, sameConfig, seriesOf } from '../results/config-identity.js';
import { InvalidArgumentError } from '../../common/errors.js';
import type { BenchResults, ConfigResult, MetricName } from '../results/results.js';
import { bootstrapMedianChangeInterval, type ChangeInterval } from '../stats/bootstrap.js';
import { assertEnoughSamples, assertSameFixture, environmentNotes } from './check-comparable.js';
import { COMPARE_METRICS } from './compare-metrics.js';
import { resolveCompareOptions, type CompareOptions, type ResolvedCompareOptions } from './compare-options.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { median } from '../../common/quantile.js';

export type Verdict = 'regression' | 'improvement' | 'no change';

export interface SideSummary {
  /** Number of samples (ok runs). */
  n: number;
  median: number;
}

/** One (implementation, workers, metric) present in both benches. */
export interface MetricComparison {
  impl: string;
  workers: number;
  metric: MetricName;
  baseline: SideSummary;
  current: SideSummary;
  /** current median / baseline median − 1, in percent; null when the baseline median is 0 and the current is not. */
  changePct: number | null;
  /** Bootstrap confidence interval of changePct; null when the baseline has values ≤ 0. */
  ciPct: ChangeInterval | null;
  /** Two-sided Mann-Whitney U p-value. */
  pValue: number;
  /** Exact permutation distribution, or the normal approximation for large samples. */
  pMethod: 'exact' | 'normal';
  alpha: number;
  thresholdPct: number;
  verdict: Verdict;
}

/** A configuration that cannot be compared metric by metric, and why. */
export interface ConfigChange {
  impl: string;
  workers: number;
  /**
   * `failed`: completed in the baseline, no ok run now (counts as a regression).
   * `recovered`: failed in the baseline, completes now.
   * `only-in-baseline` / `only-in-current`: the benches ran different impls or worker counts.
   */
  change: 'failed' | 'recovered' | 'only-in-baseline' | 'only-in-current';
}

export interface BenchIdentity {
  createdAt: string;
  gitCommit: string | null;
  gitDirty: boolean | null;
}

export interface Comparison {
  baseline: BenchIdentity;
  current: BenchIdentity;
  options: ResolvedCompareOptions;
  rows: MetricComparison[];
  configChanges: ConfigChange[];
  /** Things a reader should know that do not block the comparison (other Node version, unmeasured metric). */
  notes: string[];
  summary: { regressions: number; improvements: number; unchanged: number; failedConfigs: number };
  /** True when any row is a regression or a configuration stopped completing: the CLI exits 1. */
  regressed: boolean;
}

/**
 * @throws InvalidArgumentError when the benches ran different fixtures, or a configuration has too
 *   few ok runs for the test to ever reach significance at the chosen alpha.
 */
export function compareResults(baseline: BenchResults, current: BenchResults, options: CompareOptions = {}): Comparison {
  const resolved = resolveCompareOptions(options);
  assertSameFixture(baseline, current);
  const notes = environmentNotes(baseline, current);
  const rows: MetricComparison[] = [];
  const configChanges: ConfigChange[] = [];
  const unmeasured = new Set<string>();

  for (const before of baseline.configs) {
    // The runtime is part of a configuration's identity: promise-pool on Bun is not compared with
    // promise-pool on Node. Rows name the series (`promise-pool/bun`).
    const after = current.configs.find((c) => sameConfig(c, before));
    const id = { impl: seriesOf(before), workers: before.workers };
    if (after === undefined) {
      configChanges.push({ ...id, change: 'only-in-baseline' });
      continue;
    }
    if (before.state === 'skipped' || after.state === 'skipped') {
      const side = before.state === 'skipped' ? 'baseline' : 'current';
      notes.push(`${id.impl}@${id.workers} was skipped in the ${side} bench (${(before.state === 'skipped' ? before.reason : after.reason) ?? 'no reason recorded'})`);
      continue;
    }
    if (before.state === 'failed' || after.state === 'failed') {
      if (before.state !== after.state) configChanges.push({ ...id, change: after.state === 'failed' ? 'failed' : 'recovered' });
      continue;
    }
    for (const metric of resolved.metrics) {
      const baseSamples = samplesOf(before, metric);
      const currentSamples = samplesOf(after, metric);
      if (baseSamples.length === 0 || currentSamples.length === 0) {
        unmeasured.add(`${metric} is not measured in the ${baseSamples.length === 0 ? 'baseline' : 'current'} bench`);
        continue;
      }
      rows.push(compareMetric(id, metric, baseSamples, currentSamples, resolved));
    }
  }
  for (const after of current.configs) {
    if (!baseline.configs.some((c) => sameConfig(c, after))) {
      configChanges.push({ impl: seriesOf(after), workers: after.workers, change: 'only-in-current' });
    }
  }
  notes.push(...unmeasured);

  const summary = {
    regressions: rows.filter((r) => r.verdict === 'regression').length,
    improvements: rows.filter((r) => r.verdict === 'improvement').length,
    unchanged: rows.filter((r) => r.verdict === 'no change').length,
    failedConfigs: configChanges.filter((c) => c.change === 'failed').length,
  };
  return {
    baseline: identityOf(baseline),
    current: identityOf(current),
    options: resolved,
    rows,
    configChanges,
    notes,
    summary,
    regressed: summary.regressions > 0 || summary.failedConfigs > 0,
  };
}

function compareMetric(id: { impl: string; workers: number }, metric: MetricName, baseSamples: number[], currentSamples: number[], options: ResolvedCompareOptions): MetricComparison {
  const alpha = options.alpha[metric];
  const thresholdPct = options.thresholdPct[metric];
  assertEnoughSamples(`${id.impl}@${id.workers} ${metric}`, baseSamples.length, currentSamples.length, alpha);
  const baseMedian = median(baseSamples);
  const currentMedian = median(currentSamples);
  const changePct = relativeChangePct(baseMedian, currentMedian);
  const test = mannWhitneyU(currentSamples, baseSamples);
  const ciPct = bootstrapMedianChangeInterval(baseSamples, currentSamples, {
    resamples: options.resamples,
    level: options.confidenceLevel,
    seed: options.seed,
  });
  return {
    ...id,
    metric,
    baseline: { n: baseSamples.length, median: baseMedian },
    current: { n: currentSamples.length, median: currentMedian },
    changePct,
    ciPct,
    pValue: test.pValue,
    pMethod: test.method,
    alpha,
    thresholdPct,
    verdict: verdictOf(changePct, test.pValue < alpha, thresholdPct, COMPARE_METRICS[metric].higherIsWorse),
  };
}

function verdictOf(changePct: number | null, significant: boolean, thresholdPct: number, higherIsWorse: boolean): Verdict {
  if (!significant) return 'no change';
  // null: the baseline median is 0 and the current is not — a rise beyond any percentage.
  const change = changePct ?? Number.POSITIVE_INFINITY;
  if (change > thresholdPct) return higherIsWorse ? 'regression' : 'improvement';
  if (change < -thresholdPct) return higherIsWorse ? 'improvement' : 'regression';
  return 'no change';
}

function relativeChangePct(baseMedian: number, currentMedian: number): number | null {
  if (baseMedian === 0) return currentMedian === 0 ? 0 : null;
  return (currentMedian / baseMedian - 1) * 100;
}

/** The ok runs' raw values; tolerant of a results file written before a metric existed. */
function samplesOf(config: ConfigResult, metric: MetricName): number[] {
  const samples = config.stats[metric]?.samples;
  if (samples === undefined) return [];
  if (!Array.isArray(samples) || samples.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidArgumentError(`${configKey(config)} ${metric}.samples is not a list of numbers`);
  }
  return samples;
}

function identityOf(results: BenchResults): BenchIdentity {
  return {
    createdAt: results.createdAt,
    gitCommit: results.environment.gitCommit,
    gitDirty: results.environment.gitDirty,
  };
}

/**
 * A comparison that compared nothing is no pass: "0 regressions" over no rows would let a CI gate
 * through with no evidence. Throws `InvalidArgumentError` naming what was left out and why.
 */
export function assertComparedSomething(comparison: Comparison): void {
  if (comparison.rows.length > 0 || comparison.summary.failedConfigs > 0) return;
  const only = comparison.configChanges.map((change) => `${change.impl}@${change.workers} ${change.change}`);
  const why = [...comparison.notes, ...only];
  throw new InvalidArgumentError(`nothing to compare: no configuration and metric is measured in both benches${why.length > 0 ? ` (${why.join('; ')})` : ''}`);
}
