/**
 * Reads what a command crawler printed (the crawler protocol's output document) into the crawl
 * contract's `CrawlResult`, refusing anything of another shape with a one-line reason. Whether the
 * visited set is right is not checked here: the harness validates every run against the truth.
 *
 * NOTE: the shape is documented in README.md ("The crawler protocol"); change both together.
 */
import { isRecord } from '../../common/is-record.js';
import { ERROR_KINDS, type CrawlResult, type ErrorKind, type PageRecord } from '../contract.js';

/** The protocol version this reader knows; a document may say `"protocol": 1`, or nothing. */
export const CRAWLER_PROTOCOL_VERSION = 1;

export type CrawlerOutput = { ok: true; result: CrawlResult; reportedDuration: boolean } | { ok: false; reason: string };

/**
 * @param text the document (stdout, or the `{out}` file)
 * @param fallbackDurationMs the process wall time, used when the crawler reports no `durationMs`
 */
export function readCrawlerOutput(text: string, impl: string, workers: number, startUrl: string, fallbackDurationMs: number): CrawlerOutput {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: text.trim() === '' ? 'printed no JSON' : `printed something that is not JSON: ${JSON.stringify(text.trim().slice(0, 60))}` };
  }
  if (!isRecord(doc)) return { ok: false, reason: 'its JSON is not an object with "pages"' };
  if (doc.protocol !== undefined && doc.protocol !== CRAWLER_PROTOCOL_VERSION) {
    return { ok: false, reason: `it speaks crawler protocol ${JSON.stringify(doc.protocol)}; this crawlbench reads ${CRAWLER_PROTOCOL_VERSION}` };
  }
  if (!Array.isArray(doc.pages)) return { ok: false, reason: 'its JSON has no "pages" array' };
  const pages: PageRecord[] = [];
  for (const [i, page] of doc.pages.entries()) {
    const record = toPageRecord(page);
    if (typeof record === 'string') return { ok: false, reason: `pages[${i}] ${record}` };
    pages.push(record);
  }
  const stats = isRecord(doc.stats) ? doc.stats : {};
  const requests = optionalNumber(stats.requests);
  const durationMs = optionalNumber(stats.durationMs);
  if (requests === null || durationMs === null) return { ok: false, reason: 'stats.requests and stats.durationMs must be numbers ≥ 0 when present' };
  return {
    ok: true,
    reportedDuration: durationMs !== undefined,
    result: {
      impl,
      workers,
      startUrl,
      pages,
      stats: {
        requests: requests ?? pages.length,
        bytes: pages.reduce((sum, page) => sum + page.bytes, 0),
        errors: pages.filter((page) => page.error !== undefined).length,
        durationMs: durationMs ?? fallbackDurationMs,
        // Not part of the protocol: a command crawler's pool is its own business.
        maxInFlight: 0,
        startupMs: 0,
        restarts: 0,
        refusedByMaxPages: 0,
        skippedLongUrls: 0,
      },
    },
  };
}

/** A record, or what is wrong with it (completing "pages[3] …"). */
function toPageRecord(page: unknown): PageRecord | string {
  if (!isRecord(page)) return 'is not an object';
  if (typeof page.url !== 'string' || !URL.canParse(page.url)) return 'has no absolute "url"';
  if (typeof page.status !== 'number' || !Number.isInteger(page.status) || page.status < 0 || page.status > 999) return `(${page.url}) has no integer "status"`;
  const record: PageRecord = { url: page.url, status: page.status, bytes: 0, ms: 0, links: 0 };
  for (const key of ['bytes', 'ms', 'links'] as const) {
    const value = optionalNumber(page[key]);
    if (value === null) return `(${page.url}) has a "${key}" that is not a number ≥ 0`;
    if (value !== undefined) record[key] = value;
  }
  if (page.redirectTo !== undefined) {
    if (typeof page.redirectTo !== 'string') return `(${page.url}) has a "redirectTo" that is not a string`;
    record.redirectTo = page.redirectTo;
  }
  if (page.error !== undefined) {
    if (!(ERROR_KINDS as readonly unknown[]).includes(page.error)) return `(${page.url}) has an unknown "error" ${JSON.stringify(page.error)}; use one of ${ERROR_KINDS.join(', ')}`;
    record.error = page.error as ErrorKind;
  }
  return record;
}

/** undefined when absent, null when present but not a finite number ≥ 0. */
function optionalNumber(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
