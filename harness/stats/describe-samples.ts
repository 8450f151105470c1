/**
 * Statistics of one metric over the runs of a configuration, computed by tinybench so every
 * figure uses its definitions (sample sd, t-distribution margin of error, interpolated quantiles).
 *
 * tinybench measures durations of a task function; the samples are fed back to it through
 * `overriddenDuration`, one per iteration, which is how tinybench lets a task report a time it
 * measured elsewhere (here: a value measured by the harness, in any unit).
 */
import { Bench } from 'tinybench';
import type { MetricStats } from '../results/results.js';

/** Statistics of `samples` (at least one value, each ≥ 0); `samples` keeps the given order. */
export function describeSamples(samples: readonly number[]): MetricStats {
  if (samples.length === 0) throw new Error('describeSamples needs at least one sample');
  let next = 0;
  const bench = new Bench({ iterations: samples.length, time: 0, warmup: false, throws: true });
  bench.add(
    'replay',
    () => ({ overriddenDuration: samples[next++] ?? 0 }),
    // tinybench calls a non-async task once when it is added, to see whether it returns a promise.
    {
      beforeAll: () => {
        next = 0;
      },
    },
  );
  const [task] = bench.runSync();
  const latency = task?.result?.latency;
  if (!latency) throw new Error('tinybench returned no statistics');
  const n = samples.length;
  return {
    samples: [...samples],
    n,
    mean: latency.mean,
    median: latency.p50 ?? latency.mean,
    sd: latency.sd,
    min: latency.min,
    max: latency.max,
    p75: latency.p75 ?? latency.max,
    p99: latency.p99 ?? latency.max,
    // One sample has no spread to estimate; tinybench reports a t-based margin that is meaningless.
    rme: n > 1 && Number.isFinite(latency.rme) ? latency.rme : 0,
  };
}
