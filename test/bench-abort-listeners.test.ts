/**
 * A bench of many configurations, run with an interrupt signal as `npm run bench` runs it, leaves
 * no listener behind on that signal and draws no MaxListenersExceededWarning: the default bench
 * has 16 configurations and printed that warning mid-bench when each left one. runBench is
 * driven in-process with a fake measurement and an in-memory store.
 */
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrawlResult } from '../crawlers/contract.js';
import { runBench } from '../harness/bench/run-bench.js';
import type { MeasuredRun } from '../harness/measure/measure-run.js';
import { fakeTarget, finishedRun, memoryStore, NO_SAMPLER } from './helpers/fake-bench.js';

const START = 'http://127.0.0.1:41235/';
const EXPECTED = [{ url: START, status: 200 }];
const WORKERS = Array.from({ length: 16 }, (_, i) => i + 1);

/** A crawl of the one-page site by `workers` workers. */
function measured(workers: number): MeasuredRun {
  const result: CrawlResult = {
    impl: 'promise-pool',
    workers,
    startUrl: START,
    pages: [{ url: START, status: 200, bytes: 100, ms: 5, links: 0 }],
    stats: { requests: 1, bytes: 100, errors: 0, durationMs: 20, maxInFlight: 1, startupMs: 0, restarts: 0, refusedByMaxPages: 0, skippedLongUrls: 0 },
  };
  return finishedRun(result);
}

const store = () => memoryStore({ workers: WORKERS, runs: 2, warmup: 1 });
const target = fakeTarget(START, EXPECTED, 0);

const warnings: Error[] = [];
const onWarning = (warning: Error): void => {
  warnings.push(warning);
};
afterEach(() => {
  process.off('warning', onWarning);
});

describe('a bench of 16 configurations with an interrupt signal', () => {
  it('runs them all and leaves no abort listener, nor a leak warning, behind', async () => {
    process.on('warning', onWarning);
    const controller = new AbortController();
    const results = store();
    const complete = await runBench(results, target, { sampler: NO_SAMPLER, measure: async (options) => measured(options.request.options.workers) }, {}, controller.signal);
    expect(complete).toBe(true);
    expect(results.results.configs.map((config) => config.workers)).toEqual(WORKERS);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // Node emits the warning on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map(String)).toEqual([]);
  });

  it('still stops at the configuration running when the signal is aborted', async () => {
    const controller = new AbortController();
    const results = store();
    let runs = 0;
    const complete = await runBench(
      results,
      target,
      {
        sampler: NO_SAMPLER,
        measure: async (options) => {
          runs += 1;
          // The third configuration's warm-up: configurations 1 and 2 had 3 runs each.
          if (runs === 7) controller.abort();
          return measured(options.request.options.workers);
        },
      },
      {},
      controller.signal,
    );
    expect(complete).toBe(false);
    expect(results.results.configs.map((config) => config.workers)).toEqual([1, 2]);
    expect(runs).toBe(7);
  });
});
