/**
 * The answer to one visit as it crosses from a worker to the coordinator (`VisitedMessage`), and
 * back into the `PageVisit` the crawl loop takes.
 *
 * What it leaves out, and why the crawl stays exact:
 * - The record's `url`: the coordinator sent it and keeps it with the attempt.
 * - The origin of every link: all of them are in scope (`visit-page.ts` keeps only same-origin
 *   links), so each travels as its path and the coordinator puts the origin back.
 * - Links this worker reported before. On the 20 000-page fixture a page has ~32 links, most of
 *   them the same navigation on every page. A worker that remembers the last REMEMBERED_LINKS to
 *   2 × REMEMBERED_LINKS links it sent (quick-lru's two generations) sends about a third of them
 *   (31–39 % at W = 1–50 remembering 256 to 1 024, simulated on that crawl; remembering every
 *   link would reach 3 % at W = 1, but holds 20 000 strings per worker). Leaving one out changes
 *   nothing the coordinator decides: it saw that link in an earlier answer of the same worker,
 *   and the pool applies every answer of a live worker (it drops answers only when their worker
 *   died or the crawl ended, and a restarted worker starts with an empty memory), so the
 *   frontier had admitted it, or refused it at the cap, already. The one count that moves is
 *   `refusedByMaxPages`: a link refused at the cap is counted once per worker that still
 *   remembers sending it, not once per page; it is still above 0 exactly when the cap stopped
 *   the crawl.
 *
 * NOTE: the links are joined with `\n`, which a normalized URL cannot hold (the WHATWG URL parser
 * strips newlines and percent-encodes the rest of the C0 controls).
 */
import QuickLRU from 'quick-lru';
import type { PageRecord, PageVisit } from '../contract.js';
import type { VisitedMessage } from './worker-protocol.js';

/** How many sent links a worker remembers, at least (quick-lru keeps up to twice as many). */
export const REMEMBERED_LINKS = 512;

/** The worker's side: turns each visit into its message, remembering the links it sent. */
export type VisitEncoder = (id: number, visit: PageVisit) => VisitedMessage;

/** @param origin the crawl's origin (`new URL(startUrl).origin`), the same on both sides */
export function createVisitEncoder(origin: string, remembered = REMEMBERED_LINKS): VisitEncoder {
  const sent = new QuickLRU<string, true>({ maxSize: remembered });
  return (id, { record, found, requests, skippedLongUrls }) => {
    const lines: string[] = [];
    for (const link of found) {
      // get() rather than has(): a hit moves the link into the newer generation, so the links
      // every page repeats are never forgotten.
      if (sent.get(link)) continue;
      sent.set(link, true);
      const line = link.startsWith(origin) && link.charCodeAt(origin.length) === SLASH ? link.slice(origin.length) : link;
      lines.push(line);
    }
    const message: VisitedMessage = { type: 'visited', id, status: record.status, bytes: record.bytes, ms: record.ms, links: record.links, found: lines.join('\n'), requests, skippedLongUrls };
    if (record.redirectTo !== undefined) message.redirectTo = record.redirectTo;
    if (record.error !== undefined) message.error = record.error;
    return message;
  };
}

/**
 * The coordinator's side.
 * @param url the URL of the attempt the message answers
 * @param lostMs time lost to earlier attempts of the same URL (dead workers), added to `ms`
 */
export function decodeVisit(message: VisitedMessage, url: string, origin: string, lostMs = 0): PageVisit {
  const record: PageRecord = { url, status: message.status, bytes: message.bytes, ms: message.ms + lostMs, links: message.links };
  if (message.redirectTo !== undefined) record.redirectTo = message.redirectTo;
  if (message.error !== undefined) record.error = message.error;
  const found = message.found === '' ? [] : message.found.split('\n').map((line) => (line.charCodeAt(0) === SLASH ? origin + line : line));
  return { record, found, requests: message.requests, skippedLongUrls: message.skippedLongUrls };
}

const SLASH = 0x2f;
