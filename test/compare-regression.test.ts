import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareResults } from '../harness/compare/compare-results.js';
import { mulberry32 } from '../common/seeded-random.js';
import type { BenchResults } from '../harness/results/results.js';
import { runCompareCli } from './helpers/cli-runners.js';
import { makeCompareResults, noisySamples } from './helpers/compare-results.js';
import { statsByMetric } from './helpers/expected-stats.js';
import { makeTempDir, writeResultsFile } from './helpers/temp-files.js';

const RUNS = 8;
const NOISE = 0.05;
const MIB = 1024 * 1024;

/** A bench of two configurations; `wallFactor` scales promise-pool@10's wall time, nothing else. */
function bench(seed: number, wallFactor: number): BenchResults {
  const random = mulberry32(seed);
  const config = (wallMs: number) => ({
    durationMs: noisySamples(random, RUNS, wallMs, NOISE),
    cpuMs: noisySamples(random, RUNS, 900, NOISE),
    peakRssBytes: noisySamples(random, RUNS, 70 * MIB, NOISE),
  });
  return makeCompareResults({ 'promise-pool@10': config(1200 * wallFactor), 'worker-threads@10': config(1400) });
}

describe('compare flags real changes and only those', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('crawlbench-compare-');
  });
  afterEach(async () => {
    await temp.remove();
  });

  async function compareCli(current: BenchResults, ...flags: string[]) {
    const baselinePath = await writeResultsFile(temp.dir, 'baseline.json', bench(1, 1));
    const currentPath = await writeResultsFile(temp.dir, 'current.json', current);
    return runCompareCli([baselinePath, currentPath, ...flags]);
  }

  it('calls a 30 % slowdown a regression, says how sure it is, and exits 1', async () => {
    const { exitCode, stdout, stderr } = await compareCli(bench(2, 1.3));
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
    const line = stdout.split('\n').find((l) => l.startsWith('promise-pool') && l.includes(' wall '));
    expect(line).toMatch(/REGRESSION$/);
    expect(line).toMatch(/\+\d\d\.\d %/); // the change
    expect(line).toMatch(/\[\+\d+\.\d, \+\d+\.\d\] %/); // its confidence interval, all above 0
    expect(line).toContain('<0.001'); // 8 vs 8 fully separated: p = 2 / C(16, 8)
    // The untouched configuration and metrics stay quiet.
    const others = stdout.split('\n').filter((l) => /^(promise-pool|worker-threads)/.test(l) && l !== line);
    expect(others).toHaveLength(5);
    for (const other of others) expect(other).toMatch(/no change$/);
    expect(stdout).toContain('REGRESSED: 1 regression, 0 improvements, 5 no change');
  });

  it('writes a Markdown table for a PR comment with the regression in bold', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 1.3), '--format', 'md');
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^### ❌ Performance regression/);
    expect(stdout).toContain('| impl | workers | metric | baseline | current | change | 95 % CI | p | verdict |');
    expect(stdout).toMatch(/\| promise-pool \| 10 \| wall \|.*\| 🔴 \*\*regression\*\* \|/);
  });

  it('gives machine-readable JSON with the same verdicts', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 1.3), '--format', 'json');
    expect(exitCode).toBe(1);
    const parsed = JSON.parse(stdout) as { regressed: boolean; rows: { impl: string; metric: string; verdict: string; pValue: number; ciPct: { lowPct: number } }[] };
    expect(parsed.regressed).toBe(true);
    const wall = parsed.rows.find((r) => r.impl === 'promise-pool' && r.metric === 'durationMs');
    expect(wall?.verdict).toBe('regression');
    expect(wall?.pValue).toBeLessThan(0.05);
    expect(wall?.ciPct.lowPct).toBeGreaterThan(10);
  });

  it('calls a 3 % slowdown "no change" under a 10 % threshold, and exits 0', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 1.03));
    expect(exitCode).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith('promise-pool') && l.includes(' wall '));
    expect(line).toMatch(/no change$/);
    expect(stdout).toContain('OK: 0 regressions, 0 improvements, 6 no change');
  });

  it('calls a 30 % speed-up an improvement, and exits 0', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 0.7));
    expect(exitCode).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith('promise-pool') && l.includes(' wall '));
    expect(line).toMatch(/-\d\d\.\d %/);
    expect(line).toMatch(/improvement$/);
  });

  it('applies per-metric thresholds: a 30 % slowdown under a 50 % wall threshold is no change', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 1.3), '--threshold', 'wall=50%,rss=5%');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('more than ±50 % (wall), ±10 % (cpu), ±5 % (rss)');
  });

  it('compares only the metrics asked for', async () => {
    const { exitCode, stdout } = await compareCli(bench(2, 1.3), '--metric', 'cpu,rss');
    expect(exitCode).toBe(0);
    expect(stdout).not.toMatch(/ wall /);
  });
});

describe('compareResults (the library the bench calls for --baseline)', () => {
  it('counts a configuration that stopped completing as a regression', () => {
    const baseline = bench(1, 1);
    const current = bench(2, 1);
    const broken = current.configs.map((c) => (c.impl === 'worker-threads' ? { ...c, state: 'failed' as const, stats: statsByMetric(() => undefined) } : c));
    const comparison = compareResults(baseline, { ...current, configs: broken });
    expect(comparison.regressed).toBe(true);
    expect(comparison.configChanges).toEqual([{ impl: 'worker-threads', workers: 10, change: 'failed' }]);
    expect(comparison.rows.every((row) => row.impl === 'promise-pool')).toBe(true);
  });

  it('is deterministic: the same inputs give the same intervals', () => {
    const a = compareResults(bench(1, 1), bench(2, 1.3));
    const b = compareResults(bench(1, 1), bench(2, 1.3));
    expect(a).toEqual(b);
  });

  it('treats a fall in throughput as the bad direction', () => {
    const random = mulberry32(9);
    const baseline = makeCompareResults({ 'promise-pool@10': { pagesPerSec: noisySamples(random, RUNS, 400, NOISE) } });
    const current = makeCompareResults({ 'promise-pool@10': { pagesPerSec: noisySamples(random, RUNS, 250, NOISE) } });
    const comparison = compareResults(baseline, current, { metrics: ['pagesPerSec'] });
    expect(comparison.rows[0]?.verdict).toBe('regression');
  });
});
