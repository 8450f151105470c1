/**
 * One `npm run bench`, start to finish: fixture up, every configuration measured and saved as it
 * completes, report written, latest/ and history updated, baseline compared; the fixture stopped
 * whatever happens. The script around it only parses flags and shows progress.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FixtureStartError, InvalidArgumentError, StaleBuildError } from '../../common/errors.js';
import { FIXTURE_CA_PATH } from '../../fixtures/fixture-paths.js';
import { expectedVisits, groundTruth, type GroundTruth } from '../../fixtures/ground-truth.js';
import { BENCH_LIMITS, benchConfigOf, configurationsOf, type BenchOptions } from './bench-options.js';
import { assertSameFixture } from '../compare/check-comparable.js';
import { DEFAULT_ALPHA } from '../compare/compare-options.js';
import { compareResults, type Comparison } from '../compare/compare-results.js';
import { minimumSamplesPerSide } from '../stats/mann-whitney.js';
import { collectEnvironment } from './environment.js';
import { writeReport } from '../export/write-report.js';
import { spawnServeScript, type ServeProcess } from '../../fixtures/serve-process.js';
import { loadHistory } from '../results/load-history.js';
import { loadResults } from '../results/load-results.js';
import { projectRoot } from '../../common/project-root.js';
import { notablePagesOf } from './notable-pages.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from '../results/results.js';
import { appendHistory, createResultsStore, historyEntryOf, publishLatest, RESULTS_LOG_NAME, reopenResultsStore, type ResultsStore } from '../results/results-store.js';
import { sameConfig } from '../results/config-identity.js';
import { prepareRuntimes } from './prepare-runtimes.js';
import { configNotRun, runBench, type BenchEvents, type BenchTarget } from './run-bench.js';
import { crawlerSet, type CrawlerSet } from '../../crawlers/crawler-set.js';
import { ensureAllBuilt } from '../../crawlers/external/native-build.js';
import { createTreeSampler, type TreeSampler } from '../measure/tree-sampler.js';
import { sweepStaleRunDirs } from '../measure/run-temp-dir.js';
import { checkPoolMemory, machineMemory } from '../../crawlers/supervised/pool-memory-check.js';
import { checkBenchOutDir } from './check-bench-out-dir.js';

export interface BenchOutcome {
  dir: string;
  results: BenchResults;
  /** False when interrupted: the finished configurations are on disk and `--resume dir` completes them. */
  complete: boolean;
  reportPaths?: { html: string; markdown: string };
  latestDir?: string;
  /** Set when a baseline was given and the bench completed. */
  comparison?: Comparison;
  /** Every measured run is ok. */
  allValid: boolean;
  /** `--resume` of a bench that had finished: nothing was run or changed. */
  alreadyComplete?: boolean;
}

export interface SessionHooks extends BenchEvents {
  /** Something the user should know that is not a failure, e.g. a repaired results.jsonl. */
  onNotice?(text: string): void;
  /** A native crawler is being built (first use, or its sources changed); may take minutes. */
  onNativeBuild?(name: string, command: string): void;
  /** A crawler will not run: its toolchain is missing (skipped) or its build failed. */
  onCrawlerUnavailable?(name: string, state: 'skipped' | 'failed', reason: string): void;
  /** Called once the store exists, with the runs left to do (warm-ups included). */
  onStart?(info: { dir: string; runsTotal: number; runsDone: number }): void;
}

