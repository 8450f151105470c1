/**
 * A crawl cut off by --max-pages did not crawl the fixture, even when every page it did visit is
 * right: the bench records such a run as invalid, with the reason, and its configuration as failed.
 * runBench is driven in-process with a fake measurement and an in-memory store.
 */
import { describe, expect, it } from 'vitest';
import type { CrawlResult } from '../crawlers/contract.js';
import { DEFAULT_RUNTIME } from '../crawlers/runtime/default-runtime.js';
import { resolveRuntime } from '../crawlers/runtime/runtime-catalog.js';
import type { MeasuredRun } from '../harness/measure/measure-run.js';
import type { TreeSampler } from '../harness/measure/tree-sampler.js';
import { runBench, type BenchTarget, type PreparedRuntime } from '../harness/bench/run-bench.js';
import type { ResultsStore } from '../harness/results/results-store.js';
import type { BenchResults } from '../harness/results/results.js';
import { makeSampleResults } from './helpers/sample-results.js';

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

function measured(result: CrawlResult): MeasuredRun {
  return {
    state: 'finished',
    result,
    durationSource: 'crawler',
    cpu: { userMs: 10, systemMs: 2 },
    rootMaxRssBytes: 1,
    loadCpuMs: 3,
    processWallMs: 60,
    timeline: [],
    peakRssBytes: 1,
    peakPssBytes: 1,
    maxPids: 1,
  };
}

function memoryStore(): ResultsStore {
  const base = makeSampleResults();
  const results: BenchResults = { ...base, config: { ...base.config, impls: ['promise-pool'], runtimes: [DEFAULT_RUNTIME], workers: [1], commandWorkers: [], runs: 1, warmup: 0 }, configs: [] };
  return {
    dir: '/nonexistent',
    results,
    async addConfig(config) {
      results.configs.push(config);
    },
  };
}

/** The harness's own Node, as the session would have probed it (the fake measurement runs nothing). */
const NODE: PreparedRuntime = {
  runtime: resolveRuntime(DEFAULT_RUNTIME),
  info: { name: DEFAULT_RUNTIME, version: process.versions.node, engine: 'V8', engineVersion: process.versions.v8, executable: process.execPath, engineFlags: {} },
};

const NO_SAMPLER: TreeSampler = {
  sample: () => Promise.reject(new Error('the fake measurement samples nothing')),
  close: () => {},
};

async function benchOf(result: CrawlResult): Promise<BenchResults['configs']> {
  const store = memoryStore();
  const target: BenchTarget = { startUrl: START, expected: EXPECTED, bfsDepth: 1, caPath: '', commands: new Map(), runtimes: new Map([[DEFAULT_RUNTIME, NODE]]) };
  expect(await runBench(store, target, { sampler: NO_SAMPLER, measure: async () => measured(result) })).toBe(true);
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
