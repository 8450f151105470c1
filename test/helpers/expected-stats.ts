/**
 * Statistics in results.json's vocabulary, computed plainly (no tinybench) so a test knows what
 * the bench and the writers must show for known samples.
 */
import type { ConfigResult, MetricName, MetricStats, RunResult } from '../../harness/results/results.js';
import { METRICS } from '../../harness/results/results.js';

/** 95 % two-sided Student t critical values by degrees of freedom (1…10); 1.96 beyond. */
const T_CRITICAL = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/** Statistics in results.json's vocabulary, computed plainly so tests know what to expect. */
export function statsOf(samples: number[]): MetricStats {
  const n = samples.length;
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, v) => sum + v, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(samples.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  const quantile = (q: number): number => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const a = sorted[lo] ?? 0;
    const b = sorted[hi] ?? 0;
    return a + (b - a) * (pos - lo);
  };
  const t = T_CRITICAL[n - 2] ?? 1.96;
  const rme = n < 2 || mean === 0 ? 0 : ((t * sd) / Math.sqrt(n) / mean) * 100;
  return { samples, n, mean, median: quantile(0.5), sd, min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0, p75: quantile(0.75), p99: quantile(0.99), rme };
}

/** Stats over ok runs only, as the bench computes them; every metric key present, null where a metric has no value. */
export function statsOverOkRuns(runs: RunResult[]): ConfigResult['stats'] {
  const ok = runs.filter((run) => run.state === 'ok');
  return statsByMetric((metric) => ok.map((run) => run[metric]).filter((v): v is number => typeof v === 'number'));
}

/** Every metric key of results.json's `stats`, each the statistics of `samplesOf(metric)` or null when that is empty. */
export function statsByMetric(samplesOf: (metric: MetricName) => readonly number[] | undefined): ConfigResult['stats'] {
  const entries = METRICS.map((metric) => {
    const values = samplesOf(metric);
    return [metric, values === undefined || values.length === 0 ? null : statsOf([...values])] as const;
  });
  return Object.fromEntries(entries) as ConfigResult['stats'];
}

/** A configuration's one state, as results.json version 2 defines it: `ok` when every run is ok, `partial` when some are, `failed` when none is. */
export function configStateOf(runs: readonly RunResult[]): ConfigResult['state'] {
  const ok = runs.filter((run) => run.state === 'ok').length;
  if (ok === 0) return 'failed';
  return ok === runs.length ? 'ok' : 'partial';
}
