/**
 * Synthetic bench results for the report and compare tests, deterministic: same call, same
 * numbers. The sample carries hostile markup so every writer is checked for escaping.
 */
import { mulberry32 } from '../../common/seeded-random.js';
import type { BenchResults, ConfigResult, HistoryEntry, MetricName, RunResult, TimelinePoint } from '../../harness/results/results.js';
import { METRICS, RESULTS_SCHEMA_VERSION } from '../../harness/results/results.js';
import { configStateOf, statsOverOkRuns } from './expected-stats.js';

/** A fixture page path carrying markup, as a crawler would record it (URL-encoded). */
export const HOSTILE_URL = 'http://127.0.0.1:41234/docs/%3C/script%3E%3Cimg%20src=x%20onerror=alert(1)%3E';
/** Raw markup that would run if any report put it through innerHTML or closed its JSON block. */
export const HOSTILE_MARKUP = '</script><img src=x onerror=window.__xss=1>';
/** The reason of the sample's invalid run (worker-threads@10, run 3). */
export const SAMPLE_INVALID_REASON = `visited 499 of 500 pages; missing ${HOSTILE_URL} titled ${HOSTILE_MARKUP}`;

const MIB = 1024 * 1024;

interface ImplModel {
  /** Median crawl wall time by worker count. */
  durationMs: Record<number, number>;
  startupMs: (workers: number) => number;
  cpuMs: (workers: number) => number;
  rssBytes: (workers: number) => number;
  /** PSS / RSS: shared pages count once across processes. */
  pssShare: number;
  pids: (workers: number) => number;
}

const MODELS: Record<string, ImplModel> = {
  'promise-pool': {
    durationMs: { 1: 10_420, 10: 1_085, 50: 262 },
    startupMs: () => 0,
    cpuMs: (w) => 820 + 6 * w,
    rssBytes: (w) => (58 + 0.5 * w) * MIB,
    pssShare: 0.93,
    pids: () => 1,
  },
  'worker-threads': {
    durationMs: { 1: 10_610, 10: 1_160, 50: 335 },
    startupMs: (w) => 24 + 6 * w,
    cpuMs: (w) => 900 + 55 * w,
    rssBytes: (w) => (52 + 9 * w) * MIB,
    pssShare: 0.9,
    pids: () => 1,
  },
  'child-processes': {
    durationMs: { 1: 10_890, 10: 1_310, 50: 560 },
    startupMs: (w) => 45 + 19 * w,
    cpuMs: (w) => 950 + 120 * w,
    rssBytes: (w) => (50 + 38 * w) * MIB,
    pssShare: 0.68,
    pids: (w) => 1 + w,
  },
};

const SAMPLE_PAGES = 500;
const SAMPLE_LATENCY_MS = 20;
const SAMPLE_BFS_DEPTH = 6;
const SAMPLE_RUNS = 5;
const SAMPLE_INTERVAL_MS = 50;

function sampleTimeline(processWallMs: number, startupMs: number, peakRss: number, pssShare: number, pids: number, random: () => number): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  const step = Math.max(SAMPLE_INTERVAL_MS, Math.ceil(processWallMs / 200 / SAMPLE_INTERVAL_MS) * SAMPLE_INTERVAL_MS);
  const bootMs = 60 + startupMs;
  for (let tMs = 0; tMs <= processWallMs; tMs += step) {
    // Node boots to ~35 MiB, the pool comes up, then the heap grows with the frontier and settles.
    const booted = Math.min(1, tMs / bootMs);
    const crawled = Math.min(1, Math.max(0, (tMs - bootMs) / Math.max(1, processWallMs - bootMs)));
    const rss = (35 * MIB + (peakRss - 35 * MIB) * (0.55 * booted + 0.45 * Math.sqrt(crawled))) * (0.985 + 0.015 * random());
    points.push({ tMs, rssBytes: Math.round(rss), pssBytes: Math.round(rss * pssShare), pids: tMs < bootMs ? 1 : pids });
  }
  return points;
}

