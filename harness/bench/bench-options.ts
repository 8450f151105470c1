/**
 * What `npm run bench` runs: one interface, each field with its default, validated once
 * (the shape of tinybench's BenchOptions). Profiles are named starting points; explicit
 * flags override a profile's fields.
 */
import { checkNumber } from '../../common/check-number.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { CRAWL_DEFAULTS, CRAWL_LIMITS } from '../../crawlers/crawl-options.js';
import { FIXTURE_LIMITS } from '../../fixtures/fixture-options.js';
import type { BenchConfig, ProfileName } from '../results/results.js';
import { DEFAULT_RUNTIME } from '../../crawlers/runtime/default-runtime.js';
import { AB_DEFAULTS, type AbOptions } from '../ab/ab-options.js';

export interface BenchOptions extends BenchConfig {
  /** Directory of this bench's results; default `<reportsDir>/<timestamp>`. */
  outDir?: string;
  /** Finish the interrupted bench in this directory, with its recorded config. */
  resumeDir?: string;
  /** results.json (or report directory) to compare against at the end. */
  baselinePath?: string;
  /** Holds `latest/` and `history.jsonl`. @default 'reports' (relative to the working directory) */
  reportsDir: string;
  /** Set by `--against REF`: an interleaved A/B bench of that base against this checkout (harness/ab/). */
  ab?: AbOptions;
}

interface Profile {
  pages: number;
  latencyMs: number;
  runs: number;
  warmup: number;
  workers: number[];
  /** Worker counts of native and user crawlers when `--workers` is not given. */
  commandWorkers: number[];
  /** Seconds a single run may take before it is killed. */
  runTimeoutS: number;
}

/**
 * seed: the reference race, the article's: 127 pages at 50 ms, every crawler at 10 and 50
 *   workers; about 3½ minutes on 2 cores with the native crawlers (see README "Figures"). W = 1
 *   is not in it: three Node models at one page in flight cost 3 × 6 runs × 6.8 s of latency,
 *   more than half of the 4 minutes the default bench may take (issue 14); ask for it with
 *   `--workers 1,10,50`.
 * quick: the same site at 5 ms and 1/10 workers, for CI smoke runs and PR comparisons; about a
 *   minute. W = 50 is left out: starting 50 threads or processes costs seconds a run on 2 cores
 *   and measures start-up, not crawling.
 * large: 20 000 pages at latency 0, for throughput and how memory grows with the crawl.
 * race: the same as seed, which it was before seed dropped W = 1; kept so that commands and
 *   results naming it still work.
 * Native crawlers run at the article's 10 and 50 workers in every profile unless --workers is
 * given: they have no pool to start, so W = 50 costs them nothing extra.
 */
/** The worker counts of the article's race. */
const ARTICLE_WORKERS = [10, 50];

/** The article's race: the default profile, and `race` under its old name. */
const ARTICLE_RACE: Profile = { pages: 127, latencyMs: 50, runs: 5, warmup: 1, workers: ARTICLE_WORKERS, commandWorkers: ARTICLE_WORKERS, runTimeoutS: 120 };

export const PROFILES: Record<ProfileName, Profile> = {
  seed: ARTICLE_RACE,
  // No warm-up: every run is a fresh process anyway, and a median of 5 shrugs off the one run
  // that meets the fixture's page cache cold.
  quick: { pages: 127, latencyMs: 5, runs: 5, warmup: 0, workers: [1, 10], commandWorkers: ARTICLE_WORKERS, runTimeoutS: 60 },
  large: { pages: 20_000, latencyMs: 0, runs: 3, warmup: 1, workers: [1, 10, 50], commandWorkers: ARTICLE_WORKERS, runTimeoutS: 600 },
  race: ARTICLE_RACE,
};

/** The accepted range of the bench's own numeric options (fixture and crawl limits are imported). */
export const BENCH_LIMITS = {
  runs: { min: 1, max: 1000, integer: true },
  warmup: { min: 0, max: 100, integer: true },
  sampleIntervalMs: { min: 5, max: 10_000 },
  runTimeoutS: { min: 1, max: 86_400 },
} as const;

export const BENCH_DEFAULTS = {
  profile: 'seed' as ProfileName,
  seed: 1,
  jitterMs: 0,
  connectLatencyMs: 0,
  tls: false,
  keepAlive: true,
  hosts: CRAWL_DEFAULTS.hosts,
  sampleIntervalMs: 25,
  reportsDir: 'reports',
};

/** Everything the CLI may set; absent fields take the profile's or the defaults' value. */
export type BenchInput = Partial<Omit<BenchOptions, 'runTimeoutMs'>> & { runTimeoutS?: number };

/**
 * @param knownImpls every crawler name `--impl` may give (JS, native, the user's)
 * @param defaultImpls what runs without `--impl`; all known ones unless said otherwise
 */
