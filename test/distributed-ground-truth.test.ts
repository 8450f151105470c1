/**
 * The distributed crawler visits exactly the fixture's ground truth at 1, 10 and 50 workers over
 * one and two hosts, over http and https, with a private redis-server and with a shared one, and
 * leaves nothing behind: no key of the run in the shared Redis (whose other keys it never
 * touches), no worker process, no redis-server.
 *
 * The crawler is imported from TypeScript source; its workers run the compiled entry in dist/, so
 * `npm run build` must have run (the global setup checks).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { distributed } from '../crawlers/distributed/distributed.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { distributedProcessesOf, FOREIGN_KEY, runKeysLeft, sharedRedis } from './helpers/redis.js';
import { visitsOf } from './helpers/visits.js';

const redis = sharedRedis();
beforeAll(redis.start);
afterAll(redis.stop);

const CASES = [
  { workers: 1, hosts: 1, shared: false },
  { workers: 10, hosts: 2, shared: true },
  { workers: 50, hosts: 2, shared: true },
];

describe.each([{ tls: false }, { tls: true }])('distributed, tls $tls', ({ tls }) => {
  const fixtures = fixtureServers();
  let startUrl = '';
  let expected: ReturnType<typeof expectedVisits> = [];
  let ca: string | undefined;

  // One fixture for the block: the 503-once page answers 503 once per server, and the crawler
  // retries it, so sharing the server changes nothing a crawl records.
  beforeAll(async () => {
    const site = await fixtures.start({ tls });
    startUrl = site.startUrl;
    expected = expectedVisits(site.truth, site.origin);
    ca = tls ? await readFile(FIXTURE_CA_PATH, 'utf8') : undefined;
  });
  afterAll(() => fixtures.closeAll());

  it.each(CASES)(
    'visits exactly the ground truth at $workers workers on $hosts hosts (shared Redis: $shared)',
    async ({ workers, hosts, shared }) => {
      // 50 processes starting on 2 shared cores can hold a request for seconds; a generous timeout
      // keeps machine load from turning into spurious `timeout` records.
      const result = await distributed(resolveCrawlOptions({ startUrl, workers, hosts, ca, timeoutMs: 30_000, ...(shared && { redisUrl: redis.url }) }));
      expect(result).toMatchObject({ impl: 'distributed', workers, hosts, startUrl });
      expect(visitsOf(result)).toEqual(expected);
      expect(new Set(result.pages.map((page) => page.url)).size).toBe(result.pages.length);
      expect(result.stats.maxInFlight).toBeLessThanOrEqual(workers);
      expect(result.stats.maxInFlight).toBeGreaterThan(0);
      expect(result.stats.startupMs).toBeGreaterThan(0);
      expect(result.stats.errors).toBe(0);
      expect(result.stats.restarts).toBe(0);
      expect(result.stats.requests).toBeGreaterThanOrEqual(result.pages.length);
      expect(result.stats.bytes).toBe(result.pages.reduce((sum, page) => sum + page.bytes, 0));
      expect(result.stats.refetches).toBeGreaterThanOrEqual(0);
      expect(await runKeysLeft(redis.client)).toEqual([]);
      expect(await redis.client.get(FOREIGN_KEY)).toBe('42');
      expect(distributedProcessesOf(process.pid, [redis.server.pid])).toEqual([]);
    },
    180_000,
  );
});
