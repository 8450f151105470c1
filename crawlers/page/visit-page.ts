/**
 * The unit of work every crawler runs: fetch one URL and turn the response into a `PageVisit`
 * (its record plus the in-scope URLs it leads to). A visitor owns its connections, so the
 * promise pool shares one across the event loop while each thread or process worker builds its
 * own; nothing here knows about the coordinator.
 */
import type { CrawlOptions, PageRecord, PageVisit } from '../contract.js';
import { extractLinks } from './extract-links.js';
import { fetchPage, type FetchedPage } from './fetch-page.js';
import { parseHttpUrl } from './normalize-url.js';
import { createHttpClient } from './http-client.js';

export interface PageVisitor {
  /** Fetches `url` (normalized, in scope). Never rejects for network trouble; see `record.error`. */
  visit(url: string, signal?: AbortSignal): Promise<PageVisit>;
  /** Closes every connection at once, aborting requests still running. */
  close(): Promise<void>;
}

/**
 * @param connections the most sockets the visitor opens to the crawl's origin; the caller keeps
 *   its in-flight visits at or below this, so requests never queue inside the agent.
 */
export function createPageVisitor(options: CrawlOptions, connections: number): PageVisitor {
  const origin = new URL(options.startUrl).origin;
  const client = createHttpClient({
    connections,
    keepAlive: options.keepAlive,
    insecure: options.insecure,
    ...(options.ca !== undefined && { ca: options.ca }),
  });
  return {
    async visit(url, signal) {
      const fetched = await fetchPage(client, url, options, signal);
      return toVisit(url, origin, fetched, options.maxUrlLength);
    },
    async close() {
      client.close();
    },
  };
}

/**
 * Links come from successful (2xx) HTML only: error pages are the server's boilerplate, not the
 * site's structure. A redirect contributes its normalized `Location` when it stays in scope.
 */
function toVisit(url: string, origin: string, fetched: FetchedPage, maxUrlLength: number): PageVisit {
  const record: PageRecord = { url, status: fetched.status, bytes: fetched.bytes, ms: fetched.ms, links: 0 };
  let found: string[] = [];
  if (fetched.error !== undefined) {
    record.error = fetched.error;
  } else if (isRedirect(fetched.status) && fetched.location !== undefined) {
    const target = parseHttpUrl(fetched.location, url);
    if (target !== null) {
      record.redirectTo = target.href;
      if (target.origin === origin) found = [target.href];
    }
  } else if (fetched.status >= 200 && fetched.status < 300 && fetched.html !== undefined) {
    found = extractLinks(fetched.html, url, origin);
  }
  // An over-long link is rare: the page's own array is kept unless one is there.
  const kept = found.some((link) => link.length > maxUrlLength) ? found.filter((link) => link.length <= maxUrlLength) : found;
  record.links = kept.length;
  return { record, found: kept, requests: fetched.requests, skippedLongUrls: found.length - kept.length };
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
