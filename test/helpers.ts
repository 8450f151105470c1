/**
 * Shared test helpers. Several areas append here; add functions, don't rewrite others'.
 */
import { mulberry32 } from '../common/seeded-random.js';
import type {
  BenchResults,
  ConfigResult,
  HistoryEntry,
  MetricName,
  MetricStats,
  RunResult,
  TimelinePoint,
} from '../harness/results/results.js';
import { METRICS, RESULTS_SCHEMA_VERSION } from '../harness/results/results.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { BenchConfig } from '../harness/results/results.js';

// ---------------------------------------------------------------------------------------------
// Synthetic bench results (report and compare tests), deterministic: same call, same numbers.
// ---------------------------------------------------------------------------------------------

/** A fixture page path carrying markup, as a crawler would record it (URL-encoded). */
export const HOSTILE_URL = 'http://127.0.0.1:41234/docs/%3C/script%3E%3Cimg%20src=x%20onerror=alert(1)%3E';
/** Raw markup that would run if any report put it through innerHTML or closed its JSON block. */
export const HOSTILE_MARKUP = '</script><img src=x onerror=window.__xss=1>';
/** The reason of the sample's invalid run (worker-threads@10, run 3). */
export const SAMPLE_INVALID_REASON = `visited 499 of 500 pages; missing ${HOSTILE_URL} titled ${HOSTILE_MARKUP}`;

const MIB = 1024 * 1024;

/** 95 % two-sided Student t critical values by degrees of freedom (1…10); 1.96 beyond. */
const T_CRITICAL = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/** Statistics in results.json's vocabulary, computed plainly so tests know what to expect. */
export function statsOf(samples: number[]): MetricStats {
  const n = samples.length;
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, v) => sum + v, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(samples.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  const quantile = (q: number): number => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const a = sorted[lo] ?? 0;
    const b = sorted[hi] ?? 0;
    return a + (b - a) * (pos - lo);
  };
  const t = T_CRITICAL[n - 2] ?? 1.96;
  const rme = n < 2 || mean === 0 ? 0 : ((t * sd) / Math.sqrt(n) / mean) * 100;
  return { samples, n, mean, median: quantile(0.5), sd, min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0, p75: quantile(0.75), p99: quantile(0.99), rme };
}


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
    processWallMs,
    startupMs,
    cpuMs,
    cpuUserMs,
    cpuSystemMs: cpuMs - cpuUserMs,
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

/** Stats over ok runs only, as the bench computes them; null where a metric has no value. */
export function statsOverOkRuns(runs: RunResult[]): ConfigResult['stats'] {
  const ok = runs.filter((run) => run.state === 'ok');
  const stats: ConfigResult['stats'] = {};
  for (const metric of METRICS) {
    const values = ok.map((run) => run[metric as MetricName]).filter((v): v is number => typeof v === 'number');
    stats[metric] = values.length === 0 ? null : statsOf(values);
  }
  return stats;
}

