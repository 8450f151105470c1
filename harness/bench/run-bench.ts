/**
 * The bench itself: for each implementation × worker count, warm-up and measured crawls in fresh
 * processes (tinybench drives the repetition), each run validated against the ground truth and
 * recorded in the store as soon as its configuration finishes.
 */
import { Bench } from 'tinybench';
import type { CrawlOptions } from '../../crawlers/contract.js';
import { CRAWL_DEFAULTS } from '../../crawlers/crawl-options.js';
import type { ExpectedVisit, GroundTruth } from '../../fixtures/ground-truth.js';
import { describeSamples } from '../stats/describe-samples.js';
import { downsample } from '../measure/downsample.js';
import { lowerBoundMs } from './lower-bound.js';
import { scheduleBoundMs } from './schedule-bound.js';
import { configurationsOf, type PlannedConfig } from './bench-options.js';
import type { Runtime } from '../../crawlers/runtime/runtime-catalog.js';
import type { RuntimeInfo } from '../../crawlers/runtime/runtime-info.js';
import { unsupportedReason } from '../../crawlers/runtime/runtime-support.js';
import { configKey, sameConfig } from '../results/config-identity.js';
import type { CommandCrawler } from '../../crawlers/external/command-crawler.js';
import { measureRun, type MeasuredRun, type MeasureRunOptions } from '../measure/measure-run.js';
import { probeLoadCpuMs } from '../measure/load-cpu-probe.js';
import { METRICS, type BenchConfig, type ConfigResult, type ConfigState, type RunResult } from '../results/results.js';
import type { ResultsStore } from '../results/results-store.js';
import type { TreeSampler } from '../measure/tree-sampler.js';
import { validateVisits } from './validate-run.js';
import type { Side } from '../results/ab-section.js';

/** Points kept of each run's memory timeline in results.json. */
export const TIMELINE_POINTS = 300;

export interface BenchTarget {
  /** Start URL of the running fixture. */
  startUrl: string;
  /** What a correct crawl reports (from fixtures/ground-truth.ts). */
  expected: ExpectedVisit[];
  bfsDepth: number;
  /** The fixture's link graph, for the schedule bound (not computed without it). */
  truth?: Pick<GroundTruth, 'pages' | 'linksOf'>;
  /** PEM of the fixture's CA when it serves HTTPS. */
  ca?: string;
  /** Path of that CA, for command crawlers ('' over HTTP). */
  caPath: string;
  /** The command crawlers of the bench by name (native and the user's); other names are JS models. */
  commands: ReadonlyMap<string, CommandCrawler>;
  /** The runtimes of `config.runtimes`, resolved and probed (bench-session.ts). */
  runtimes: ReadonlyMap<string, PreparedRuntime>;
}

export interface PreparedRuntime {
  runtime: Runtime;
  info: RuntimeInfo;
}

export interface RunEvent {
  impl: string;
  workers: number;
  runtime: string | null;
  /** The build that ran it, in an A/B bench (harness/ab/run-pairs.ts). */
  side?: Side;
  mode: 'warmup' | 'run';
  /** 1-based within the mode. */
  index: number;
  /** Set when the run has ended. */
  run?: RunResult;
}

export interface BenchEvents {
  onRunStart?(event: RunEvent): void;
  onRunEnd?(event: RunEvent): void;
  onConfigEnd?(config: ConfigResult): void;
}

export interface BenchDeps {
  sampler: TreeSampler;
  /** Replaceable so a test can make one implementation hang; the real `measureRun` by default. */
  measure?: (options: MeasureRunOptions) => Promise<MeasuredRun>;
}

/** Runs every configuration the store does not hold yet. Returns false if interrupted. */
export async function runBench(store: ResultsStore, target: BenchTarget, deps: BenchDeps, events: BenchEvents = {}, signal?: AbortSignal): Promise<boolean> {
  for (const planned of configurationsOf(store.results.config, (impl) => !target.commands.has(impl))) {
    if (store.results.configs.some((done) => sameConfig(done, planned))) continue;
    const unsupported = planned.runtime === null ? null : unsupportedReason(planned.runtime, planned.impl);
    const result = unsupported !== null ? configNotRun(planned, 'js', 'skipped', unsupported) : await runConfig(planned, store, target, deps, events, signal);
    if (signal?.aborted || !result) return false;
    await store.addConfig(result);
    events.onConfigEnd?.(result);
  }
  return true;
}

