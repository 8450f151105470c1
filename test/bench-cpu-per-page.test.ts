/**
 * Issue 14's CPU per page: the tree's CPU minus what loading the crawler cost, over the pages,
 * per run and per configuration, for JS crawlers (their root reports what it spent before
 * crawling) and for command crawlers (a probe against a closed port).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults, RunResult } from '../harness/results/results.js';
import { cpuPerPage } from '../harness/bench/run-bench.js';
import { runBenchCli } from './helpers/cli-runners.js';
import { tempDirs } from './helpers/temp-files.js';

const SLOW_START = fileURLToPath(new URL('./data/slow-start-crawler.py', import.meta.url));

describe('cpuPerPage', () => {
  it('subtracts the load CPU and divides by the pages', () => {
    expect(cpuPerPage(500, 100, 200)).toBe(2);
  });
  it('is unknown without either figure or without pages, and never negative', () => {
    expect(cpuPerPage(null, 100, 10)).toBeNull();
    expect(cpuPerPage(500, null, 10)).toBeNull();
    expect(cpuPerPage(500, 100, 0)).toBeNull();
    expect(cpuPerPage(10, 20, 5)).toBe(0);
  });
});

describe('bench: CPU per page in results.json and the summary', () => {
  const dirs = tempDirs('crawlbench-cpu-per-page-');
  afterAll(dirs.removeAll);

  it('leaves what loading costs out of CPU per page, for a JS model and for a command crawler that spends 300 ms of CPU before it crawls', async () => {
    const dir = await dirs.make();
    const out = join(dir, 'bench');
    const crawler = `slowstart=python3 ${SLOW_START} --url {url} --workers {workers} --timeout-ms {timeoutMs} --retries {retries} --max-pages {maxPages} --max-body-bytes {maxBodyBytes} --ca {ca} --out {out}`;
    const run = await runBenchCli(['--profile', 'quick', '--impl', 'promise-pool,slowstart', '--workers', '10', '--runs', '2', '--warmup', '0', '--crawler', crawler, '--out', out], dir);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as BenchResults;
    const config = (impl: string) => {
      const found = results.configs.find((c) => c.impl === impl);
      if (found === undefined) throw new Error(`no ${impl} configuration`);
      expect(found.state).toBe('ok');
      return found;
    };
    const check = (runs: RunResult[]) => {
      for (const r of runs) {
        if (r.cpuMs === null || r.loadCpuMs === null || r.cpuPerPageMs === null || r.pages === null) throw new Error('a figure is missing');
        expect(r.loadCpuMs).toBeGreaterThan(0);
        expect(r.loadCpuMs).toBeLessThan(r.cpuMs);
        expect(r.cpuPerPageMs).toBeCloseTo((r.cpuMs - r.loadCpuMs) / r.pages, 9);
      }
    };
    const js = config('promise-pool');
    check(js.runs);
    const slow = config('slowstart');
    check(slow.runs);
    // Its probe spun 300 ms before failing on the closed port (the tree's CPU is in 10 ms ticks).
    for (const r of slow.runs) expect(r.loadCpuMs).toBeGreaterThanOrEqual(290);
    for (const c of [js, slow]) expect(c.stats.cpuPerPageMs?.n).toBe(2);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('CPU/page');
  }, 180_000);
});
