/**
 * A crawl cut off by --max-pages did not crawl the fixture, even when every page it did visit is
 * right: the bench records such a run as invalid, with the reason, and its configuration as failed.
 * runBench is driven in-process with a fake measurement and an in-memory store.
 */
import { describe, expect, it } from 'vitest';
import type { CrawlResult } from '../crawlers/contract.js';
import { runBench } from '../harness/bench/run-bench.js';
import type { BenchResults } from '../harness/results/results.js';
import { fakeTarget, finishedRun, memoryStore, NO_SAMPLER } from './helpers/fake-bench.js';

const START = 'http://127.0.0.1:41234/';
const EXPECTED = [
  { url: START, status: 200 },
  { url: `${START}a`, status: 200 },
];

/** A crawl whose visited set is exactly the expected one, and that says it refused `refused` links at the cap. */
function crawlResult(refused: number): CrawlResult {
  return {
    impl: 'promise-pool',
    workers: 1,
    startUrl: START,
    pages: EXPECTED.map(({ url, status }) => ({ url, status, bytes: 100, ms: 5, links: 1 })),
    stats: { requests: 2, bytes: 200, errors: 0, durationMs: 40, maxInFlight: 1, startupMs: 0, restarts: 0, refusedByMaxPages: refused, skippedLongUrls: 0 },
  };
}

async function benchOf(result: CrawlResult): Promise<BenchResults['configs']> {
  const store = memoryStore({ workers: [1], runs: 1, warmup: 0 });
  expect(await runBench(store, fakeTarget(START, EXPECTED, 1), { sampler: NO_SAMPLER, measure: async () => finishedRun(result) })).toBe(true);
  return store.results.configs;
}

describe('a bench run stopped at --max-pages', () => {
  it('is recorded invalid, saying so, even though every page it visited is right', async () => {
    const [config] = await benchOf(crawlResult(3));
    expect(config?.runs[0]).toMatchObject({ state: 'invalid', reason: 'stopped at the --max-pages cap (3 links not followed)' });
    expect(config?.state).toBe('failed');
    // An invalid run measured the wrong crawl: it is left out of the statistics.
    expect(config?.stats.durationMs).toBeNull();
  });

  it('is ok when it refused nothing (the same crawl otherwise)', async () => {
    const [config] = await benchOf(crawlResult(0));
    expect(config?.runs[0]?.state).toBe('ok');
    expect(config?.state).toBe('ok');
  });
});
