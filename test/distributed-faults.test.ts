/**
 * The distributed crawler under faults still returns exactly the site, and says what the faults
 * cost: workers killed at random (chaos), a whole host killed mid-crawl, a worker paused past its
 * lease and resumed (its late answer is refused, no page is recorded twice), and a page that kills
 * every worker it is given (dead-lettered as `worker-crashed` after the allowed deliveries).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { distributed } from '../crawlers/distributed/distributed.js';
import { runKeys, WORKER_GROUP } from '../crawlers/distributed/run-keys.js';
import { SUPERVISION_DEFAULTS } from '../crawlers/supervised/supervised-pool.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { poisonPage } from './helpers/poison-page.js';
import { distributedProcessesOf, FOREIGN_KEY, runKeysLeft, sharedRedis } from './helpers/redis.js';
import { visitsOf } from './helpers/visits.js';

const fixtures = fixtureServers();
afterEach(() => fixtures.closeAll());
const redis = sharedRedis();
beforeAll(redis.start);
afterAll(redis.stop);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No worker and no private redis-server of a crawl is left below this process. */
function expectNothingLeft(): void {
  expect(distributedProcessesOf(process.pid, [redis.server.pid])).toEqual([]);
}

/** A worker process of the running crawl that owns a pending entry right now: its pid and consumer name. */
async function busyWorker(): Promise<{ pid: number; runId: string; consumer: string }> {
  // Bounded: 10 s of 20 ms polls.
  for (let poll = 0; poll < 500; poll += 1) {
    for (const entry of distributedProcessesOf(process.pid, [redis.server.pid])) {
      const args = entry.cmdline.split(' ');
      const at = args.findIndex((arg) => arg.endsWith('distributed-worker-entry.js'));
      const [runId, consumer] = [args[at + 2], args[at + 3]];
      if (at < 0 || runId === undefined || consumer === undefined) continue;
      const owned = (await redis.client.call('XPENDING', runKeys(runId).frontier, WORKER_GROUP, '-', '+', 10, consumer)) as unknown[];
      if (owned.length > 0) return { pid: entry.pid, runId, consumer };
    }
    await sleep(20);
  }
  throw new Error('no worker of the crawl owned an entry within 10 s');
}

describe('distributed under faults', () => {
  it('returns the exact ground truth while a busy worker is killed every 500 ms, and counts the restarts and re-fetches', async () => {
    const site = await fixtures.start({ pages: 127, latencyMs: 30 });
    // 127 pages at 30 ms on 4 workers take over a second, so two ticks land while pages are in
    // flight. Faster ticks feed on themselves: a replacement worker costs a few hundred ms of CPU
    // (node, undici, ioredis), every restart stretches the crawl, and a longer crawl gets more ticks
    // (300 ms ticks at 20 ms latency: 18 restarts, 11 s). Short leases: a killed worker's page waits
    // one lease before another worker takes it over.
    const result = await distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 4, chaosMs: 500, leaseMs: 300 }));
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    expect(result.stats.restarts).toBeGreaterThanOrEqual(2);
    expect(result.stats.refetches).toBeGreaterThanOrEqual(1);
    expect(result.stats.errors).toBe(0);
    expect(result.stats.maxInFlight).toBeLessThanOrEqual(4);
    expectNothingLeft();
  }, 120_000);

  it('returns the exact ground truth when every worker of one of two hosts is killed mid-crawl, and reports the re-fetches and their wait', async () => {
    const site = await fixtures.start({ pages: 127, latencyMs: 50 });
    // 127 pages at 50 ms on 6 workers take over a second: the kill at 300 ms lands with pages in flight.
    const result = await distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 6, hosts: 2, killHostAfterMs: 300, leaseMs: 300 }));
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    expect(result.hosts).toBe(2);
    // The dead host's three busy workers each left a page to take over; its workers are not replaced.
    expect(result.stats.refetches).toBeGreaterThanOrEqual(1);
    expect(result.stats.reclaimWaitMs).toBeGreaterThanOrEqual(300);
    expect(result.stats.restarts).toBe(0);
    expect(result.stats.errors).toBe(0);
    expectNothingLeft();
  }, 120_000);

  it('refuses the late answer of a worker paused (SIGSTOP) past its lease and resumed, and records no page twice', async () => {
    const site = await fixtures.start({ pages: 127, latencyMs: 100 });
    const leaseMs = 300;
    // 127 pages at 100 ms on 3 workers take over 4 s: the paused worker resumes while the crawl runs.
    const crawl = distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 3, leaseMs, redisUrl: redis.url }));
    let victim = await busyWorker();
    process.kill(victim.pid, 'SIGSTOP');
    // Bounded: a worker that finished its page just before the pause owns nothing; pick another.
    for (let tries = 0; ((await redis.client.call('XPENDING', runKeys(victim.runId).frontier, WORKER_GROUP, '-', '+', 10, victim.consumer)) as unknown[]).length === 0; tries += 1) {
      process.kill(victim.pid, 'SIGCONT');
      if (tries >= 20) throw new Error('could not pause a worker in the middle of a page');
      victim = await busyWorker();
      process.kill(victim.pid, 'SIGSTOP');
    }
    await sleep(4 * leaseMs);
    process.kill(victim.pid, 'SIGCONT');
    const result = await crawl;

    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    expect(new Set(result.pages.map((page) => page.url)).size).toBe(result.pages.length);
    expect(result.stats.refetches).toBeGreaterThanOrEqual(1);
    expect(result.stats.refusedCompletions).toBeGreaterThanOrEqual(1);
    expect(result.stats.errors).toBe(0);
    expect(await runKeysLeft(redis.client)).toEqual([]);
    expect(await redis.client.get(FOREIGN_KEY)).toBe('42');
    expectNothingLeft();
  }, 120_000);

  it('dead-letters a page that kills every worker it is given as worker-crashed, after the allowed deliveries, and crawls the rest exactly', async () => {
    const site = await fixtures.start({ pages: 127 });
    const poison = poisonPage(site);
    const result = await distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 3, crashOnUrl: poison, leaseMs: 300 }));
    const expected = expectedVisits(site.truth, site.origin).map((visit) => (visit.url === poison ? { url: poison, status: 0, error: 'worker-crashed' } : visit));
    expect(visitsOf(result)).toEqual(expected);
    expect(result.pages.find((page) => page.url === poison)).toMatchObject({ status: 0, links: 0, bytes: 0 });
    // Each delivery killed one worker, each was replaced, and all but the first were re-fetches.
    expect(result.stats.restarts).toBe(SUPERVISION_DEFAULTS.crashAttempts);
    expect(result.stats.refetches).toBe(SUPERVISION_DEFAULTS.crashAttempts - 1);
    expect(result.stats.errors).toBe(1);
    expectNothingLeft();
  }, 120_000);
});
