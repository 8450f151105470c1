import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../harness/results/results.js';
import { makeTempDir } from './helpers.js';

const BENCH = new URL('../dist/scripts/bench.js', import.meta.url).pathname;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBench(args: string[], cwd: string, onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BENCH, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    onSpawn?.(child);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench, quick profile, all implementations at 1 and 10 workers', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let run: CliRun;
  let results: BenchResults;
  const out = () => join(temp.dir, 'out');

  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-e2e-');
    run = await runBench(['--profile', 'quick', '--workers', '1,10', '--runs', '2', '--warmup', '1', '--out', out()], temp.dir);
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
    expect(results.schemaVersion).toBe(1);
    expect(results.config).toMatchObject({ profile: 'quick', pages: 127, latencyMs: 5, runs: 2, warmup: 1, workers: [1, 10] });
    const rows = results.configs.map((c) => `${c.impl}@${c.workers}`).sort();
    expect(rows).toEqual(['child-processes@1', 'child-processes@10', 'promise-pool@1', 'promise-pool@10', 'worker-threads@1', 'worker-threads@10']);
    for (const config of results.configs) {
      expect(config.valid).toBe(true);
      expect(config.state).toBe('completed');
      expect(config.runs).toHaveLength(2); // warm-ups are not kept
      for (const r of config.runs) {
        expect(r.state).toBe('ok');
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
    const history = readFileSync(join(temp.dir, 'reports', 'history.jsonl'), 'utf8').trim().split('\n');
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
    const args = ['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1,10,50', '--runs', '1', '--warmup', '0', '--out', out];
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
    expect(partial.configs.length).toBeGreaterThanOrEqual(1);
    expect(partial.configs.length).toBeLessThan(3);
    const first = partial.configs[0];

    const resumed = await runBench(['--resume', out], temp.dir);
    expect(resumed.code).toBe(0);
    const full = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(full.configs.map((c) => c.workers).sort((a, b) => a - b)).toEqual([1, 10, 50]);
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
    [['--workers', '0'], /--workers must be a whole number/],
    [['--workers', 'ten'], /--workers expects a number/],
    [['--runs', '1.5'], /--runs must be a whole number/],
    [['--profile', 'huge'], /unknown --profile "huge"/],
    [['--impl', 'goroutines'], /unknown implementation "goroutines"/],
    [['--keep-alive', 'maybe'], /--keep-alive expects on or off/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--baseline', 'no/such/file.json'], /cannot read no\/such\/file\.json/],
  ])('%j exits 2 with one line and starts nothing', async (args, message) => {
    const run = await runBench(args, temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
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
    expect(run.stderr).toMatch(/not comparable: latencyMs differs/);
    expect(existsSync(join(temp.dir, 'c'))).toBe(false);
  });

  it('refuses too few runs for a significant comparison', async () => {
    const run = await runBench(['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '2', '--out', join(temp.dir, 'd'), '--baseline', join(temp.dir, 'a')], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/at least 4 runs/);
  });
});
