import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CrawlOptions } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { promisePool } from '../crawlers/promise-pool.js';
import type { FixtureOptions } from '../fixtures/fixture-options.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { SPECIAL_PATHS } from '../fixtures/special-pages.js';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy.js';
import { visitsOf } from './helpers/visits.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh fixture per crawl: its 503-once page answers 503 only to the first request per server. */
async function fixture(options: Partial<FixtureOptions> = {}): Promise<FixtureServer> {
  const server = await startFixtureServer(options);
  cleanups.push(() => server.close());
  return server;
}

async function proxy(target: string, onRequest?: (path: string) => void): Promise<CountingProxy> {
  const started = await startCountingProxy(target, onRequest);
  cleanups.push(() => started.close());
  return started;
}

function crawl(startUrl: string, options: Partial<CrawlOptions> = {}) {
  return promisePool(resolveCrawlOptions({ startUrl, ...options }));
}

describe('promise-pool crawl of the fixture', () => {
  describe.each([
    { tls: false, keepAlive: true },
    { tls: false, keepAlive: false },
    { tls: true, keepAlive: true },
    { tls: true, keepAlive: false },
  ])('tls $tls, keep-alive $keepAlive', ({ tls, keepAlive }) => {
    it.each([1, 10, 50])('visits exactly the ground truth at %i workers', async (workers) => {
      const site = await fixture({ tls, keepAlive });
      const ca = tls ? await readFile(FIXTURE_CA_PATH, 'utf8') : undefined;
      const result = await crawl(site.startUrl, { workers, keepAlive, ca });
      expect(site.truth.pageCount).toBe(127);
      expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
      expect(result).toMatchObject({ impl: 'promise-pool', workers, startUrl: site.startUrl });
      expect(result.stats.maxInFlight).toBeLessThanOrEqual(workers);
    });
  });

  it('gets the 503-once page through a retry, and counts the retry as a request', async () => {
    const site = await fixture();
    const result = await crawl(site.startUrl, { workers: 10 });
    const flaky = result.pages.find((page) => page.url === `${site.origin}${SPECIAL_PATHS.flaky}`);
    expect(flaky).toMatchObject({ status: 200 });
    expect(flaky?.error).toBeUndefined();
    expect(result.stats.requests).toBeGreaterThan(result.pages.length);
    expect(result.stats.errors).toBe(0);
  });

  it('with retries 0 records the 503 as the final status, not an error', async () => {
    const site = await fixture();
    const result = await crawl(site.startUrl, { workers: 10, retries: 0 });
    const flaky = result.pages.find((page) => page.url === `${site.origin}${SPECIAL_PATHS.flaky}`);
    expect(flaky).toMatchObject({ status: 503 });
    expect(result.stats.requests).toBe(result.pages.length);
  });

  it('ends the hanging, resetting, oversized and trickling pages as the truth says, the rest exact', async () => {
    const site = await fixture({ faults: true });
    const result = await crawl(site.startUrl, { workers: 10, timeoutMs: 1000 });
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    const errors = Object.fromEntries(result.pages.filter((page) => page.error).map((page) => [new URL(page.url).pathname, page.error]));
    expect(errors).toEqual({
      [SPECIAL_PATHS.never]: 'timeout',
      [SPECIAL_PATHS.reset]: 'reset',
      [SPECIAL_PATHS.huge]: 'too-large',
      [SPECIAL_PATHS.trickle]: 'timeout',
    });
    expect(result.stats.errors).toBe(4);
  });

  it('decodes gzip-compressed pages', async () => {
    const site = await fixture({ gzip: true });
    const result = await crawl(site.startUrl, { workers: 10 });
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
  });

  it.each([1, 10, 50])('never has more than %i requests in flight on the wire, and reaches that many at 1 and 10', async (workers) => {
    const site = await fixture({ latencyMs: 20 });
    const wire = await proxy(site.origin);
    const result = await crawl(`${wire.origin}/`, { workers });
    // Not all 127: the fixture's one absolute redirect names its own origin, not the proxy's.
    expect(result.pages.length).toBeGreaterThan(100);
    expect(result.stats.maxInFlight).toBeLessThanOrEqual(workers);
    expect(wire.maxConcurrentRequests).toBeLessThanOrEqual(workers);
    if (workers <= 10) {
      expect(result.stats.maxInFlight).toBe(workers);
      expect(wire.maxConcurrentRequests).toBe(workers);
    }
  });

  it('an abort ends the crawl without waiting for hanging pages, keeps exactly what finished, starts nothing more and releases every socket', async () => {
    const site = await fixture({ faults: true });
    const controller = new AbortController();
    let recorded = 0;
    let recordedAtAbort = -1;
    let requestsAtAbort = -1;
    // Abort synchronously (same event loop as the crawl) the moment the never-answering page
    // reaches the wire: it is then certainly in flight (it would hold the crawl for a minute), and
    // the pages recorded so far are known exactly, whatever the timing.
    const wire: CountingProxy = await proxy(site.origin, (path) => {
      if (path !== SPECIAL_PATHS.never || controller.signal.aborted) return;
      recordedAtAbort = recorded;
      requestsAtAbort = wire.requestedPaths.length;
      controller.abort();
    });
    const result = await crawl(`${wire.origin}/`, {
      workers: 10,
      timeoutMs: 60_000,
      signal: controller.signal,
      onProgress: (progress) => (recorded = progress.pages),
    });
    await vi.waitFor(() => expect(wire.openSockets).toBe(0), { timeout: 5000 });
    expect(recordedAtAbort).toBeGreaterThan(0);

    // Records finished before the abort come first, each exactly as the truth has it; the rest are
    // the pages in flight at the abort (at most one per worker), the never-answering one among them.
    const finished = result.pages.slice(0, recordedAtAbort);
    const aborted = result.pages.slice(recordedAtAbort);
    const truth = new Map(expectedVisits(site.truth, wire.origin).map((visit) => [visit.url, visit]));
    expect(visitsOf({ ...result, pages: finished })).toEqual(visitsOf({ ...result, pages: finished }).map((visit) => truth.get(visit.url)));
    expect(aborted.length).toBeGreaterThan(0);
    expect(aborted.length).toBeLessThanOrEqual(10);
    for (const page of aborted) expect(page).toMatchObject({ status: 0, bytes: 0, error: 'aborted' });
    expect(aborted.map((page) => page.url)).toContain(`${wire.origin}${SPECIAL_PATHS.never}`);
    expect(new Set(result.pages.map((page) => page.url)).size).toBe(result.pages.length);

    // No page started after the abort: a request reaching the proxy later was already on its way,
    // so it belongs to a page in flight at the abort, once.
    const after = wire.requestedPaths.slice(requestsAtAbort);
    const abortedPaths = aborted.map((page) => new URL(page.url).pathname);
    for (const path of after) expect(abortedPaths).toContain(path);
    expect(new Set(after).size).toBe(after.length);
  }, 20_000);
});
