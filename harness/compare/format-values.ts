/**
 * How numbers of a comparison read in every writer, so text and Markdown agree to the digit.
 */
import type { MetricName } from '../results/results.js';
import { formatNumber, plural } from '../export/format.js';
import type { ChangeInterval } from '../stats/bootstrap.js';
import { COMPARE_METRICS } from './compare-metrics.js';
import type { Comparison, ConfigChange, Verdict } from './compare-results.js';

export function formatMetricValue(metric: MetricName, value: number): string {
  switch (COMPARE_METRICS[metric].unit) {
    case 'ms':
      if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} s`;
      if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(2)} s`;
      return `${Number.isInteger(value) || value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
    case 'ms/page':
      return `${formatNumber(value)} ms/page`;
    case 'bytes':
      return `${(value / 1024 / 1024).toFixed(1)} MiB`;
    case 'pages/s':
      return `${value.toFixed(1)} pages/s`;
  }
}

/** `+30.1 %`; `n/a` when the baseline median is 0. */
export function formatChangePct(changePct: number | null): string {
  if (changePct === null) return 'n/a (baseline 0)';
  return `${signed(changePct)} %`;
}

/** `[+25.1, +35.0] %`; `n/a` when no interval could be computed. */
export function formatInterval(interval: ChangeInterval | null): string {
  if (interval === null) return 'n/a';
  return `[${signed(interval.lowPct)}, ${signed(interval.highPct)}] %`;
}

export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? '<0.001' : pValue.toFixed(3);
}

export function formatMetricName(metric: MetricName): string {
  return COMPARE_METRICS[metric].alias;
}

export function verdictWord(verdict: Verdict): string {
  return verdict === 'regression' ? 'REGRESSION' : verdict;
}

export function describeConfigChange(change: ConfigChange): string {
  const name = `${change.impl}@${change.workers}`;
  switch (change.change) {
    case 'failed':
      return `${name} FAILED: it completed in the baseline but has no ok run now (counts as a regression)`;
    case 'recovered':
      return `${name} recovered: it failed in the baseline and completes now`;
    case 'only-in-baseline':
      return `${name} is only in the baseline (not run in the current bench)`;
    case 'only-in-current':
      return `${name} is only in the current bench (no baseline to compare with)`;
  }
}

/** e.g. `abc1234 (dirty), 2025-01-02T03:04:05.000Z`. */
export function describeBench(identity: { createdAt: string; gitCommit: string | null; gitDirty: boolean | null }): string {
  const commit = identity.gitCommit === null ? 'no git commit' : identity.gitCommit.slice(0, 7);
  return `${commit}${identity.gitDirty === true ? ' (dirty)' : ''}, ${identity.createdAt}`;
}

function signed(value: number): string {
  // Avoid "-0.0": a change that rounds to zero has no sign.
  const rounded = value.toFixed(1);
  if (Number(rounded) === 0) return '0.0';
  return value > 0 ? `+${rounded}` : rounded;
}

/** One line on how verdicts were reached, e.g. `p < 0.05 and change beyond ±10 %`. */
export function describeCriteria(comparison: Comparison): string {
  const { metrics, alpha, thresholdPct } = comparison.options;
  const alphas = perMetric(metrics, (m) => String(alpha[m]));
  const thresholds = perMetric(metrics, (m) => `±${thresholdPct[m]} %`);
  const level = Math.round(comparison.options.confidenceLevel * 100);
  return (
    `a change counts when the two-sided Mann-Whitney U test gives p < ${alphas} and the medians differ by more than ${thresholds}; ` +
    `CI: ${level} % percentile bootstrap of the median ratio (${comparison.options.resamples} resamples, seed ${comparison.options.seed}); ` +
    // NOTE: README "npm run compare" says the same.
    'unpaired, and so weaker than a paired gate: the two benches ran apart in time, so whatever the machine did between them reads as a change (`npm run bench -- --against REF` interleaves both builds in one bench and pairs their runs)'
  );
}

/** `0.05` when every metric shares it, else `0.05 (wall), 0.01 (rss)`. */
function perMetric(metrics: readonly MetricName[], show: (metric: MetricName) => string): string {
  const shown = metrics.map(show);
  if (shown.every((value) => value === shown[0])) return shown[0] ?? '';
  return metrics.map((metric, i) => `${shown[i] ?? ''} (${formatMetricName(metric)})`).join(', ');
}

/** e.g. `2 regressions, 1 improvement, 24 no change`. */
export function describeSummary(comparison: Comparison): string {
  const { regressions, improvements, unchanged, failedConfigs } = comparison.summary;
  const parts = [plural(regressions, 'regression'), plural(improvements, 'improvement'), `${unchanged} no change`];
  if (failedConfigs > 0) parts.unshift(plural(failedConfigs, 'failed configuration'));
  return parts.join(', ');
}
