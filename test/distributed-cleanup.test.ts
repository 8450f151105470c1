/**
 * The distributed crawler leaves nothing behind, on the real process table: no worker process and
 * no redis-server (nor its watchdog) after an abort in the middle of a crawl, after SIGTERM to a
 * `crawl` process, and even after SIGKILL to one, which runs no cleanup at all. Without
 * redis-server on the machine it fails with one line naming the Debian package, unless given a
 * Redis to use.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MissingToolError } from '../common/errors.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { distributed } from '../crawlers/distributed/distributed.js';
import { type CountingProxy, startCountingProxy } from './helpers/counting-proxy.js';
import { eventually } from './helpers/eventually.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { isRunning } from './helpers/processes.js';
import { distributedProcessesOf, runKeysLeft, sharedRedis } from './helpers/redis.js';
import { visitsOf } from './helpers/visits.js';

const fixtures = fixtureServers();
const proxies: CountingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await fixtures.closeAll();
});
const redis = sharedRedis();
beforeAll(redis.start);
afterAll(redis.stop);

const CRAWL_SCRIPT = fileURLToPath(new URL('../dist/scripts/crawl.js', import.meta.url));

/** Workers, redis-server and its watchdog of the crawls below `pid` (the shared server excluded). */
const crawlProcessesOf = (pid: number) => distributedProcessesOf(pid, [redis.server.pid]);
const workersOf = (pid: number) => crawlProcessesOf(pid).filter((entry) => entry.cmdline.includes('distributed-worker-entry'));

/** A slow fixture behind a proxy that shows how far the crawl got, so a stop lands mid-crawl. */
async function slowSite(): Promise<{ startUrl: string; pageCount: number; proxy: CountingProxy }> {
  const site = await fixtures.start({ latencyMs: 300 });
  const proxy = await startCountingProxy(site.origin);
  proxies.push(proxy);
  return { startUrl: `${proxy.origin}/`, pageCount: site.truth.pageCount, proxy };
}

describe('distributed leaves nothing behind', () => {
  it('after an abort in the middle of the crawl: the pages in flight end as aborted', async () => {
    const site = await slowSite();
    const controller = new AbortController();
    const crawl = distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10, hosts: 2, signal: controller.signal }));
    await eventually('pages of the second level in flight', () => site.proxy.requestedPaths.length > 5, 60_000);
    const pids = crawlProcessesOf(process.pid).map((entry) => entry.pid);
    // 10 workers, a redis-server and its watchdog: the check must see them, or "none left" proves nothing.
    expect(pids).toHaveLength(12);
    controller.abort();
    const result = await crawl;
    expect(result.pages.length).toBeLessThan(site.pageCount);
    expect(result.pages.some((page) => page.error === 'aborted')).toBe(true);
    expect(new Set(result.pages.map((page) => page.url)).size).toBe(result.pages.length);
    expect(crawlProcessesOf(process.pid)).toEqual([]);
    expect(pids.filter(isRunning)).toEqual([]);
  }, 120_000);

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'after %s to a `crawl` process running the distributed crawler',
    async (signal) => {
      const site = await slowSite();
      const parent = spawn(process.execPath, [CRAWL_SCRIPT, site.startUrl, '--impl', 'distributed', '--workers', '4', '--hosts', '2'], { stdio: 'ignore' });
      const exited = once(parent, 'exit');
      const parentPid = parent.pid ?? -1;
      await eventually('the crawl process to start its 4 workers and Redis', () => workersOf(parentPid).length === 4 && crawlProcessesOf(parentPid).length === 6, 60_000);
      await eventually('pages in flight', () => site.proxy.requestedPaths.length > 1, 60_000);
      const pids = crawlProcessesOf(parentPid).map((entry) => entry.pid);
      parent.kill(signal);
      const [code] = await exited;
      // SIGTERM is handled like Ctrl-C: the crawl stops its workers and Redis and reports an interruption.
      if (signal === 'SIGTERM') expect(code).toBe(130);
      // After SIGKILL nothing of the parent ran: workers see their IPC channel close, and the watchdog
      // its stdin pipe. Orphans are re-parented to init, so look them up by pid.
      await eventually('every worker and the redis-server of the stopped crawl to exit', () => pids.every((pid) => !isRunning(pid)), 15_000);
      expect(pids.filter(isRunning)).toEqual([]);
    },
    120_000,
  );

  it('without redis-server on PATH: fails with one line naming the Debian package, and runs with --redis', async () => {
    const site = await fixtures.start({ pages: 30 });
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const failed = distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 2 }));
      await expect(failed).rejects.toThrow(MissingToolError);
      await expect(failed).rejects.toThrow(/install Debian's redis-server package/);
      const result = await distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 2, redisUrl: redis.url }));
      expect(visitsOf(result)).toHaveLength(site.truth.pageCount);
    } finally {
      process.env.PATH = path;
    }
    expect(await runKeysLeft(redis.client)).toEqual([]);
    const cli = await execa(process.execPath, [CRAWL_SCRIPT, site.startUrl, '--impl', 'distributed', '--workers', '2'], { reject: false, env: { PATH: '/nonexistent', CRAWLBENCH_DEBUG: '' } });
    expect(cli.exitCode).toBe(2);
    expect(String(cli.stderr).trim().split('\n')).toEqual([expect.stringMatching(/redis-server not found.*apt-get install redis-server.*--redis URL/)]);
  }, 120_000);
});
