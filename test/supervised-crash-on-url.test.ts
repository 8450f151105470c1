/**
 * A page whose visit kills its worker every time (`crashOnUrl` fault injection) is tried a bounded
 * number of times, then recorded as `worker-crashed`; the rest of the crawl is unaffected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { childProcesses } from '../crawlers/child-processes.js';
import type { Crawler } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { SUPERVISION_DEFAULTS } from '../crawlers/supervised/supervised-pool.js';
import { workerThreads } from '../crawlers/worker-threads.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import type { FixtureServer } from '../fixtures/server.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { descendantsOf } from './helpers/processes.js';
import { visitsOf } from './helpers/visits.js';

const fixtures = fixtureServers();
afterEach(() => fixtures.closeAll());

/**
 * A plain page at the greatest depth: every page it links to is also reachable another way (one
 * reachable only through it would be one level deeper), so losing it loses no other page. Its URL
 * must not be a prefix of another URL, since `crashOnUrl` matches a substring.
 */
function poisonPage(site: FixtureServer): string {
  const urls = expectedVisits(site.truth, site.origin).map((visit) => visit.url);
  const candidate = site.truth.pages.find(
    (page) => page.status === 200 && page.error === undefined && site.truth.depthOf(page.path) === site.truth.bfsDepth && urls.filter((url) => url.includes(`${site.origin}${page.path}`)).length === 1,
  );
  if (!candidate) throw new Error('fixture has no plain page at its greatest depth');
  return `${site.origin}${candidate.path}`;
}

describe.each([
  { impl: 'worker-threads', crawler: workerThreads as Crawler },
  { impl: 'child-processes', crawler: childProcesses as Crawler },
])('$impl with a page that kills its worker', ({ crawler }) => {
  it('records that page as worker-crashed after 3 attempts and every other page exactly', async () => {
    const site = await fixtures.start({ pages: 127 });
    const poison = poisonPage(site);
    const result = await crawler(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10, crashOnUrl: poison }));

    const expected = expectedVisits(site.truth, site.origin).map((visit) => (visit.url === poison ? { url: poison, status: 0, error: 'worker-crashed' } : visit));
    expect(visitsOf(result)).toEqual(expected);
    expect(result.pages.find((page) => page.url === poison)).toMatchObject({ status: 0, links: 0, bytes: 0 });
    // Each attempt killed one worker, and each was replaced.
    expect(result.stats.restarts).toBe(SUPERVISION_DEFAULTS.crashAttempts);
    expect(result.stats.errors).toBe(1);
    expect(descendantsOf(process.pid).filter((p) => p.cmdline.includes('child-process-entry'))).toEqual([]);
  });
});