export function resolveBenchOptions(input: BenchInput, knownImpls: readonly string[], defaultImpls: readonly string[] = knownImpls): BenchOptions {
  const profileName = input.profile ?? BENCH_DEFAULTS.profile;
  const profile = PROFILES[profileName];
  const hosts = input.hosts ?? BENCH_DEFAULTS.hosts;
  if (!profile) throw new InvalidArgumentError(`unknown profile "${String(profileName)}"; choose one of: ${Object.keys(PROFILES).join(', ')}`);
  const options: BenchOptions = {
    profile: profileName,
    seed: input.seed ?? BENCH_DEFAULTS.seed,
    pages: input.pages ?? profile.pages,
    latencyMs: input.latencyMs ?? profile.latencyMs,
    jitterMs: input.jitterMs ?? BENCH_DEFAULTS.jitterMs,
    connectLatencyMs: input.connectLatencyMs ?? BENCH_DEFAULTS.connectLatencyMs,
    tls: input.tls ?? BENCH_DEFAULTS.tls,
    keepAlive: input.keepAlive ?? BENCH_DEFAULTS.keepAlive,
    hosts,
    impls: input.impls ?? [...defaultImpls],
    runtimes: input.runtimes ?? [DEFAULT_RUNTIME],
    workers: input.workers ?? profile.workers,
    commandWorkers: input.workers ?? profile.commandWorkers,
    crawlers: input.crawlers ?? {},
    // An A/B bench measures pairs, and needs more of them than a profile's runs for its paired test.
    runs: input.runs ?? (input.ab === undefined ? profile.runs : AB_DEFAULTS.pairs),
    warmup: input.warmup ?? profile.warmup,
    sampleIntervalMs: input.sampleIntervalMs ?? BENCH_DEFAULTS.sampleIntervalMs,
    runTimeoutMs: (input.runTimeoutS ?? profile.runTimeoutS) * 1000,
    reportsDir: input.reportsDir ?? BENCH_DEFAULTS.reportsDir,
    outDir: input.outDir,
    resumeDir: input.resumeDir,
    baselinePath: input.baselinePath,
    ...(input.ab === undefined ? {} : { ab: input.ab }),
  };
  for (const impl of options.impls) {
    if (!knownImpls.includes(impl)) throw new InvalidArgumentError(`unknown crawler "${impl}" in --impl; choose one of: ${knownImpls.join(', ')} (or declare one with --crawler NAME=COMMAND)`);
  }
  if (options.impls.length === 0) throw new InvalidArgumentError('--impl needs at least one implementation');
  if (options.runtimes.length === 0) throw new InvalidArgumentError(`--runtime needs at least one runtime, e.g. ${DEFAULT_RUNTIME},bun`);
  if (new Set(options.runtimes).size !== options.runtimes.length) throw new InvalidArgumentError('--runtime must not repeat a value');
  if (options.workers.length === 0) throw new InvalidArgumentError('--workers needs at least one worker count, e.g. 1,10,50');
  for (const w of options.workers) checkNumber('--workers', w, CRAWL_LIMITS.workers);
  if (new Set(options.impls).size !== options.impls.length || new Set(options.workers).size !== options.workers.length) {
    throw new InvalidArgumentError('--impl and --workers must not repeat a value');
  }
  checkNumber('--hosts', hosts, CRAWL_LIMITS.hosts);
  checkNumber('--runs', options.runs, BENCH_LIMITS.runs);
  checkNumber('--warmup', options.warmup, BENCH_LIMITS.warmup);
  checkNumber('--pages', options.pages, FIXTURE_LIMITS.pages);
  checkNumber('--seed', options.seed, FIXTURE_LIMITS.seed);
  checkNumber('--latency', options.latencyMs, FIXTURE_LIMITS.latencyMs);
  checkNumber('--jitter', options.jitterMs, FIXTURE_LIMITS.jitterMs);
  checkNumber('--connect-latency', options.connectLatencyMs, FIXTURE_LIMITS.connectLatencyMs);
  checkNumber('--sample-ms', options.sampleIntervalMs, BENCH_LIMITS.sampleIntervalMs);
  checkNumber('--timeout', options.runTimeoutMs / 1000, BENCH_LIMITS.runTimeoutS);
  if (options.ab !== undefined) {
    if (options.resumeDir !== undefined) throw new InvalidArgumentError('--against cannot be resumed: its base worktree is gone with the bench; run it again');
    if (options.baselinePath !== undefined) throw new InvalidArgumentError('--against measures its own baseline; drop --baseline');
    if (options.ab.againstRef.trim() === '') throw new InvalidArgumentError('--against needs a git ref, e.g. --against origin/main');
  }
  return options;
}

/** The part of the options that describes the measurement and goes into results.json. */
export function benchConfigOf(options: BenchOptions): BenchConfig {
  const { profile, seed, pages, latencyMs, jitterMs, connectLatencyMs, tls, keepAlive, impls, runtimes, workers, commandWorkers, crawlers, runs, warmup, sampleIntervalMs, runTimeoutMs, hosts } =
    options;
  return {
    profile,
    seed,
    pages,
    latencyMs,
    jitterMs,
    connectLatencyMs,
    tls,
    keepAlive,
    impls,
    runtimes,
    workers,
    commandWorkers,
    crawlers,
    runs,
    warmup,
    sampleIntervalMs,
    runTimeoutMs,
    ...(hosts === undefined ? {} : { hosts }),
  };
}

/** One configuration a bench plans to run: a command crawler has no runtime (null). */
export interface PlannedConfig {
  impl: string;
  workers: number;
  runtime: string | null;
}

/**
 * Every (implementation, workers, runtime) a bench runs, in run order: by worker count, then in
 * `impls` order, then in `runtimes` order, so the runtimes of one model run side by side. JS
 * models run at `workers` under each runtime, command crawlers once at `commandWorkers`.
 */
export function configurationsOf(config: Pick<BenchConfig, 'impls' | 'runtimes' | 'workers' | 'commandWorkers'>, isJs: (impl: string) => boolean): PlannedConfig[] {
  const counts = [...new Set([...config.workers, ...config.commandWorkers])].sort((a, b) => a - b);
  return counts.flatMap((workers) =>
    config.impls
      .filter((impl) => (isJs(impl) ? config.workers : config.commandWorkers).includes(workers))
      .flatMap((impl): PlannedConfig[] => (isJs(impl) ? config.runtimes.map((runtime) => ({ impl, workers, runtime })) : [{ impl, workers, runtime: null }])),
  );
}