function sampleConfig(impl: string, workers: number, random: () => number): ConfigResult {
  let runs = Array.from({ length: SAMPLE_RUNS }, (_, i) => sampleRun(impl, workers, i + 1, random));
  if (impl === 'worker-threads' && workers === 10) {
    runs = runs.map((run) => (run.index === 3 ? { ...run, state: 'invalid', reason: SAMPLE_INVALID_REASON, pages: 499 } : run));
  }
  if (impl === 'child-processes' && workers === 50) runs = runs.map((run) => failedRun(run, run.index));
  const ok = runs.filter((run) => run.state === 'ok');
  const lowerBoundMs = Math.max(SAMPLE_BFS_DEPTH * SAMPLE_LATENCY_MS, Math.ceil(SAMPLE_PAGES / workers) * SAMPLE_LATENCY_MS);
  const stats = statsOverOkRuns(runs);
  const medianMs = stats.durationMs?.median;
  return {
    impl,
    workers,
    state: ok.length > 0 ? 'completed' : 'failed',
    valid: ok.length === runs.length,
    lowerBoundMs,
    ratioToLowerBound: medianMs === undefined ? null : medianMs / lowerBoundMs,
    runs,
    stats,
  };
}

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
    },
    config: {
      profile: 'quick',
      seed: 42,
      pages: SAMPLE_PAGES,
      latencyMs: SAMPLE_LATENCY_MS,
      jitterMs: 5,
      connectLatencyMs: 10,
      tls: false,
      keepAlive: true,
      impls,
      workers,
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

// ---------------------------------------------------------------------------------------------
// Compare tests: results built from exact samples, and the compare CLI run as a user would.
// ---------------------------------------------------------------------------------------------

/** `impl@workers` → metric → the raw samples of that configuration's ok runs. */
export type CompareSamples = Record<string, Partial<Record<MetricName, number[]>>>;

/**
 * Results holding exactly the given samples (one ok run per sample index), on the fixture of
 * {@link makeSampleResults}; `config` overrides fixture fields (e.g. `{ latencyMs: 5 }`).
 */
export function makeCompareResults(samples: CompareSamples, config: Partial<BenchConfig> = {}): BenchResults {
  const base = makeSampleResults();
  const configs = Object.entries(samples).map(([key, metrics]): ConfigResult => {
    const [impl = '', workersText = '0'] = key.split('@');
    const workers = Number(workersText);
    const count = Math.max(0, ...Object.values(metrics).map((values) => values?.length ?? 0));
    const runs = Array.from({ length: count }, (_, i): RunResult => ({
      index: i + 1,
      state: 'ok',
      durationMs: metrics.durationMs?.[i] ?? null,
      processWallMs: metrics.processWallMs?.[i] ?? 0,
      startupMs: metrics.startupMs?.[i] ?? null,
      cpuMs: metrics.cpuMs?.[i] ?? null,
      cpuUserMs: null,
      cpuSystemMs: null,
      peakRssBytes: metrics.peakRssBytes?.[i] ?? 0,
      peakPssBytes: metrics.peakPssBytes?.[i] ?? null,
      rootMaxRssBytes: null,
      maxPids: 1,
      pages: base.config.pages,
      pagesPerSec: metrics.pagesPerSec?.[i] ?? null,
      requests: null,
      bytes: null,
      errors: 0,
      restarts: 0,
      maxInFlight: workers,
      timeline: [],
    }));
    const stats: ConfigResult['stats'] = {};
    for (const [metric, values] of Object.entries(metrics) as [MetricName, number[] | undefined][]) {
      stats[metric] = values === undefined || values.length === 0 ? null : statsOf(values);
    }
    return { impl, workers, state: count > 0 ? 'completed' : 'failed', valid: true, lowerBoundMs: 0, ratioToLowerBound: null, runs, stats };
  });
  const impls = [...new Set(configs.map((c) => c.impl))];
  const workers = [...new Set(configs.map((c) => c.workers))];
  return { ...base, config: { ...base.config, impls, workers, ...config }, configs };
}

/**
 * `n` values around `center` with normal noise of relative standard deviation `spread`
 * (0.05 = 5 %), from a seeded stream so every machine sees the same numbers.
 */
export function noisySamples(random: () => number, n: number, center: number, spread: number): number[] {
  return Array.from({ length: n }, () => {
    // Box-Muller; 1 - random() keeps the logarithm's argument in (0, 1].
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return center * (1 + spread * gaussian);
  });
}

/** A fresh temporary directory and a function removing it (call it in afterEach). */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes results (or any text) to `dir/name` and returns the path. */
export async function writeResultsFile(dir: string, name: string, results: BenchResults | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof results === 'string' ? results : JSON.stringify(results));
  return path;
}