async function runConfig(planned: PlannedConfig, store: ResultsStore, target: BenchTarget, deps: BenchDeps, events: BenchEvents, signal?: AbortSignal): Promise<ConfigResult | null> {
  const { impl, workers } = planned;
  const { config } = store.results;
  const prepared = planned.runtime === null ? undefined : target.runtimes.get(planned.runtime);
  if (planned.runtime !== null && prepared === undefined) throw new Error(`runtime ${planned.runtime} was not prepared`);
  const measure = deps.measure ?? measureRun;
  const crawler = target.commands.get(impl);
  const origin = crawler?.origin ?? 'js';
  const options = crawlOptionsOf(config, target, workers);
  const runs: RunResult[] = [];
  let mode: 'warmup' | 'run' = 'warmup';
  let warmups = 0;
  const measureOptions = (request: MeasureRunOptions['request']): MeasureRunOptions => ({
    request,
    ...(prepared ? { runtime: prepared.runtime } : {}),
    ...(crawler ? { command: { crawler, caPath: target.caPath } } : {}),
    sampler: deps.sampler,
    sampleIntervalMs: config.sampleIntervalMs,
    timeoutMs: config.runTimeoutMs,
    ...(signal ? { signal } : {}),
  });
  // Before the runs, so the probes do not sit between measured runs.
  const commandLoadCpuMs = crawler === undefined ? undefined : await probeLoadCpuMs(measure, measureOptions({ impl, options }));
  // tinybench's Bench adds an abort listener to the signal it is given and never removes it, so
  // the 11th configuration of one bench drew Node's MaxListenersExceededWarning (the default bench
  // has 16). Each Bench gets a signal of its own that follows the bench's: a dependent signal,
  // which adds no listener to it.
  const bench = new Bench({
    iterations: config.runs,
    warmupIterations: config.warmup,
    warmup: config.warmup > 0,
    time: 0,
    warmupTime: 0,
    throws: true,
    ...(signal ? { signal: AbortSignal.any([signal]) } : {}),
  });
  bench.add(
    configKey(planned),
    // async, so tinybench does not call it once at add() to find out whether it returns a promise.
    async () => {
      const index = mode === 'warmup' ? ++warmups : runs.length + 1;
      events.onRunStart?.({ ...planned, mode, index });
      const measured = await measure(measureOptions({ impl, options }));
      const run = toRunResult(index, measured, target, commandLoadCpuMs);
      if (mode === 'run' && !signal?.aborted) runs.push(run);
      events.onRunEnd?.({ ...planned, mode, index, run });
      // tinybench's own statistics are not used (describeSamples covers every metric); the
      // override keeps its bookkeeping in the crawl's time rather than the process's.
      return { overriddenDuration: run.durationMs ?? run.processWallMs };
    },
    {
      beforeEach: (m) => {
        mode = m ?? 'run';
      },
    },
  );
  await bench.run();
  if (signal?.aborted || runs.length < config.runs) return null;
  const schedule =
    target.truth === undefined ? undefined : scheduleBoundMs(target.truth, { workers, latencyMs: config.latencyMs, connectLatencyMs: config.connectLatencyMs, keepAlive: config.keepAlive });
  return configResultOf(planned, runs, { origin, info: prepared?.info ?? null, config, bfsDepth: target.bfsDepth, ...(schedule === undefined ? {} : { scheduleBoundMs: schedule }) });
}

/** The crawl a bench asks of every run of a configuration: the crawler's own defaults, as `npm run crawl` runs it. */
export function crawlOptionsOf(config: Pick<BenchConfig, 'keepAlive' | 'hosts'>, target: Pick<BenchTarget, 'startUrl' | 'ca'>, workers: number): Omit<CrawlOptions, 'signal'> {
  return {
    ...CRAWL_DEFAULTS,
    startUrl: target.startUrl,
    workers,
    // Only the distributed model reads it; every host runs at least one worker.
    hosts: Math.min(config.hosts ?? CRAWL_DEFAULTS.hosts, workers),
    keepAlive: config.keepAlive,
    ...(target.ca ? { ca: target.ca } : {}),
  };
}

/** A measured configuration from its runs: statistics over the ok ones, the bound and the ratio to it. */
export function configResultOf(
  planned: PlannedConfig,
  runs: RunResult[],
  context: { origin: ConfigResult['origin']; info: RuntimeInfo | null; config: Pick<BenchConfig, 'pages' | 'latencyMs'>; bfsDepth: number; scheduleBoundMs?: number },
): ConfigResult {
  const { config } = context;
  const bound = lowerBoundMs(config.pages, context.bfsDepth, planned.workers, config.latencyMs);
  const stats = statsOf(runs);
  const median = stats.durationMs?.median;
  return {
    impl: planned.impl,
    workers: planned.workers,
    runtime: planned.runtime,
    runtimeInfo: context.info,
    origin: context.origin,
    state: configStateOf(runs),
    reason: null,
    lowerBoundMs: bound,
    ratioToLowerBound: bound > 0 && median !== undefined ? median / bound : null,
    ...(context.scheduleBoundMs === undefined
      ? {}
      : { scheduleBoundMs: context.scheduleBoundMs, ratioToScheduleBound: context.scheduleBoundMs > 0 && median !== undefined ? median / context.scheduleBoundMs : null }),
    runs,
    stats,
  };
}

