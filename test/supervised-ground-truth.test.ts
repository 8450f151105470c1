/**
 * The thread and process crawlers visit exactly the fixture's ground truth, and the same pages
 * with the same statuses as the promise pool, at 1, 10 and 50 workers over http and https.
 *
 * The crawlers are imported from TypeScript source; their workers still run the bundled entries
 * in dist/ (see crawlers/supervised/worker-bundle.ts), so `npm run build` must have run (`npm test`
 * does).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcesses } from '../crawlers/child-processes.js';
import type { CrawlResult, Crawler } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { promisePool } from '../crawlers/promise-pool.js';
import { workerThreads } from '../crawlers/worker-threads.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { visitsOf } from './helpers/visits.js';

const IMPLS: Array<{ impl: string; crawler: Crawler }> = [
  { impl: 'worker-threads', crawler: workerThreads },
  { impl: 'child-processes', crawler: childProcesses },
];

describe.each([{ tls: false }, { tls: true }])('supervised crawlers, tls $tls', ({ tls }) => {
  const fixtures = fixtureServers();
  let startUrl = '';
  let expected: ReturnType<typeof expectedVisits> = [];
  let ca: string | undefined;
  let promisePoolResult: CrawlResult;

  // One fixture for the whole block: the 503-once page answers 503 once per server, and every
  // crawler retries it, so sharing the server changes nothing a crawl records.
  beforeAll(async () => {
    const site = await fixtures.start({ tls });
    startUrl = site.startUrl;
    expected = expectedVisits(site.truth, site.origin);
    ca = tls ? await readFile(FIXTURE_CA_PATH, 'utf8') : undefined;
    promisePoolResult = await promisePool(resolveCrawlOptions({ startUrl, workers: 10, ca }));
  });
  afterAll(() => fixtures.closeAll());

  describe.each(IMPLS)('$impl', ({ impl, crawler }) => {
    it.each([1, 10, 50])(
      'visits exactly the ground truth, as the promise pool does, at %i workers',
      async (workers) => {
        // 50 processes starting on 2 shared cores can stall a request for seconds; a generous
        // timeout keeps machine load from turning into spurious `timeout` records.
        const result = await crawler(resolveCrawlOptions({ startUrl, workers, ca, timeoutMs: 30_000 }));
        expect(result).toMatchObject({ impl, workers, startUrl });
        expect(visitsOf(result)).toEqual(expected);
        expect(visitsOf(result)).toEqual(visitsOf(promisePoolResult));
        expect(result.stats.maxInFlight).toBeLessThanOrEqual(workers);
        expect(result.stats.maxInFlight).toBeGreaterThan(0);
        expect(result.stats.restarts).toBe(0);
        expect(result.stats.startupMs).toBeGreaterThan(0);
        expect(result.stats.errors).toBe(0);
      },
      180_000,
    );
  });
});