function sampleRun(impl: string, workers: number, index: number, random: () => number): RunResult {
  const model = MODELS[impl];
  if (model === undefined) throw new Error(`no synthetic model for ${impl}`);
  const jitter = (): number => 1 + (random() - 0.5) * 0.05;
  const durationMs = Math.round((model.durationMs[workers] ?? 1000) * jitter());
  const startupMs = Math.round(model.startupMs(workers) * jitter());
  const processWallMs = durationMs + startupMs + Math.round(110 * jitter());
  const cpuMs = Math.round(model.cpuMs(workers) * jitter());
  const cpuUserMs = Math.round(cpuMs * 0.74);
  const peakRssBytes = Math.round(model.rssBytes(workers) * jitter());
  const timeline = sampleTimeline(processWallMs, startupMs, peakRssBytes, model.pssShare, model.pids(workers), random);
  const pages = SAMPLE_PAGES;
  return {
    index,
    state: 'ok',
    durationMs,
    durationSource: 'crawler',
    processWallMs,
    startupMs,
    cpuMs,
    cpuUserMs,
    cpuSystemMs: cpuMs - cpuUserMs,
    // A node boot and the crawlers' modules: what CPU per page subtracts.
    loadCpuMs: 120,
    cpuPerPageMs: (cpuMs - 120) / pages,
    peakRssBytes: Math.max(...timeline.map((p) => p.rssBytes)),
    peakPssBytes: Math.max(...timeline.map((p) => p.pssBytes ?? 0)),
    rootMaxRssBytes: Math.round(peakRssBytes / model.pids(workers)),
    maxPids: model.pids(workers),
    pages,
    pagesPerSec: pages / (durationMs / 1000),
    requests: pages + 12,
    bytes: pages * 14_200,
    errors: 6,
    restarts: 0,
    maxInFlight: workers,
    timeline,
  };
}

function failedRun(run: RunResult, index: number): RunResult {
  const reason = index % 2 === 1 ? 'timed out after 60,000 ms; process tree killed' : 'crashed: exit code 134 (JavaScript heap out of memory)';
  return {
    ...run,
    state: 'failed',
    reason,
    durationMs: null,
    durationSource: null,
    processWallMs: index % 2 === 1 ? 60_000 : 41_500,
    startupMs: null,
    cpuMs: null,
    cpuUserMs: null,
    cpuSystemMs: null,
    pages: null,
    pagesPerSec: null,
    requests: null,
    bytes: null,
    errors: null,
    restarts: null,
    maxInFlight: null,
  };
}

function sampleConfig(impl: string, workers: number, random: () => number): ConfigResult {
  let runs = Array.from({ length: SAMPLE_RUNS }, (_, i) => sampleRun(impl, workers, i + 1, random));
  if (impl === 'worker-threads' && workers === 10) {
    runs = runs.map((run) => (run.index === 3 ? { ...run, state: 'invalid', reason: SAMPLE_INVALID_REASON, pages: 499 } : run));
  }
  if (impl === 'child-processes' && workers === 50) runs = runs.map((run) => failedRun(run, run.index));
  const lowerBoundMs = Math.max(SAMPLE_BFS_DEPTH * SAMPLE_LATENCY_MS, Math.ceil(SAMPLE_PAGES / workers) * SAMPLE_LATENCY_MS);
  const stats = statsOverOkRuns(runs);
  const medianMs = stats.durationMs?.median;
  return {
    impl,
    workers,
    runtime: 'node',
    runtimeInfo: SAMPLE_RUNTIME_INFO,
    origin: 'js',
    state: configStateOf(runs),
    reason: null,
    lowerBoundMs,
    ratioToLowerBound: medianMs === undefined ? null : medianMs / lowerBoundMs,
    runs,
    stats,
  };
}

/** What the harness's Node says of itself in the sample bench. */
export const SAMPLE_RUNTIME_INFO = {
  name: 'node',
  version: '20.20.2',
  engine: 'V8',
  engineVersion: '11.3.244.8-node.33',
  executable: '/usr/bin/node',
  engineFlags: { '--liftoff-only': 'applied' },
} as const satisfies ConfigResult['runtimeInfo'];

/**
 * A plausible bench: promise-pool, worker-threads and child-processes at 1, 10 and 50 workers, 5
 * runs each. worker-threads@10 run 3 is invalid (its reason carries {@link HOSTILE_URL} and
 * {@link HOSTILE_MARKUP}); every run of child-processes@50 failed. Overrides replace top-level fields.
 */