export async function runBenchSession(options: BenchOptions, hooks: SessionHooks = {}, signal?: AbortSignal, sampler: TreeSampler = createTreeSampler()): Promise<BenchOutcome> {
  // An --out that cannot work fails now, not at the copy to latest/ after every run.
  checkBenchOutDir(options);
  // Run directories of benches killed before their `finally` (SIGKILL); no run outlives the longest timeout.
  sweepStaleRunDirs({ unownedOlderThanMs: BENCH_LIMITS.runTimeoutS.max * 1000 });
  // Read the baseline first: a bad file must fail before minutes of measuring, not after.
  const baseline = options.baselinePath ? await loadResults(options.baselinePath) : undefined;
  // Every runtime found and asked what it is before anything is written: a missing one is exit 2.
  const asked = options.resumeDir === undefined ? await prepareRuntimes(options.runtimes) : undefined;
  // ...and a baseline this bench could never be compared with fails before anything is written.
  const { store, truth } = await openStore(
    options,
    (results) => {
      assertPoolsFit(results.config);
      if (baseline) assertComparableWithBaseline(baseline, results);
    },
    hooks.onNotice,
  );
  const { config } = store.results;
  const crawlers = crawlerSet(config.crawlers);
  const planned = configurationsOf(config, (impl) => !crawlers.commands.has(impl));
  if (options.resumeDir !== undefined && planned.every((entry) => store.results.configs.some((done) => sameConfig(done, entry)))) {
    // Nothing to do: no fixture, no history line, latest/ left as it is.
    return { dir: store.dir, results: store.results, complete: true, alreadyComplete: true, allValid: allValid(store.results) };
  }
  const runtimes = asked ?? (await prepareRuntimes(config.runtimes));
  await prepareNativeCrawlers(store, crawlers, hooks);
  // The fixture runs in a process of its own so its CPU and memory never mix into a crawler's.
  const fixture = await startFixture(config);
  try {
    const perConfig = config.runs + config.warmup;
    const notRun = store.results.configs.filter((entry) => entry.state === 'skipped' || entry.runs.length === 0).length;
    hooks.onStart?.({ dir: store.dir, runsTotal: (planned.length - notRun) * perConfig, runsDone: (store.results.configs.length - notRun) * perConfig });
    const complete = await runBench(store, await benchTargetOf(fixture, truth, config, crawlers, runtimes), { sampler }, hooks, signal);
    const results = store.results;
    if (!complete) return { dir: store.dir, results, complete, allValid: allValid(results) };

    const historyFile = await appendHistory(options.reportsDir, historyEntryOf(results));
    const history = await loadHistory(historyFile);
    const reportPaths = await writeReport(store.dir, results, history);
    const latestDir = await publishLatest(store.dir, options.reportsDir);
    const comparison = baseline ? compareResults(baseline, results) : undefined;
    return { dir: store.dir, results, complete, reportPaths, latestDir, allValid: allValid(results), ...(comparison ? { comparison } : {}) };
  } finally {
    sampler.close();
    await fixture.stop();
  }
}

/**
 * Builds the native crawlers this bench runs (on first use, or when their sources changed) and
 * records each toolchain's version; a crawler whose toolchain is missing is recorded as skipped
 * at each of its worker counts, one whose build failed as failed, so neither stops the bench.
 */
async function prepareNativeCrawlers(store: ResultsStore, crawlers: CrawlerSet, hooks: SessionHooks): Promise<void> {
  const { config, environment } = store.results;
  const specs = config.impls.flatMap((impl) => crawlers.commands.get(impl)?.spec ?? []);
  const outcomes = await ensureAllBuilt(specs, (spec) => hooks.onNativeBuild?.(spec.name, spec.build.join(' ')));
  for (const spec of specs) {
    const outcome = outcomes.get(spec.name);
    if (outcome === undefined) continue;
    if (outcome.state === 'ready') {
      environment.toolchains[spec.tool.command] = outcome.toolVersion;
      continue;
    }
    hooks.onCrawlerUnavailable?.(spec.name, outcome.state, outcome.reason);
    for (const workers of config.commandWorkers) {
      const planned = { impl: spec.name, workers, runtime: null };
      if (!store.results.configs.some((done) => sameConfig(done, planned))) await store.addConfig(configNotRun(planned, 'native', outcome.state, outcome.reason));
    }
  }
}

/** A skipped crawler (no toolchain) is not a failure of the bench; a failed build, or any run that is not ok, is. */
function allValid(results: BenchResults): boolean {
  return results.configs.every((entry) => entry.state === 'ok' || entry.state === 'skipped');
}

