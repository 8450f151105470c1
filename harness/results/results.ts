/**
 * The shape of `results.json`, the file every bench writes and that report and compare read.
 *
 * NOTE: this is a published format. A field renamed or removed here must be renamed in the report
 * (harness/export/), in compare (harness/compare/), in the reader (load-results.ts, which upgrades
 * older versions), and `RESULTS_SCHEMA_VERSION` bumped. A field added as optional needs no bump.
 *
 * Absent values are `null`, never a missing key, except where a field says it is optional.
 * Version 2 (from 1): one `state` per configuration ('ok' | 'partial' | 'failed' | 'skipped')
 * instead of `state` + `valid`; `origin` and `reason` per configuration; `durationSource` per run;
 * `environment.toolchains`; `notablePages` required; every metric key present in `stats`.
 * Version 3 (from 2): the runtime axis: `config.runtimes`, and per configuration `runtime` (part of
 * its identity, see config-identity.ts) and `runtimeInfo`.
 * Added to 3 as optional: `ab` and each configuration's `side`, written by an interleaved A/B bench
 * (`bench --against REF`, see ab-section.ts).
 * Version 4 (from 3): CPU per page. Per run `loadCpuMs` and `cpuPerPageMs`, and `cpuPerPageMs` in
 * `stats`; a version 3 file has neither figure (null), since it never measured what loading cost.
 */
import type { RuntimeInfo } from '../../crawlers/runtime/runtime-info.js';
import type { AbCalibration, AbGateSettings, AbRoundPurpose, AbRunRef, AbVerdict, Side } from './ab-section.js';

export const RESULTS_SCHEMA_VERSION = 4;

/** Fixture profiles a bench can run; see harness/bench/bench-options.ts for what each one means. */
export type ProfileName = 'seed' | 'quick' | 'large' | 'race';

export interface Environment {
  /** The Node that ran the harness (and the fixture, and every JS crawler under `--runtime node`). */
  nodeVersion: string;
  v8Version: string;
  /** e.g. `linux 6.1.0-18-amd64`. */
  os: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  /** HEAD of the checkout the bench ran from; null outside a git work tree. */
  gitCommit: string | null;
  /** Whether the work tree had uncommitted changes; null outside a git work tree. */
  gitDirty: boolean | null;
  /** Version of each native crawler's toolchain that built it, e.g. `{"go": "1.26.8"}`; {} when none ran. */
  toolchains: Record<string, string>;
}

export interface BenchConfig {
  profile: ProfileName;
  seed: number;
  /** Size of the fixture's ground-truth visited set. */
  pages: number;
  latencyMs: number;
  jitterMs: number;
  connectLatencyMs: number;
  tls: boolean;
  keepAlive: boolean;
  impls: string[];
  /** The runtimes the JS models ran under (`--runtime`); `node` is the harness's own. */
  runtimes: string[];
  /** Worker counts of the JS models. */
  workers: number[];
  /** Worker counts of the command crawlers (native and the user's): the article's 10 and 50 unless `--workers` is given. */
  commandWorkers: number[];
  /** The user's command crawlers, name → command template, so a resumed bench runs them again. */
  crawlers: Record<string, string>;
  /** Measured runs per configuration. */
  runs: number;
  /** Unmeasured warm-up runs per configuration. */
  warmup: number;
  sampleIntervalMs: number;
  /** A run still going after this is killed with its process tree and recorded as failed. */
  runTimeoutMs: number;
  /**
   * Hosts the `distributed` model spreads its workers over (groups of processes on this
   * machine), capped at each configuration's worker count. Optional (added to version 4): absent
   * in older files, which ran it on 1.
   */
  hosts?: number;
}

/** One sample of the measured process tree. */
export interface TimelinePoint {
  /** Since the run's process was spawned. */
  tMs: number;
  /** Sum of RSS over every live process of the tree. */
  rssBytes: number;
  /** Sum of PSS over the tree (Linux only), else null. */
  pssBytes: number | null;
  /** Number of live processes in the tree. */
  pids: number;
}

