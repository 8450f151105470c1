import { afterAll, describe, expect, it } from 'vitest';
import type { CrawlProgress } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { loadCrawler } from '../crawlers/registry.js';
import { fixtureServers } from './helpers/fixture-servers.js';

const servers = fixtureServers();
afterAll(() => servers.closeAll());

describe('crawl progress (onProgress)', () => {
  it.each(['promise-pool', 'worker-threads', 'child-processes'])('%s reports every recorded page to the coordinator-side callback', async (impl) => {
    const fixture = await servers.start({ latencyMs: 2 });
    const seen: CrawlProgress[] = [];
    const options = resolveCrawlOptions({ startUrl: fixture.startUrl, workers: 3 });
    // The callback stays with the coordinator: a function could not be sent to a worker at all.
    const result = await (await loadCrawler(impl))({ ...options, onProgress: (progress) => seen.push(progress) });
    expect(result.pages).toHaveLength(fixture.truth.pageCount);
    expect(seen).toHaveLength(fixture.truth.pageCount);
    expect(seen.map((p) => p.pages)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.every((p) => p.inFlight <= 3)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ pages: fixture.truth.pageCount, queued: 0, inFlight: 0 });
  });
});