/** The store of a new or resumed bench, with the ground truth of its fixture (computed once). */
export async function openStore(options: BenchOptions, check: (results: BenchResults) => void, repairedNotice?: (text: string) => void): Promise<{ store: ResultsStore; truth: GroundTruth }> {
  if (options.resumeDir) {
    // loadResults has already refused another schema version.
    const store = await reopenResultsStore(options.resumeDir);
    if (store.repaired) repairedNotice?.(`${join(store.dir, RESULTS_LOG_NAME)} ended in a cut-off line (the bench was killed mid-write); the fragment was removed and its configuration runs again`);
    check(store.results);
    return { store, truth: groundTruth({ seed: store.results.config.seed, pages: store.results.config.pages }) };
  }
  const createdAt = new Date().toISOString();
  const where = options.outDir !== undefined ? { dir: options.outDir } : { base: join(options.reportsDir, createdAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')) };
  const truth = groundTruth({ seed: options.seed, pages: options.pages });
  const results: BenchResults = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt,
    environment: collectEnvironment(projectRoot()),
    config: benchConfigOf(options),
    bfsDepth: truth.bfsDepth,
    // Listed by path: the port changes with every fixture start, the pages do not.
    notablePages: notablePagesOf(truth.pages.map(({ path, ...page }) => ({ ...page, url: path })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))),
    configs: [],
  };
  check(results);
  return { store: await createResultsStore(where, results), truth };
}

/** The fixture server in a process of its own (its failure to start is the user's to fix: exit 1). */
/**
 * What every run of a bench crawls, against the fixture that is up: its URL, the ground truth
 * there, the CA over HTTPS. A fixture whose size differs from the truth means dist/ is stale.
 */
export async function benchTargetOf(fixture: ServeProcess, truth: GroundTruth, config: BenchResults['config'], crawlers: CrawlerSet, runtimes: BenchTarget['runtimes']): Promise<BenchTarget> {
  if (fixture.ready.pages !== truth.pageCount) {
    throw new StaleBuildError(`fixture serves ${fixture.ready.pages} pages but the ground truth has ${truth.pageCount}: dist/ is stale; run \`npm run build\``);
  }
  return {
    startUrl: fixture.ready.url,
    expected: expectedVisits(truth, fixture.ready.url),
    bfsDepth: truth.bfsDepth,
    truth,
    ...(config.tls ? { ca: await readFile(FIXTURE_CA_PATH, 'utf8') } : {}),
    caPath: config.tls ? FIXTURE_CA_PATH : '',
    commands: crawlers.commands,
    runtimes,
  };
}

export async function startFixture(config: BenchResults['config']): Promise<ServeProcess> {
  try {
    return await spawnServeScript([
      '--seed',
      String(config.seed),
      '--pages',
      String(config.pages),
      '--latency',
      String(config.latencyMs),
      '--jitter',
      String(config.jitterMs),
      '--connect-latency',
      String(config.connectLatencyMs),
      '--keep-alive',
      config.keepAlive ? 'on' : 'off',
      ...(config.tls ? ['--tls'] : []),
    ]);
  } catch (error) {
    throw new FixtureStartError(`${error instanceof Error ? error.message : String(error)} (was \`npm run build\` run?)`);
  }
}

/** Every thread and process pool of the matrix fits this machine's memory (its largest W is enough). */
export function assertPoolsFit(config: BenchResults['config']): void {
  const memory = machineMemory();
  for (const impl of config.impls) checkPoolMemory(impl, Math.max(...config.workers), memory);
}

/** Same fixture, and enough runs for the Mann-Whitney test to ever reach the default alpha. */
function assertComparableWithBaseline(baseline: BenchResults, results: BenchResults): void {
  assertSameFixture(baseline, results);
  const needed = minimumSamplesPerSide(DEFAULT_ALPHA);
  if (results.config.runs < needed) {
    throw new InvalidArgumentError(`--baseline needs at least ${needed} runs per configuration for a significant result at alpha ${DEFAULT_ALPHA}; raise --runs (now ${results.config.runs})`);
  }
}
