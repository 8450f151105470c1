import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlerSet } from '../crawlers/crawler-set.js';
import { METRICS, RESULTS_SCHEMA_VERSION, type BenchResults } from '../harness/results/results.js';
import { makeTempDir } from './helpers/temp-files.js';
import { type BenchCliRun, runBenchCli } from './helpers/cli-runners.js';

const JS_MODELS = ['promise-pool', 'worker-threads', 'child-processes'];

type CliRun = BenchCliRun;
const runBench = runBenchCli;

describe('npm run bench, quick profile, the three JS models at 1 and 10 workers', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let run: CliRun;
  let results: BenchResults;
  const out = () => join(temp.dir, 'out');

  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-e2e-');
    // The JS models only: the native crawlers (built on first use, minutes) have tests of their own.
    run = await runBench(['--profile', 'quick', '--impl', JS_MODELS.join(','), '--workers', '1,10', '--runs', '2', '--warmup', '1', '--out', out()], temp.dir);
    results = JSON.parse(await readFile(join(out(), 'results.json'), 'utf8')) as BenchResults;
  }, 300_000);
  afterAll(() => temp?.remove());

  it('exits 0 and prints the summary table on stdout', () => {
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/promise-pool\s+1\b/);
    expect(run.stdout).toContain('results: ');
  });

  it('writes one valid row per implementation × worker count, with statistics over the raw runs', () => {
    expect(results.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(results.config).toMatchObject({
      profile: 'quick',
      pages: 127,
      latencyMs: 5,
      runs: 2,
      warmup: 1,
      impls: JS_MODELS,
      runtimes: ['node'],
      workers: [1, 10],
      commandWorkers: [1, 10],
      crawlers: {},
    });
    expect(results.environment.toolchains).toEqual({});
    expect(Array.isArray(results.notablePages)).toBe(true);
    const rows = results.configs.map((c) => `${c.impl}@${c.workers}`).sort();
    expect(rows).toEqual(['child-processes@1', 'child-processes@10', 'promise-pool@1', 'promise-pool@10', 'worker-threads@1', 'worker-threads@10']);
    for (const config of results.configs) {
      expect(config.state).toBe('ok');
      expect(config.origin).toBe('js');
      expect(config.reason).toBeNull();
      expect(Object.keys(config.stats).sort()).toEqual([...METRICS].sort());
      expect(config.runs).toHaveLength(2); // warm-ups are not kept
      for (const r of config.runs) {
        expect(r.state).toBe('ok');
        expect(r.durationSource).toBe('crawler');
        expect(r.pages).toBe(127);
        expect(r.timeline.length).toBeGreaterThan(0);
        expect(r.timeline.length).toBeLessThanOrEqual(300);
      }
      const wall = config.stats.durationMs;
      expect(wall?.samples).toEqual(config.runs.map((r) => r.durationMs));
      expect(wall?.median).toBeGreaterThan(0);
      expect(config.lowerBoundMs).toBe(Math.max(results.bfsDepth + 1, Math.ceil(127 / config.workers)) * 5);
      expect(config.ratioToLowerBound).toBeCloseTo((wall?.median ?? 0) / config.lowerBoundMs, 6);
      expect(config.stats.peakRssBytes?.median).toBeGreaterThan(0);
      expect(config.stats.cpuMs?.median).toBeGreaterThan(0);
    }
    const childTen = results.configs.find((c) => c.impl === 'child-processes' && c.workers === 10);
    expect(childTen?.runs.every((r) => r.maxPids === 11)).toBe(true);
    expect(results.environment.cpuCount).toBeGreaterThan(0);
  });

  it('writes the report, the summary, results.jsonl, latest/ and a history line', () => {
    for (const file of ['results.jsonl', 'report.html', 'summary.md']) expect(existsSync(join(out(), file))).toBe(true);
    expect(readFileSync(join(out(), 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(6);
    expect(existsSync(join(temp.dir, 'reports', 'latest', 'results.json'))).toBe(true);
    const history = readFileSync(join(temp.dir, 'reports', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(history).toHaveLength(1);
    expect(Object.keys(JSON.parse(history[0] ?? '{}').medians)).toHaveLength(6);
  });
});

describe('interrupting a bench and resuming it', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-resume-');
  });
  afterAll(() => temp?.remove());

  it('keeps the finished configurations on SIGINT, and --resume completes only the rest', async () => {
    const out = join(temp.dir, 'out');
    // Configurations run by worker count: W = 1, then W = 2 at 20 ms. The second cannot finish in
    // under ceil(127 / 2) × 20 ms (two pages at a time), far longer than the 10 ms poll below takes
    // to interrupt it, so exactly one configuration is on disk when the bench stops.
    const args = ['--profile', 'quick', '--latency', '20', '--impl', 'promise-pool', '--workers', '2,1', '--runs', '1', '--warmup', '0', '--out', out];
    const interrupted = await runBench(args, temp.dir, (child) => {
      // Interrupt as soon as the first configuration is on disk, like a user pressing Ctrl-C.
      const poll = setInterval(() => {
        if (!existsSync(join(out, 'results.jsonl'))) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 10);
      child.on('close', () => clearInterval(poll));
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`--resume ${out}`);
    const partial = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(partial.configs.map((c) => `${c.impl}@${c.workers}`)).toEqual(['promise-pool@1']);
    const first = partial.configs[0];

    const resumed = await runBench(['--resume', out], temp.dir);
    expect(resumed.code).toBe(0);
    const full = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(full.configs.map((c) => c.workers).sort((a, b) => a - b)).toEqual([1, 2]);
    expect(full.config.latencyMs).toBe(20);
    expect(full.createdAt).toBe(partial.createdAt);
    // The configuration finished before the interruption is kept as it was, not measured again.
    expect(full.configs.find((c) => c.workers === first?.workers)).toEqual(first);
  }, 300_000);
});

describe('bad flags', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-badflags-');
  });
  afterAll(() => temp?.remove());

  it.each([
    [['--workers', '0'], 'bench: --workers must be a whole number from 1 to 1000, got 0 [CB_INVALID_ARGUMENT]'],
    [['--workers', 'ten'], 'bench: --workers must be a number in plain decimal notation, got "ten" [CB_INVALID_ARGUMENT]'],
    [['--workers', '0x10'], 'bench: --workers must be a number in plain decimal notation, got "0x10" [CB_INVALID_ARGUMENT]'],
    [['--runs', '1.5'], 'bench: --runs must be a whole number from 1 to 1000, got 1.5 [CB_INVALID_ARGUMENT]'],
    [['--profile', 'huge'], 'bench: unknown --profile "huge"; choose one of: seed, quick, large, race [CB_INVALID_ARGUMENT]'],
    [['--impl', 'goroutines'], `bench: unknown crawler "goroutines" in --impl; choose one of: ${crawlerSet().names.join(', ')} (or declare one with --crawler NAME=COMMAND) [CB_INVALID_ARGUMENT]`],
    [['--keep-alive', 'maybe'], 'bench: --keep-alive expects on or off, got "maybe" [CB_INVALID_ARGUMENT]'],
    [['--baseline', 'no/such/file.json'], 'bench: cannot read no/such/file.json: no such file or directory (give a results.json or a report directory, e.g. reports/latest) [CB_BAD_INPUT_FILE]'],
  ])('%j exits 2 with one line and a code, and starts nothing', async (args, message) => {
    const run = await runBench(args, temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stderr.trimEnd()).toMatch(/^bench: [^\n]+ \[CB_[A-Z_]+\]$/);
    expect(existsSync(join(temp.dir, 'reports'))).toBe(false);
  });

  it('exits 2 with one line for an unknown flag (util.parseArgs: no crawlbench code)', async () => {
    const run = await runBench(['--bogus'], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^bench: Unknown option '--bogus'\..* \(see --help\)\n$/);
    expect(existsSync(join(temp.dir, 'reports'))).toBe(false);
  });
});