export function makeSampleResults(overrides: Partial<BenchResults> = {}): BenchResults {
  const random = mulberry32(42);
  const impls = ['promise-pool', 'worker-threads', 'child-processes'];
  const workers = [1, 10, 50];
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt: '2025-01-15T10:30:00.000Z',
    environment: {
      nodeVersion: 'v20.20.2',
      v8Version: '11.3.244.8-node.33',
      os: 'linux 6.1.0-18-amd64',
      arch: 'x64',
      cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
      cpuCount: 2,
      totalMemoryBytes: 8 * 1024 * MIB,
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      toolchains: {},
    },
    config: {
      profile: 'quick',
      seed: 42,
      pages: SAMPLE_PAGES,
      latencyMs: SAMPLE_LATENCY_MS,
      jitterMs: 5,
      connectLatencyMs: 10,
      tls: false,
      runtimes: ['node'],
      keepAlive: true,
      impls,
      workers,
      commandWorkers: [10, 50],
      crawlers: {},
      runs: SAMPLE_RUNS,
      warmup: 1,
      sampleIntervalMs: SAMPLE_INTERVAL_MS,
      runTimeoutMs: 60_000,
    },
    bfsDepth: SAMPLE_BFS_DEPTH,
    notablePages: [
      { url: '/redirect/start', status: 301 },
      { url: '/missing', status: 404 },
      { url: new URL(HOSTILE_URL).pathname, status: 200 },
      { url: '/faults/never', status: 0, error: 'timeout' },
    ],
    configs: impls.flatMap((impl) => workers.map((w) => sampleConfig(impl, w, random))),
    ...overrides,
  };
}

/** The sample plus a configuration whose impl name is markup, as a hostile results file could hold. */
export function withHostileImpl(results: BenchResults): BenchResults {
  const template = results.configs.find((config) => config.impl === 'promise-pool' && config.workers === 10);
  if (template === undefined) throw new Error('sample has no promise-pool@10 to copy');
  const impl = `evil${HOSTILE_MARKUP}`;
  return {
    ...results,
    config: { ...results.config, impls: [...results.config.impls, impl] },
    configs: [...results.configs, { ...template, impl }],
  };
}

/** `count` history lines (oldest first) drifting slowly, as reports/history.jsonl would hold. */
export function makeSampleHistory(count: number, results: BenchResults = makeSampleResults()): HistoryEntry[] {
  return Array.from({ length: count }, (_, i): HistoryEntry => {
    const drift = 1 + 0.04 * Math.sin(i * 1.3) + 0.01 * i;
    const medians: HistoryEntry['medians'] = {};
    for (const config of results.configs) {
      const entry: Partial<Record<MetricName, number | null>> = {};
      for (const metric of METRICS) {
        const median = config.stats[metric]?.median;
        entry[metric] = median === undefined ? null : median * drift;
      }
      medians[`${config.impl}@${config.workers}`] = entry;
    }
    return {
      createdAt: new Date(Date.UTC(2025, 0, 1 + i, 10)).toISOString(),
      gitCommit: `${(i + 10).toString(16).padStart(2, '0')}${'ab'.repeat(19)}`,
      gitDirty: false,
      environment: { nodeVersion: results.environment.nodeVersion, cpuModel: results.environment.cpuModel, cpuCount: results.environment.cpuCount, os: results.environment.os },
      config: { profile: results.config.profile, pages: results.config.pages, latencyMs: results.config.latencyMs, runs: results.config.runs },
      medians,
    };
  });
}

/**
 * `results` as a version 1 bench wrote it: `state` 'completed' | 'failed' plus `valid`, no
 * `origin`, `reason`, `durationSource`, `toolchains`, `commandWorkers`, `crawlers` or
 * `notablePages`, and a metric nobody measured left out of `stats` rather than null.
 */
