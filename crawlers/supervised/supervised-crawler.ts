/**
 * A crawler whose units of work are supervised workers: start the pool (timed as `startupMs`), run
 * the shared coordinator `crawlLoop` with the pool as its `visit`, and stop every worker whatever
 * happens. The thread and process crawlers are this with a different transport.
 */
import type { CrawlOptions, CrawlResult, Crawler } from '../contract.js';
import { crawlLoop } from '../page/crawl-loop.js';
import { startSupervisedPool } from './supervised-pool.js';
import type { WorkerTransport } from './worker-transport.js';

/**
 * @param impl implementation name written into the result, e.g. `worker-threads`
 * @param createTransport called once per crawl; resolving the worker entry can fail there
 */
export function supervisedCrawler(impl: string, createTransport: () => WorkerTransport): Crawler {
  // Options arrive resolved (resolveCrawlOptions), as for every crawler: validated once, at the door.
  return async (options: CrawlOptions): Promise<CrawlResult> => {
    const pool = await startSupervisedPool(createTransport(), options);
    // Chaos is a documented feature (resilience demos), not a test hook: every `chaosMs` one
    // random busy worker is killed the hard way, exactly like a crash the supervisor must absorb.
    const chaos = options.chaosMs > 0 ? setInterval(() => pool.killRandomBusyWorker(), options.chaosMs) : undefined;
    try {
      const result = await crawlLoop(options, impl, (url, signal) => pool.visit(url, signal));
      return { ...result, stats: { ...result.stats, startupMs: pool.startupMs, restarts: pool.restarts } };
    } finally {
      clearInterval(chaos);
      await pool.close();
    }
  };
}