describe('npm run bench -- --baseline', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-baseline-');
  });
  afterAll(() => temp?.remove());

  it('compares with the baseline at the end and prints the comparison', async () => {
    const args = ['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '4'];
    const first = await runBench([...args, '--out', join(temp.dir, 'a')], temp.dir);
    expect(first.code).toBe(0);
    const second = await runBench([...args, '--out', join(temp.dir, 'b'), '--baseline', join(temp.dir, 'a')], temp.dir);
    // Same code twice: usually no change, but noise may pass the test; either way it is compared.
    expect([0, 1]).toContain(second.code);
    expect(second.stdout).toMatch(/promise-pool\s+1\s+wall/);
    expect(second.stdout).toMatch(/no change|regression|improvement/);
  }, 120_000);

  it('refuses a baseline of another fixture before measuring anything', async () => {
    const run = await runBench(['--profile', 'quick', '--latency', '20', '--impl', 'promise-pool', '--workers', '1', '--out', join(temp.dir, 'c'), '--baseline', join(temp.dir, 'a')], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('bench: not comparable: latencyMs differs (baseline 5, current 20); run both benches with the same --profile and fixture flags [CB_INVALID_ARGUMENT]\n');
    expect(existsSync(join(temp.dir, 'c'))).toBe(false);
  });

  it('refuses too few runs for a significant comparison', async () => {
    const run = await runBench(['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '2', '--out', join(temp.dir, 'd'), '--baseline', join(temp.dir, 'a')], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bench: --baseline needs at least 4 runs per configuration for a significant result at alpha [\d.]+; raise --runs \(now 2\) \[CB_INVALID_ARGUMENT\]\n$/);
  });
});
