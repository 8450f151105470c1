import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CRAWL_DEFAULTS } from '../crawlers/crawl-options.js';
import { measureRun } from '../harness/measure/measure-run.js';
import { createTreeSampler } from '../harness/measure/tree-sampler.js';
import { eventually } from './helpers/eventually.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { descendantsOf, isRunning, processTable } from './helpers/processes.js';

const servers = fixtureServers();
afterAll(() => servers.closeAll());

// The crawl as `npm run crawl` runs it: the crawler's own defaults.
const crawlOptions = (startUrl: string, workers: number) => ({ ...CRAWL_DEFAULTS, startUrl, workers });

describe('process-tree sampler on real crawls', () => {
  it('finds every child of a child-process crawl: W + 1 pids, tree RSS above the root alone', async () => {
    const fixture = await servers.start({ latencyMs: 20 });
    const workers = 4;
    const sampler = createTreeSampler();
    const run = await measureRun({
      request: { impl: 'child-processes', options: crawlOptions(fixture.startUrl, workers) },
      sampler,
      sampleIntervalMs: 25,
      timeoutMs: 60_000,
    });
    sampler.close();
    expect(run.state).toBe('finished');
    expect(run.maxPids).toBe(workers + 1);
    const rootMaxRss = run.rootMaxRssBytes ?? Number.POSITIVE_INFINITY;
    // Each child is a node process of its own (tens of MB): the tree must weigh more than the root.
    expect(run.peakRssBytes).toBeGreaterThan(rootMaxRss);
    expect(run.peakPssBytes).not.toBeNull();
    expect(run.peakPssBytes ?? 0).toBeLessThan(run.peakRssBytes);
    expect(run.timeline.length).toBeGreaterThan(3);
    expect(run.result?.pages.length).toBe(fixture.truth.pageCount);
    expect(run.durationSource).toBe('crawler');
    expect(run.cpu?.userMs ?? 0).toBeGreaterThan(0);
  });

  it("counts the CPU of children the root reaped (cutime/cstime), not only the root's own", async () => {
    const fixture = await servers.start({ latencyMs: 5 });
    const burnMs = 1500;
    process.env.CRAWLBENCH_BURN_MS = String(burnMs);
    const sampler = createTreeSampler();
    try {
      const run = await measureRun({
        request: { impl: 'promise-pool', options: crawlOptions(fixture.startUrl, 10) },
        sampler,
        sampleIntervalMs: 25,
        timeoutMs: 60_000,
        entryPath: new URL('./data/busy-child-entry.mjs', import.meta.url).pathname,
      });
      expect(run.state).toBe('finished');
      expect(run.result?.pages.length).toBe(fixture.truth.pageCount);
      // The root's own crawl of 127 pages takes far less than the child's burn.
      expect(run.cpu?.userMs ?? 0).toBeGreaterThanOrEqual(burnMs);
    } finally {
      sampler.close();
      delete process.env.CRAWLBENCH_BURN_MS;
    }
  });

  it('sees a promise-pool crawl as a single process', async () => {
    const fixture = await servers.start({ latencyMs: 5 });
    const sampler = createTreeSampler();
    const run = await measureRun({
      request: { impl: 'promise-pool', options: crawlOptions(fixture.startUrl, 10) },
      sampler,
      sampleIntervalMs: 25,
      timeoutMs: 60_000,
    });
    sampler.close();
    expect(run.state).toBe('finished');
    expect(run.maxPids).toBe(1);
    expect(run.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });
});

describe('a run that hangs', () => {
  it('is killed with its whole process tree at the timeout and recorded as failed', async () => {
    const marker = `crawlbench-hang-${process.pid}-${Date.now()}`;
    process.env.CRAWLBENCH_HANG_MARKER = marker;
    const sampler = createTreeSampler();
    try {
      const run = await measureRun({
        request: { impl: 'promise-pool', options: crawlOptions('http://127.0.0.1:9/', 1) },
        sampler,
        sampleIntervalMs: 25,
        timeoutMs: 1500,
        entryPath: new URL('./data/hanging-entry.mjs', import.meta.url).pathname,
      });
      expect(run.state).toBe('failed');
      expect(run.reason).toMatch(/timed out after 1500 ms/);
      expect(run.maxPids).toBe(2); // the hanging root and the child it started
      // The grandchild is gone too: read the process table, not a counter.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(processTable().filter((entry) => entry.cmdline.includes(marker))).toEqual([]);
    } finally {
      sampler.close();
      delete process.env.CRAWLBENCH_HANG_MARKER;
    }
  });
});

describe('tree sampler bookkeeping', () => {
  it('keeps no file descriptor for processes that left the tree (one sampler serves a whole bench)', async () => {
    const sampler = createTreeSampler();
    const openFds = () => readdirSync('/proc/self/fd').length;
    const before = openFds();
    for (let round = 0; round < 3; round++) {
      const tree = spawn(
        process.execPath,
        ['-e', "for (let i = 0; i < 10; i++) require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6)"],
        { stdio: 'ignore', detached: true },
      );
      await eventually('the tree to have 11 processes', () => descendantsOf(tree.pid ?? -1).length === 10);
      expect((await sampler.sample(tree.pid ?? -1)).pids).toHaveLength(11);
      process.kill(-(tree.pid ?? -1), 'SIGKILL');
      await eventually('the tree to exit', () => descendantsOf(tree.pid ?? -1).length === 0 && !isRunning(tree.pid ?? -1));
    }
    const next = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    await sampler.sample(next.pid ?? -1);
    // 34 processes were sampled; only the one still in the sampled tree may hold a descriptor.
    const held = openFds() - before;
    next.kill('SIGKILL');
    sampler.close();
    expect(held).toBeLessThanOrEqual(1);
  });

  it('returns no pids once the root is gone', async () => {
    const sampler = createTreeSampler();
    const sample = await sampler.sample(2 ** 22 + 12345); // above pid_max on default kernels
    sampler.close();
    expect(sample.pids).toEqual([]);
    expect(sample.rssBytes).toBe(0);
  });
});