/**
 * One measured crawl in a fresh process.
 * `ok`: finished and its visited set equals the fixture's ground truth.
 * `invalid`: finished but the visited set differs (kept, flagged, excluded from statistics).
 * `failed`: timed out, crashed, or printed no result.
 */
export interface RunResult {
  index: number;
  state: 'ok' | 'invalid' | 'failed';
  /** Why a run is invalid or failed. */
  reason?: string;
  /** Crawl wall time, measured inside the crawler (pool start-up excluded), or see `durationSource`. */
  durationMs: number | null;
  /** `crawler`: its own timer; `process`: a command crawler that reports none, timed spawn to exit. */
  durationSource: 'crawler' | 'process' | null;
  /** Spawn to exit, measured from outside. */
  processWallMs: number;
  /** Worker pool start-up, measured inside (0 for the promise pool). */
  startupMs: number | null;
  /** User + system CPU of the whole tree: a JS root's `process.resourceUsage()` plus the children it reaped; a command crawler's reaped tree, from the harness's own cutime/cstime (10 ms ticks). */
  cpuMs: number | null;
  cpuUserMs: number | null;
  cpuSystemMs: number | null;
  /**
   * CPU of a process that only loads the crawler: for a JS crawler, what its root had spent
   * before crawling (the runtime's boot and every module); for a command crawler, the median
   * CPU of its command against a closed port (harness/measure/load-cpu-probe.ts), shared by the
   * configuration's runs. null when not measured.
   */
  loadCpuMs: number | null;
  /**
   * What crawling cost, per page: (cpuMs − loadCpuMs) ÷ pages. Pool start-up, JIT warm-up and
   * the workers' own loading count, as they are work the crawl did. null without both figures.
   */
  cpuPerPageMs: number | null;
  /** Peak of the sampled tree RSS sum. */
  peakRssBytes: number;
  /** Peak of the sampled tree PSS sum (Linux), else null. */
  peakPssBytes: number | null;
  /** The root process's own peak RSS from `process.resourceUsage().maxRSS` (converted from KiB); null for command crawlers. */
  rootMaxRssBytes: number | null;
  /** Most processes seen alive at once in the tree. */
  maxPids: number;
  pages: number | null;
  pagesPerSec: number | null;
  requests: number | null;
  bytes: number | null;
  errors: number | null;
  restarts: number | null;
  maxInFlight: number | null;
  /** Down-sampled to at most a few hundred points. */
  timeline: TimelinePoint[];
  /** The distributed model's redis-server, which the harness started outside the measured tree; absent for every other model. */
  service?: ServiceFigures;
}

/** What a service the crawl ran on cost during one run, measured on its own (harness/measure/service-figures.ts). */
export interface ServiceFigures {
  /** e.g. `redis-server`. */
  name: string;
  cpuMs: number | null;
  peakRssBytes: number | null;
  pssBytes: number | null;
  /** Commands the service processed, per page crawled; null where it cannot be asked. */
  commandsPerPage: number | null;
}

/** Metrics that get statistics; each is a numeric field of RunResult. */
export const METRICS = ['durationMs', 'processWallMs', 'startupMs', 'cpuMs', 'cpuPerPageMs', 'peakRssBytes', 'peakPssBytes', 'pagesPerSec'] as const;
export type MetricName = (typeof METRICS)[number];

/** Statistics over the valid runs of one configuration (tinybench's vocabulary). */
export interface MetricStats {
  /** The raw values, one per valid run, in run order. */
  samples: number[];
  n: number;
  mean: number;
  median: number;
  sd: number;
  min: number;
  max: number;
  p75: number;
  p99: number;
  /** Relative margin of error of the mean at 95 % confidence, in percent. */
  rme: number;
}

/**
 * `ok`: every measured run is ok. `partial`: some runs are ok, the others excluded. `failed`: no
 * run is ok (no figures). `skipped`: not run at all, `reason` says why (a missing toolchain).
 */
export type ConfigState = 'ok' | 'partial' | 'failed' | 'skipped';

