/**
 * `bench --hosts N`: the distributed model's workers spread over N hosts, recorded in results.json
 * and the summary, capped at each configuration's worker count; a bad value is refused up front.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crawlOptionsOf } from '../harness/bench/run-bench.js';
import type { BenchResults } from '../harness/results/results.js';
import { runBenchCli } from './helpers/cli-runners.js';
import { tempDirs } from './helpers/temp-files.js';

describe('bench --hosts', () => {
  const dirs = tempDirs('crawlbench-bench-hosts-');
  afterAll(dirs.removeAll);

  it('asks every run for the hosts, never more than its workers', () => {
    const target = { startUrl: 'http://127.0.0.1:9/' };
    expect(crawlOptionsOf({ keepAlive: true, hosts: 4 }, target, 10).hosts).toBe(4);
    expect(crawlOptionsOf({ keepAlive: true, hosts: 4 }, target, 2).hosts).toBe(2);
    expect(crawlOptionsOf({ keepAlive: true }, target, 10).hosts).toBe(1);
  });

  it('runs the distributed model over 2 hosts, exact, and says so in results.json and summary.md', async () => {
    const dir = await dirs.make();
    const out = join(dir, 'bench');
    const run = await runBenchCli(['--profile', 'quick', '--impl', 'distributed', '--workers', '1,4', '--hosts', '2', '--runs', '1', '--warmup', '0', '--out', out], dir);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(results.config.hosts).toBe(2);
    expect(results.configs.map((c) => [c.workers, c.state])).toEqual([
      [1, 'ok'],
      [4, 'ok'],
    ]);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('distributed over 2');
  }, 180_000);

  it('refuses --hosts 0 with one line and exit 2, before anything runs', async () => {
    const dir = await dirs.make();
    const run = await runBenchCli(['--impl', 'distributed', '--hosts', '0'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--hosts');
  });
});
