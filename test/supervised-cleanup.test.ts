/**
 * Nothing is left behind: after a crawl, after an abort, and after the parent crawl process gets
 * SIGTERM, no worker thread or child process of the crawl is still running. Checked on the real
 * process table (/proc), not on the pool's own bookkeeping.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { childProcesses } from '../crawlers/child-processes.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { workerThreads } from '../crawlers/worker-threads.js';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy.js';
import { eventually } from './helpers/eventually.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { descendantsOf, isRunning, threadCount, type ProcessEntry } from './helpers/processes.js';

const fixtures = fixtureServers();
const proxies: CountingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await fixtures.closeAll();
});

/** A slow fixture behind a proxy that shows how far the crawl got, so an abort lands mid-crawl. */
async function slowSite(): Promise<{ startUrl: string; pageCount: number; proxy: CountingProxy }> {
  const site = await fixtures.start({ latencyMs: 300 });
  const proxy = await startCountingProxy(site.origin);
  proxies.push(proxy);
  return { startUrl: `${proxy.origin}/`, pageCount: site.truth.pageCount, proxy };
}

const CRAWL_SCRIPT = fileURLToPath(new URL('../dist/scripts/crawl.js', import.meta.url));

/** Child-process workers of `pid` (the crawl's coordinator). */
function crawlChildrenOf(pid: number): ProcessEntry[] {
  return descendantsOf(pid).filter((entry) => entry.cmdline.includes('child-process-entry.js'));
}

describe('child-processes leaves no process behind', () => {
  it('after a complete crawl', async () => {
    const site = await fixtures.start({ latencyMs: 20 });
    const crawl = childProcesses(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10 }));
    // The check must see the workers while they run, or "none left" would prove nothing.
    await eventually('10 child workers running', () => crawlChildrenOf(process.pid).length === 10);
    const result = await crawl;
    expect(result.pages).toHaveLength(site.truth.pageCount);
    expect(crawlChildrenOf(process.pid)).toEqual([]);
  });

  it('after an abort in the middle of the crawl', async () => {
    const site = await slowSite();
    const controller = new AbortController();
    const crawl = childProcesses(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10, signal: controller.signal }));
    await eventually('pages of the second level in flight', () => site.proxy.requestedPaths.length > 5);
    const pids = crawlChildrenOf(process.pid).map((entry) => entry.pid);
    expect(pids).toHaveLength(10);
    controller.abort();
    const result = await crawl;
    expect(result.pages.length).toBeLessThan(site.pageCount);
    expect(result.pages.some((page) => page.error === 'aborted')).toBe(true);
    expect(crawlChildrenOf(process.pid)).toEqual([]);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('after SIGTERM to a `crawl` process running the child-processes crawler', async () => {
    const site = await fixtures.start({ latencyMs: 300 });
    const parent = spawn(process.execPath, [CRAWL_SCRIPT, site.startUrl, '--impl', 'child-processes', '--workers', '10'], {
      stdio: 'ignore',
    });
    const exited = once(parent, 'exit');
    const parentPid = parent.pid ?? -1;
    await eventually('the crawl process to start its 10 workers', () => crawlChildrenOf(parentPid).length === 10, 30_000);
    const pids = crawlChildrenOf(parentPid).map((entry) => entry.pid);
    parent.kill('SIGTERM');
    // SIGTERM is handled like Ctrl-C: the pool is shut down and the crawl reports an interruption.
    const [code] = await exited;
    expect(code).toBe(130);
    // Orphans would be re-parented to init, so look them up by pid, not under the dead parent.
    await eventually('every worker of the terminated crawl to exit', () => pids.every((pid) => !isRunning(pid)));
    expect(pids.filter(isRunning)).toEqual([]);
  });
});

describe('worker-threads leaves no thread behind', () => {
  let baseline = 0;
  beforeAll(async () => {
    // A first small crawl starts whatever this process creates once and keeps (libuv's pool,
    // V8 platform threads), so the baseline holds only long-lived threads.
    const site = await fixtures.start({ pages: 30 });
    await workerThreads(resolveCrawlOptions({ startUrl: site.startUrl, workers: 2 }));
    await fixtures.closeAll();
    baseline = threadCount();
  });

  it('after a complete crawl', async () => {
    const site = await fixtures.start({ latencyMs: 20 });
    const crawl = workerThreads(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10 }));
    await eventually('10 worker threads running', () => threadCount() >= baseline + 10);
    const result = await crawl;
    expect(result.pages).toHaveLength(site.truth.pageCount);
    expect(threadCount()).toBe(baseline);
  });

  it('after an abort in the middle of the crawl', async () => {
    const site = await slowSite();
    const controller = new AbortController();
    const crawl = workerThreads(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10, signal: controller.signal }));
    await eventually('pages of the second level in flight', () => site.proxy.requestedPaths.length > 5);
    expect(threadCount()).toBeGreaterThanOrEqual(baseline + 10);
    controller.abort();
    const result = await crawl;
    expect(result.pages.length).toBeLessThan(site.pageCount);
    expect(result.pages.some((page) => page.error === 'aborted')).toBe(true);
    expect(threadCount()).toBe(baseline);
  });
});