/** Runs the compiled `compare` CLI (build first: `npm run build`) and returns what a user would see. */
export async function runCompareCli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL('../dist/scripts/compare.js', import.meta.url));
  const result = await execa('node', [script, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

// ---------------------------------------------------------------------------------------------
// Crawl tests: a forwarding proxy that observes what a crawler really does on the wire.
// ---------------------------------------------------------------------------------------------
import { createServer as createHttpServer, request as httpRequest, Agent as HttpAgent } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CrawlResult } from '../crawlers/contract.js';

/** An HTTP proxy in front of an `http:` origin that counts concurrent requests and open client sockets. */
export interface CountingProxy {
  /** Crawl this origin instead of the target's. */
  origin: string;
  /** Most requests being served at once so far. */
  readonly maxConcurrentRequests: number;
  /** Client connections currently open (the crawler's sockets). */
  readonly openSockets: number;
  /** Every request path, in arrival order. */
  readonly requestedPaths: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 forwarding every request to `targetOrigin` (an `http:` origin).
 * `onRequest` sees each path as it arrives, e.g. to abort a crawl at a precise moment.
 */
export async function startCountingProxy(targetOrigin: string, onRequest?: (path: string) => void): Promise<CountingProxy> {
  const upstreamAgent = new HttpAgent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const requestedPaths: string[] = [];
  let active = 0;
  let maxConcurrentRequests = 0;
  const server = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    active += 1;
    maxConcurrentRequests = Math.max(maxConcurrentRequests, active);
    requestedPaths.push(path);
    res.once('close', () => (active -= 1));
    const upstream = httpRequest(`${targetOrigin}${path}`, { method: req.method, headers: req.headers, agent: upstreamAgent }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
      response.once('error', () => res.destroy());
    });
    upstream.once('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
    onRequest?.(path);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get maxConcurrentRequests() {
      return maxConcurrentRequests;
    },
    get openSockets() {
      return sockets.size;
    },
    requestedPaths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        upstreamAgent.destroy();
      }),
  };
}

/** A crawl's records reduced to what the fixture's `expectedVisits` holds, sorted the same way (by url). */
export function visitsOf(result: CrawlResult): Array<{ url: string; status: number; error?: string }> {
  return result.pages
    .map(({ url, status, error }) => (error === undefined ? { url, status } : { url, status, error }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Fixture servers: start as many as a test needs, close them all in afterEach.
// ---------------------------------------------------------------------------------------------
// (Imports may sit here: declarations are hoisted, and this keeps the section self-contained.)
import type { FixtureOptions } from '../fixtures/fixture-options.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

/**
 * Tracks fixture servers so a test file can close every one it started:
 * `const fixtures = fixtureServers(); afterEach(() => fixtures.closeAll());`
 * then `const server = await fixtures.start({ pages: 60 })`.
 */
export function fixtureServers(): { start: (options?: Partial<FixtureOptions>) => Promise<FixtureServer>; closeAll: () => Promise<void> } {
  const open: FixtureServer[] = [];
  return {
    start: async (options = {}) => {
      const server = await startFixtureServer(options);
      open.push(server);
      return server;
    },
    closeAll: async () => {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Process table (supervised crawlers): what is really running, read from /proc, not a counter.
// ---------------------------------------------------------------------------------------------
import { readdirSync, readFileSync } from 'node:fs';

/** One live process from /proc: its parent and command line. Zombies count as gone. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every live (non-zombie) process on the machine, read from /proc/<pid>/stat and cmdline. */
export function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm (field 2) is in parentheses and may hold spaces; state and ppid follow the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      entries.push({ pid: Number(name), ppid: Number(ppid), cmdline });
    } catch {
      // The process ended between readdir and read: it is not running, which is all we ask.
    }
  }
  return entries;
}

/** Live descendants of `pid` (children, grandchildren, ...), by walking ppid links. */
export function descendantsOf(pid: number): ProcessEntry[] {
  const table = processTable();
  const found: ProcessEntry[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of table) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found;
}

/** Whether `pid` is a live (non-zombie) process. */
export function isRunning(pid: number): boolean {
  return processTable().some((entry) => entry.pid === pid);
}

/** OS threads of this process right now (/proc/self/task), worker_threads included. */
export function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

/**
 * Polls `condition` every 10 ms until it holds; rejects after `limitMs` with `what` in the
 * message. For waiting on an event that must happen (a process to appear or go), not a timing.
 */
export async function eventually(what: string, condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
