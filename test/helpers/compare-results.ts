/** Results built from exact samples, for the compare tests. */
import type { BenchConfig, BenchResults, ConfigResult, MetricName, RunResult } from '../../harness/results/results.js';
import { statsByMetric } from './expected-stats.js';
import { makeSampleResults } from './sample-results.js';

/** `impl@workers` → metric → the raw samples of that configuration's ok runs. */
export type CompareSamples = Record<string, Partial<Record<MetricName, number[]>>>;

/**
 * Results holding exactly the given samples (one ok run per sample index), on the fixture of
 * {@link makeSampleResults}; `config` overrides fixture fields (e.g. `{ latencyMs: 5 }`).
 */
export function makeCompareResults(samples: CompareSamples, config: Partial<BenchConfig> = {}): BenchResults {
  const base = makeSampleResults();
  const configs = Object.entries(samples).map(([key, metrics]): ConfigResult => {
    const [impl = '', workersText = '0'] = key.split('@');
    const workers = Number(workersText);
    const count = Math.max(0, ...Object.values(metrics).map((values) => values?.length ?? 0));
    const runs = Array.from(
      { length: count },
      (_, i): RunResult => ({
        index: i + 1,
        state: 'ok',
        durationMs: metrics.durationMs?.[i] ?? null,
        durationSource: metrics.durationMs?.[i] === undefined ? null : 'crawler',
        processWallMs: metrics.processWallMs?.[i] ?? 0,
        startupMs: metrics.startupMs?.[i] ?? null,
        cpuMs: metrics.cpuMs?.[i] ?? null,
        cpuUserMs: null,
        cpuSystemMs: null,
        loadCpuMs: null,
        cpuPerPageMs: metrics.cpuPerPageMs?.[i] ?? null,
        peakRssBytes: metrics.peakRssBytes?.[i] ?? 0,
        peakPssBytes: metrics.peakPssBytes?.[i] ?? null,
        rootMaxRssBytes: null,
        maxPids: 1,
        pages: base.config.pages,
        pagesPerSec: metrics.pagesPerSec?.[i] ?? null,
        requests: null,
        bytes: null,
        errors: 0,
        restarts: 0,
        maxInFlight: workers,
        timeline: [],
      }),
    );
    const stats = statsByMetric((metric) => metrics[metric]);
    return { impl, workers, runtime: 'node', runtimeInfo: null, origin: 'js', state: count > 0 ? 'ok' : 'failed', reason: null, lowerBoundMs: 0, ratioToLowerBound: null, runs, stats };
  });
  const impls = [...new Set(configs.map((c) => c.impl))];
  const workers = [...new Set(configs.map((c) => c.workers))];
  return { ...base, config: { ...base.config, impls, workers, ...config }, configs };
}

/**
 * `n` values around `center` with normal noise of relative standard deviation `spread`
 * (0.05 = 5 %), from a seeded stream so every machine sees the same numbers.
 */
export function noisySamples(random: () => number, n: number, center: number, spread: number): number[] {
  return Array.from({ length: n }, () => {
    // Box-Muller; 1 - random() keeps the logarithm's argument in (0, 1].
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return center * (1 + spread * gaussian);
  });
}