/** One (implementation, worker count, runtime) configuration. */
export interface ConfigResult {
  impl: string;
  workers: number;
  /** The runtime a JS model ran under, by its `--runtime` name; null for a command crawler. */
  runtime: string | null;
  /** What that runtime said of itself (exact version, engine, executable, engine flags); null for a command crawler, or a bench older than runtimes. */
  runtimeInfo: RuntimeInfo | null;
  /** Which build ran it in an A/B bench (part of its identity); absent in any other bench. */
  side?: Side;
  /** `js`: a Node model; `native`: shipped in crawlers/native/; `user`: a command the user declared. */
  origin: 'js' | 'native' | 'user';
  state: ConfigState;
  /** Why it was skipped, or why it failed as a whole; null otherwise. */
  reason: string | null;
  /** max((bfsDepth + 1) × latency, ceil(pages / workers) × latency); 0 at latency 0. See harness/bench/lower-bound.ts. */
  lowerBoundMs: number;
  /** Median durationMs / lowerBoundMs; null when the bound is 0 or no run is ok. */
  ratioToLowerBound: number | null;
  /**
   * The crawl time of a zero-CPU crawler with W slots over the fixture's link graph
   * (harness/bench/schedule-bound.ts), and the median durationMs over it (null when the bound is 0
   * or no run is ok). Optional: absent in results written before it existed, and for a
   * configuration that was not run.
   */
  scheduleBoundMs?: number;
  ratioToScheduleBound?: number | null;
  runs: RunResult[];
  /** Over ok runs only; null when a metric has no value (e.g. PSS off Linux, CPU of a skipped crawler). */
  stats: Record<MetricName, MetricStats | null>;
}

/**
 * A page of the fixture worth a reader's look: a redirect, an error status, a fault, or a URL with
 * escaped characters (the fixture's HTML/JS payload page among them). Every valid run got each of
 * these exactly right, so the report lists them as what the crawlers were checked against.
 */
export interface NotablePage {
  url: string;
  status: number;
  error?: string;
}

export interface BenchResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  /** ISO 8601, when the bench started. */
  createdAt: string;
  environment: Environment;
  config: BenchConfig;
  /** From the fixture's ground truth. */
  bfsDepth: number;
  /** From the fixture's ground truth. */
  notablePages: NotablePage[];
  configs: ConfigResult[];
  /** Present only in the results of an interleaved A/B bench (`bench --against REF`). */
  ab?: AbSection;
}

/** An A/B bench's rounds (see ab-section.ts for their parts). */
export interface AbRound {
  purpose: AbRoundPurpose;
  /** Every run of the round, warm-ups included, in the order it ran. */
  order: AbRunRef[];
  /** One configuration per side. The gate round's are `results.configs` and are not repeated here (empty). */
  configs: ConfigResult[];
}

export interface AbSection {
  /** The ref as given, and the commit it named when the bench started. */
  base: { ref: string; commit: string; install: 'linked' | 'npm ci' };
  head: { commit: string | null; dirty: boolean | null };
  /** ABBA: pair i runs base then head when i is odd, head then base when even. */
  pairing: 'abba';
  gate: AbGateSettings;
  /** In the order they ran: calibration (with --calibrate), gate, confirmation (when something was flagged). */
  rounds: AbRound[];
  calibration: AbCalibration | null;
  /** Null until the gate has judged (an interrupted bench). */
  verdict: AbVerdict | null;
}

/** One line of `reports/history.jsonl`: enough to draw trends without the full results. */
export interface HistoryEntry {
  createdAt: string;
  gitCommit: string | null;
  gitDirty: boolean | null;
  environment: Pick<Environment, 'nodeVersion' | 'cpuModel' | 'cpuCount' | 'os'>;
  config: Pick<BenchConfig, 'profile' | 'pages' | 'latencyMs' | 'runs'>;
  /** `configKey` (`impl@workers`, `impl/runtime@workers`) → median of each metric (null when unmeasured). */
  medians: Record<string, Partial<Record<MetricName, number | null>>>;
}
