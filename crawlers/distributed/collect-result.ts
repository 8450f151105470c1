/**
 * Turns what a distributed run left in Redis into the contract's `CrawlResult`, with the same
 * stats as the other models derive from their visits (requests, bytes, errors, skipped links,
 * the cap) plus what only this model has: re-fetches after reclaims, refused late completions and
 * the time reclaimed pages waited.
 */
import type { Redis } from 'ioredis';
import type { CrawlResult, CrawlStats, PageRecord } from '../contract.js';
import { noResponseRecord } from '../page/crawl-loop.js';
import { type RunKeys, WORKER_GROUP } from './run-keys.js';
import { parseStoredVisit } from './stored-visit.js';

/** What the launcher knows that Redis does not. */
export interface RunFacts {
  impl: string;
  workers: number;
  hosts: number;
  startUrl: string;
  durationMs: number;
  startupMs: number;
  restarts: number;
  /** The crawl was aborted: entries still pending are recorded as `aborted`, as crawl-loop does. */
  aborted: boolean;
}

export async function collectResult(redis: Redis, keys: RunKeys, facts: RunFacts): Promise<CrawlResult> {
  const [stored, waited, counters] = await Promise.all([redis.hgetall(keys.pages), redis.hgetall(keys.waited), redis.hgetall(keys.stats)]);
  const count = (name: string): number => Number(counters[name] ?? 0);
  const waitedMs = (url: string): number => Number(waited[url] ?? 0);
  const pages: Array<{ record: PageRecord; finishedAtMs: number }> = [];
  const intervals: Array<[number, number]> = [];
  const stats: CrawlStats = {
    // Refused late answers sent their requests too: the server saw them.
    requests: count('refusedRequests'),
    bytes: 0,
    errors: 0,
    durationMs: facts.durationMs,
    maxInFlight: 0,
    startupMs: facts.startupMs,
    restarts: facts.restarts,
    refusedByMaxPages: count('refusedByMaxPages'),
    skippedLongUrls: 0,
    refetches: count('refetches'),
    refusedCompletions: count('refusedCompletions'),
    reclaimWaitMs: count('reclaimWaitMs'),
  };
  for (const [url, text] of Object.entries(stored)) {
    const visit = parseStoredVisit(url, text);
    if ('deadLetter' in visit) {
      pages.push({ record: noResponseRecord(url, waitedMs(url), 'worker-crashed'), finishedAtMs: visit.finishedAtMs });
      continue;
    }
    // As supervised-pool does, a page's time includes what its lost attempts cost.
    const record = { ...visit.record, ms: visit.record.ms + waitedMs(url) };
    pages.push({ record, finishedAtMs: visit.finishedAtMs });
    intervals.push([visit.startedAtMs, visit.finishedAtMs]);
    stats.requests += visit.requests;
    stats.skippedLongUrls += visit.skippedLongUrls;
  }
  if (facts.aborted) for (const page of await pendingAsAborted(redis, keys)) if (!Object.hasOwn(stored, page.record.url)) pages.push(page);
  pages.sort((a, b) => a.finishedAtMs - b.finishedAtMs);
  for (const { record } of pages) {
    stats.bytes += record.bytes;
    if (record.error !== undefined) stats.errors += 1;
  }
  stats.maxInFlight = maxOverlap(intervals);
  return { impl: facts.impl, workers: facts.workers, hosts: facts.hosts, startUrl: facts.startUrl, pages: pages.map((page) => page.record), stats };
}

/** Entries handed out and not completed when the crawl was aborted: `aborted`, with the time they had run. */
async function pendingAsAborted(redis: Redis, keys: RunKeys): Promise<Array<{ record: PageRecord; finishedAtMs: number }>> {
  const pending = (await redis.call('XPENDING', keys.frontier, WORKER_GROUP, '-', '+', 100_000)) as Array<[string, string, number, number]>;
  const nowMs = Date.now();
  const pages: Array<{ record: PageRecord; finishedAtMs: number }> = [];
  for (const [id, , idleMs] of pending) {
    const [entry] = (await redis.call('XRANGE', keys.frontier, id, id)) as Array<[string, string[]]>;
    const url = entry?.[1][entry[1].indexOf('url') + 1];
    if (url !== undefined) pages.push({ record: noResponseRecord(url, idleMs, 'aborted'), finishedAtMs: nowMs });
  }
  return pages;
}

/**
 * Most pages in flight at once, from when each recorded page started and finished. Each worker
 * runs one page at a time and only the owner's answer is recorded, so this never exceeds the
 * workers alive at once.
 */
export function maxOverlap(intervals: ReadonlyArray<readonly [number, number]>): number {
  // An end sorts before a start at the same instant: back-to-back pages do not overlap.
  const events = intervals.flatMap(([start, end]) => [[start, 1] as const, [end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of events) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}
