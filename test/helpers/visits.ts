import type { CrawlResult } from '../../crawlers/contract.js';

/** A crawl's records reduced to what the fixture's `expectedVisits` holds, sorted the same way (by url). */
export function visitsOf(result: CrawlResult): Array<{ url: string; status: number; error?: string }> {
  return result.pages.map(({ url, status, error }) => (error === undefined ? { url, status } : { url, status, error })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
