/**
 * Checks a crawl against the fixture's ground truth: the set of visited URLs, each with its
 * status, must be exactly the expected one. Every run is checked, not just timed.
 */
import type { PageRecord } from '../../crawlers/contract.js';

export interface Validation {
  valid: boolean;
  /** What differs, shortened to a few examples; absent when valid. */
  reason?: string;
}

const EXAMPLES = 3;

export function validateVisits(pages: readonly Pick<PageRecord, 'url' | 'status'>[], expected: readonly { url: string; status: number }[]): Validation {
  const want = new Map(expected.map((page) => [page.url, page.status]));
  const got = new Map<string, number>();
  const duplicates: string[] = [];
  for (const page of pages) {
    if (got.has(page.url)) duplicates.push(page.url);
    got.set(page.url, page.status);
  }
  const missing = [...want.keys()].filter((url) => !got.has(url));
  const extra = [...got.keys()].filter((url) => !want.has(url));
  const wrong = [...got].filter(([url, status]) => want.has(url) && want.get(url) !== status).map(([url, status]) => `${url} (${status}, expected ${String(want.get(url))})`);
  const problems = [describe('missing', missing), describe('unexpected', extra), describe('wrong status', wrong), describe('visited twice', duplicates)].filter((text) => text !== '');
  return problems.length === 0 ? { valid: true } : { valid: false, reason: `${problems.join('; ')} (of ${want.size} expected pages)` };
}

function describe(label: string, urls: string[]): string {
  if (urls.length === 0) return '';
  const shown = urls.slice(0, EXAMPLES).join(', ');
  return `${urls.length} ${label}: ${shown}${urls.length > EXAMPLES ? ', …' : ''}`;
}