export function asVersion1(results: BenchResults): Record<string, unknown> {
  const { toolchains: _toolchains, ...environment } = results.environment;
  const { commandWorkers: _commandWorkers, crawlers: _crawlers, runtimes: _runtimes, ...config } = results.config;
  const { notablePages: _notablePages, ...rest } = results;
  const configs = results.configs.map(({ origin: _origin, reason: _reason, runtime: _runtime, runtimeInfo: _runtimeInfo, state, stats, runs, ...configRest }) => ({
    ...configRest,
    state: state === 'ok' || state === 'partial' ? 'completed' : 'failed',
    valid: state === 'ok',
    stats: Object.fromEntries(Object.entries(stats).filter(([, value]) => value !== null)),
    runs: runs.map(({ durationSource: _durationSource, ...run }) => run),
  }));
  return { ...rest, schemaVersion: 1, environment, config, configs };
}

/** The same bench as a version 2 file (before runtimes), as an older crawlbench wrote it. */
export function asVersion2(results: BenchResults): Record<string, unknown> {
  const { runtimes: _runtimes, ...config } = results.config;
  const configs = results.configs.map(({ runtime: _runtime, runtimeInfo: _runtimeInfo, ...configRest }) => configRest);
  return { ...results, schemaVersion: 2, config, configs };
}

/** The article's reason for a missing Rust toolchain, as the bench records it. */
export const RUST_SKIPPED = 'cargo not found; install Rust with rustup (https://rustup.rs) to add it';
export const ELIXIR_BUILD_FAILED = 'mix build failed: exit code 1: could not compile dependency :mochiweb';

/**
 * The sample plus the native race at 10 and 50 workers: go (native, its own timer), rust (native,
 * skipped: no cargo), elixir (native, its build failed: no runs) and my-crawler (a user command
 * with no timer of its own, so durationMs is its process wall).
 */
export function withNativeRace(results: BenchResults = makeSampleResults()): BenchResults {
  const template = results.configs[0]?.runs[0];
  if (template === undefined) throw new Error('the sample has no run to copy');
  const run = (index: number, durationMs: number, processWallMs: number, durationSource: 'crawler' | 'process', rssMib: number): RunResult => ({
    ...template,
    index,
    durationMs,
    processWallMs,
    durationSource,
    startupMs: null,
    rootMaxRssBytes: null,
    peakRssBytes: rssMib * 1024 * 1024,
    peakPssBytes: rssMib * 1024 * 1024,
    pagesPerSec: (template.pages ?? 0) / (durationMs / 1000),
    maxPids: 1,
  });
  const config = (impl: string, workers: number, origin: ConfigResult['origin'], runs: RunResult[], reason: string | null = null, skipped = false): ConfigResult => ({
    impl,
    workers,
    runtime: origin === 'js' ? 'node' : null,
    runtimeInfo: origin === 'js' ? SAMPLE_RUNTIME_INFO : null,
    origin,
    reason,
    runs,
    state: skipped ? 'skipped' : configStateOf(runs),
    lowerBoundMs: runs.length === 0 ? 0 : 1000 / workers,
    ratioToLowerBound: null,
    stats: statsOverOkRuns(runs),
  });
  const race = [10, 50].flatMap((w) => [
    // go: 2,500 ms crawl, 50 ms start-up and exit (median); 310 MiB, as in the article.
    config('go', w, 'native', [run(1, 2480, 2530, 'crawler', 300), run(2, 2500, 2550, 'crawler', 310), run(3, 2520, 2575, 'crawler', 320)]),
    config('rust', w, 'native', [], RUST_SKIPPED, true),
    config('elixir', w, 'native', [], ELIXIR_BUILD_FAILED),
    // my-crawler: no timer, so its crawl time is its process wall and its start-up is 0 apart.
    config('my-crawler', w, 'user', [run(1, 3000, 3000, 'process', 40), run(2, 3100, 3100, 'process', 42), run(3, 3200, 3200, 'process', 44)]),
  ]);
  return {
    ...results,
    environment: { ...results.environment, toolchains: { go: '1.26.8', elixir: '1.18.3' } },
    config: { ...results.config, impls: [...results.config.impls, 'go', 'rust', 'elixir', 'my-crawler'], commandWorkers: [10, 50], crawlers: { 'my-crawler': 'python3 crawler.py {url}' } },
    configs: [...results.configs, ...race],
  };
}