export function toRunResult(index: number, measured: MeasuredRun, target: BenchTarget, commandLoadCpuMs?: number | null): RunResult {
  const timeline = downsample(measured.timeline, TIMELINE_POINTS, (point) => point.rssBytes);
  const base = {
    index,
    processWallMs: measured.processWallMs,
    peakRssBytes: measured.peakRssBytes,
    peakPssBytes: measured.peakPssBytes,
    maxPids: measured.maxPids,
    timeline,
    ...(measured.service === undefined ? {} : { service: measured.service }),
  };
  const { result, cpu } = measured;
  if (measured.state === 'failed' || result === undefined) {
    return {
      ...base,
      state: 'failed',
      reason: measured.reason ?? 'no result',
      durationMs: null,
      durationSource: null,
      startupMs: null,
      cpuMs: null,
      cpuUserMs: null,
      cpuSystemMs: null,
      loadCpuMs: null,
      cpuPerPageMs: null,
      rootMaxRssBytes: null,
      pages: null,
      pagesPerSec: null,
      requests: null,
      bytes: null,
      errors: null,
      restarts: null,
      maxInFlight: null,
    };
  }
  const cpuMs = cpu === null ? null : cpu.userMs + cpu.systemMs;
  const loadCpuMs = measured.loadCpuMs ?? commandLoadCpuMs ?? null;
  // A crawl cut off by the cap did not crawl the fixture, whatever else it got right.
  const validation =
    result.stats.refusedByMaxPages > 0
      ? { valid: false, reason: `stopped at the --max-pages cap (${result.stats.refusedByMaxPages} links not followed)` }
      : validateVisits(result.pages, target.expected);
  return {
    ...base,
    state: validation.valid ? 'ok' : 'invalid',
    ...(validation.reason ? { reason: validation.reason } : {}),
    durationMs: result.stats.durationMs,
    durationSource: measured.durationSource,
    startupMs: result.stats.startupMs,
    cpuMs,
    cpuUserMs: cpu?.userMs ?? null,
    cpuSystemMs: cpu?.systemMs ?? null,
    loadCpuMs,
    cpuPerPageMs: cpuPerPage(cpuMs, loadCpuMs, result.pages.length),
    rootMaxRssBytes: measured.rootMaxRssBytes,
    pages: result.pages.length,
    pagesPerSec: result.stats.durationMs > 0 ? (result.pages.length / result.stats.durationMs) * 1000 : null,
    requests: result.stats.requests,
    bytes: result.stats.bytes,
    errors: result.stats.errors,
    restarts: result.stats.restarts,
    maxInFlight: result.stats.maxInFlight,
  };
}

/**
 * Issue 14's CPU per page: the tree's CPU minus what loading the crawler cost, over the pages.
 * Never below 0: a command crawler's figures are 10 ms ticks, and its probe's can exceed a tiny
 * crawl's.
 */
export function cpuPerPage(cpuMs: number | null, loadCpuMs: number | null, pages: number): number | null {
  if (cpuMs === null || loadCpuMs === null || pages === 0) return null;
  return Math.max(0, cpuMs - loadCpuMs) / pages;
}

/** Statistics of each metric over the ok runs only: an invalid run measured the wrong crawl. */
export function statsOf(runs: readonly RunResult[]): ConfigResult['stats'] {
  const ok = runs.filter((run) => run.state === 'ok');
  const entries = METRICS.map((metric) => {
    const values = ok.map((run) => run[metric]).filter((value): value is number => typeof value === 'number');
    return [metric, values.length > 0 ? describeSamples(values) : null] as const;
  });
  return Object.fromEntries(entries) as ConfigResult['stats'];
}

/** `ok` when every run is ok, `partial` when some are, `failed` when none is. */
export function configStateOf(runs: readonly RunResult[]): ConfigState {
  const ok = runs.filter((run) => run.state === 'ok').length;
  return ok === 0 ? 'failed' : ok === runs.length ? 'ok' : 'partial';
}

/** A configuration that was not run (a missing toolchain, a model its runtime cannot run) or could not run (a failed build). */
export function configNotRun(planned: PlannedConfig, origin: ConfigResult['origin'], state: 'skipped' | 'failed', reason: string): ConfigResult {
  return { ...planned, runtimeInfo: null, origin, state, reason, lowerBoundMs: 0, ratioToLowerBound: null, runs: [], stats: statsOf([]) };
}
