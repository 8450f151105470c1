/**
 * Chaos (`chaosMs`): workers killed at random in the middle of pages are replaced and their URLs
 * retried, so a crawl under chaos still returns exactly the site, and counts the restarts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { childProcesses } from '../crawlers/child-processes.js';
import type { Crawler } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { workerThreads } from '../crawlers/worker-threads.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { descendantsOf } from './helpers/processes.js';
import { visitsOf } from './helpers/visits.js';

const fixtures = fixtureServers();
afterEach(() => fixtures.closeAll());

describe.each([
  { impl: 'worker-threads', crawler: workerThreads as Crawler },
  { impl: 'child-processes', crawler: childProcesses as Crawler },
])('$impl under chaos', ({ crawler }) => {
  it('returns the exact ground truth of 127 pages at 20 ms latency while a busy worker is killed every 300 ms', async () => {
    const site = await fixtures.start({ pages: 127, latencyMs: 20 });
    // 127 pages at 4 workers and 20 ms each take at least 32 rounds (> 640 ms; about 1.3 s here),
    // so several chaos ticks land while pages are in flight. Ticks much faster than a worker's
    // start-up (100-200 ms of CPU) would spend the machine on restarts: see SupervisionLimits.
    const result = await crawler(resolveCrawlOptions({ startUrl: site.startUrl, workers: 4, chaosMs: 300 }));
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    expect(result.stats.restarts).toBeGreaterThanOrEqual(2);
    expect(result.stats.errors).toBe(0);
    expect(result.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(descendantsOf(process.pid).filter((p) => p.cmdline.includes('child-process-entry'))).toEqual([]);
  }, 120_000);
});
