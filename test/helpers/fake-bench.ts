/**
 * What `runBench` needs to run in-process when no crawl runs: a results store in memory, the
 * harness's own Node as the prepared runtime, a sampler that is never asked, a target and a
 * finished measurement to hand back.
 */
import type { CrawlResult } from '../../crawlers/contract.js';
import { DEFAULT_RUNTIME } from '../../crawlers/runtime/default-runtime.js';
import { resolveRuntime } from '../../crawlers/runtime/runtime-catalog.js';
import type { BenchTarget, PreparedRuntime } from '../../harness/bench/run-bench.js';
import type { MeasuredRun } from '../../harness/measure/measure-run.js';
import type { TreeSampler } from '../../harness/measure/tree-sampler.js';
import type { ResultsStore } from '../../harness/results/results-store.js';
import type { BenchResults } from '../../harness/results/results.js';
import { makeSampleResults } from './sample-results.js';

/** A store whose results live in memory, planned as `config` says (the promise pool under the default runtime unless told). */
export function memoryStore(config: Partial<BenchResults['config']>): ResultsStore {
  const base = makeSampleResults();
  const results: BenchResults = { ...base, config: { ...base.config, impls: ['promise-pool'], runtimes: [DEFAULT_RUNTIME], commandWorkers: [], ...config }, configs: [] };
  return {
    dir: '/nonexistent',
    results,
    async addConfig(added) {
      results.configs.push(added);
    },
  };
}

/** The harness's own Node, as the session would have probed it (the fake measurement runs nothing). */
export const HOST_NODE: PreparedRuntime = {
  runtime: resolveRuntime(DEFAULT_RUNTIME),
  info: { name: DEFAULT_RUNTIME, version: process.versions.node, engine: 'V8', engineVersion: process.versions.v8, executable: process.execPath, engineFlags: {} },
};

export const NO_SAMPLER: TreeSampler = {
  sample: () => Promise.reject(new Error('the fake measurement samples nothing')),
  close: () => {},
};

/** A site at `startUrl` whose truth is `expected`, crawled by JS models under the host's Node only. */
export function fakeTarget(startUrl: string, expected: BenchTarget['expected'], bfsDepth: number): BenchTarget {
  return { startUrl, expected, bfsDepth, caPath: '', commands: new Map(), runtimes: new Map([[DEFAULT_RUNTIME, HOST_NODE]]) };
}

/** A crawl process that finished with `result`. */
export function finishedRun(result: CrawlResult): MeasuredRun {
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
