import { describe, expect, it } from 'vitest';
import type { PageVisit } from '../crawlers/contract.js';
import { crawlLoop } from '../crawlers/page/crawl-loop.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';

const ORIGIN = 'http://site.test';

/** A site as a map of path -> linked paths; every visit resolves on a later macrotask. */
function fakeSite(links: Record<string, string[]>, onVisit?: (url: string, signal: AbortSignal) => void) {
  return (url: string, signal: AbortSignal): Promise<PageVisit> => {
    onVisit?.(url, signal);
    const found = (links[new URL(url).pathname] ?? []).map((path) => `${ORIGIN}${path}`);
    return new Promise((resolve) => setTimeout(() => resolve({ record: { url, status: 200, bytes: 10, ms: 1, links: found.length }, found, requests: 1, skippedLongUrls: 0 }), 1));
  };
}

/** A root linking to n leaves. */
function star(n: number): Record<string, string[]> {
  return { '/': Array.from({ length: n }, (_, i) => `/p${i}`) };
}

describe('crawlLoop', () => {
  it('visits every reachable URL exactly once, following links found on visited pages', async () => {
    const visited: string[] = [];
    const site = { '/': ['/a', '/b', '/'], '/a': ['/b', '/c'], '/b': ['/a'], '/c': ['/'] };
    const result = await crawlLoop(
      resolveCrawlOptions({ startUrl: `${ORIGIN}/#x`, workers: 2 }),
      'fake',
      fakeSite(site, (url) => visited.push(url)),
    );
    expect(visited.sort()).toEqual(['/', '/a', '/b', '/c'].map((path) => `${ORIGIN}${path}`));
    expect(result.pages.map((page) => page.url).sort()).toEqual(visited);
    expect(result).toMatchObject({ impl: 'fake', workers: 2, startUrl: `${ORIGIN}/` });
    expect(result.stats).toMatchObject({ requests: 4, bytes: 40, errors: 0, startupMs: 0, restarts: 0 });
  });

  it.each([1, 3, 10])('keeps at most %i visits in flight and reaches that many when the frontier allows', async (workers) => {
    let inFlight = 0;
    let most = 0;
    const visit = fakeSite(star(30));
    const counted = async (url: string, signal: AbortSignal): Promise<PageVisit> => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await visit(url, signal);
      } finally {
        inFlight -= 1;
      }
    };
    const result = await crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/`, workers }), 'fake', counted);
    expect(result.pages).toHaveLength(31);
    expect(most).toBe(workers);
    expect(result.stats.maxInFlight).toBe(workers);
  });

  it('visits a redirect target before the pages already waiting', async () => {
    const order: string[] = [];
    const visit = async (url: string): Promise<PageVisit> => {
      order.push(new URL(url).pathname);
      const path = new URL(url).pathname;
      if (path === '/') return { record: { url, status: 200, bytes: 0, ms: 0, links: 4 }, found: ['/old', '/b', '/c', '/d'].map((p) => `${ORIGIN}${p}`), requests: 1, skippedLongUrls: 0 };
      if (path === '/old') return { record: { url, status: 301, bytes: 0, ms: 0, links: 1, redirectTo: `${ORIGIN}/new` }, found: [`${ORIGIN}/new`], requests: 1, skippedLongUrls: 0 };
      return { record: { url, status: 200, bytes: 0, ms: 0, links: 0 }, found: [], requests: 1, skippedLongUrls: 0 };
    };
    await crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/`, workers: 1 }), 'fake', visit);
    expect(order).toEqual(['/', '/old', '/new', '/b', '/c', '/d']);
  });

  it('stops admitting URLs at maxPages', async () => {
    const result = await crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/`, workers: 4, maxPages: 5 }), 'fake', fakeSite(star(30)));
    expect(result.pages).toHaveLength(5);
  });

  it('counts requests from visits and errors from records', async () => {
    const visit = async (url: string): Promise<PageVisit> => ({
      record: { url, status: 0, bytes: 0, ms: 5, links: 0, error: 'timeout' },
      found: [],
      requests: 3,
      skippedLongUrls: 0,
    });
    const result = await crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/` }), 'fake', visit);
    expect(result.stats).toMatchObject({ requests: 3, errors: 1 });
  });

  it('on abort stops scheduling, aborts the visits in flight and resolves at once with aborted records for them', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    // Visits to leaves never settle unless aborted, and even then only much later: the loop must not wait.
    const visit = (url: string, signal: AbortSignal): Promise<PageVisit> => {
      signals.push(signal);
      if (url === `${ORIGIN}/`) return fakeSite(star(20))(url, signal);
      return new Promise(() => {});
    };
    const pending = crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/`, workers: 5, signal: controller.signal }), 'fake', visit);
    setTimeout(() => controller.abort(), 20);
    const result = await pending;
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(signals).toHaveLength(6); // the root, then 5 leaves, and nothing after the abort
    expect(result.pages).toHaveLength(6);
    expect(result.pages.filter((page) => page.error === 'aborted')).toHaveLength(5);
    expect(result.stats.errors).toBe(5);
  });

  it('returns an empty result when the signal is aborted before the start', async () => {
    let calls = 0;
    const result = await crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/`, signal: AbortSignal.abort() }), 'fake', async (url) => {
      calls += 1;
      return fakeSite({})(url, new AbortController().signal);
    });
    expect(calls).toBe(0);
    expect(result.pages).toEqual([]);
  });

  it('rejects when a visit rejects (a bug, not a page failure), and when it throws synchronously', async () => {
    const rejecting = async (): Promise<PageVisit> => {
      throw new Error('bug in visit');
    };
    await expect(crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/` }), 'fake', rejecting)).rejects.toThrow('bug in visit');
    const throwing = (): Promise<PageVisit> => {
      throw new Error('sync bug');
    };
    await expect(crawlLoop(resolveCrawlOptions({ startUrl: `${ORIGIN}/` }), 'fake', throwing)).rejects.toThrow('sync bug');
  });
});
