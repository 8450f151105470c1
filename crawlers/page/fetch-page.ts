/**
 * Fetches one URL: one GET per attempt through a caller-owned HTTP client, redirects not
 * followed, a hard time cap, the body gathered under the size cap and decoded, failures
 * classified, and retries with backoff. Every crawler implementation fetches through here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyError, isPermissionError, isProgrammingError } from './classify-error.js';
import type { CrawlOptions, ErrorKind } from '../contract.js';
import { decodeHtml } from './decode-html.js';
import { decodeContentEncoding } from './decode-content-encoding.js';
import type { HttpClient } from './http-client.js';

export type FetchPageOptions = Pick<CrawlOptions, 'timeoutMs' | 'retries' | 'maxBodyBytes'>;

export interface FetchedPage {
  /** HTTP status of the last attempt; 0 when it got no response. */
  status: number;
  /** `Content-Type` of the last response. */
  contentType?: string;
  /** Raw `Location` header of the last response (resolve it against the page URL). */
  location?: string;
  /** Decoded text of a complete `text/html` body; absent for other types and failures. */
  html?: string;
  /** Decoded body bytes received over all attempts. */
  bytes: number;
  /** Wall time over all attempts and backoffs. */
  ms: number;
  /** Requests sent, retries included. */
  requests: number;
  error?: ErrorKind;
}

const REQUEST_HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'crawlbench/0.1 (+https://github.com/crawlbench)',
};

/** First retry waits 50 ms, then 100, 200, ... never more than a second. */
const BACKOFF_BASE_MS = 50;
const BACKOFF_CAP_MS = 1000;

/**
 * Fetches `url` (absolute, normalized) through `client`. Never throws for network trouble:
 * the result carries `error`; only bugs throw (see `isProgrammingError`). Aborting `signal` ends
 * the fetch at once with error `aborted`.
 */
export async function fetchPage(client: HttpClient, url: string, options: FetchPageOptions, signal?: AbortSignal): Promise<FetchedPage> {
  const startedMs = performance.now();
  const target = new URL(url);
  let bytes = 0;
  let requests = 0;
  for (let attempt = 0; ; attempt += 1) {
    const result = await fetchOnce(client, target, options, signal);
    requests += 1;
    bytes += result.bytes;
    const done = { ...result, bytes, requests, ms: 0 };
    if (attempt >= options.retries || !isRetryable(result)) return { ...done, ms: performance.now() - startedMs };
    try {
      await sleep(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt), undefined, { signal });
    } catch {
      return { ...done, error: 'aborted', ms: performance.now() - startedMs };
    }
  }
}

/**
 * Retry what is likely transient and cheap to find out: a reset, refused or otherwise broken
 * connection, a 5xx or a 429. Not a timeout: the attempt already cost `timeoutMs`, two retries
 * would triple the cost of every hanging page, and a server that hangs once usually hangs again.
 * Not `too-large`, `tls` or `decode`: those are properties of the response and repeat exactly.
 * Not `dns`: a name that did not resolve will not resolve 50 ms later.
 */
function isRetryable(result: Attempt): boolean {
  if (result.error !== undefined) return result.error === 'reset' || result.error === 'refused' || result.error === 'network';
  return result.status >= 500 || result.status === 429;
}

type Attempt = Omit<FetchedPage, 'ms' | 'requests'>;

async function fetchOnce(client: HttpClient, target: URL, options: FetchPageOptions, signal?: AbortSignal): Promise<Attempt> {
  if (signal?.aborted) return { status: 0, bytes: 0, error: 'aborted' };
  const get = client.get({ url: target, headers: REQUEST_HEADERS, maxBodyBytes: options.maxBodyBytes });
  // One timer caps the whole attempt, connecting included: an idle timer would never trip on a
  // body trickling one byte at a time. The crawl's signal gets one listener per attempt, removed
  // after it.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    get.abort(new Error(`no complete response within ${options.timeoutMs} ms`));
  }, options.timeoutMs);
  const onAbort = (): void => get.abort(new Error('crawl aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  let status = 0;
  const failed = (error: unknown, bytes: number): Attempt => ({
    status,
    bytes,
    error: signal?.aborted ? 'aborted' : timedOut ? 'timeout' : classifyError(error),
  });
  try {
    const response = await get.response;
    status = response.status;
    const { 'content-type': contentType, location, 'content-encoding': encoding } = response.headers;
    const head = { status, ...(contentType !== undefined && { contentType }), ...(location !== undefined && { location }) };
    if (response.error !== undefined) return { ...failed(response.error, response.bytes), ...head };
    if (response.tooLarge) return { ...head, bytes: response.bytes, error: 'too-large' };
    const decoded = decodeContentEncoding(response.body ?? Buffer.alloc(0), encoding, options.maxBodyBytes);
    if ('error' in decoded) return { ...head, bytes: decoded.bytes, error: decoded.error };
    const isHtml = contentType !== undefined && /^\s*text\/html\s*(;|$)/i.test(contentType);
    const html = isHtml ? decodeHtml(decoded.data, contentType) : undefined;
    return { ...head, bytes: decoded.data.length, ...(html !== undefined && { html }) };
  } catch (error) {
    if (isProgrammingError(error) || isPermissionError(error)) throw error;
    return failed(error, 0);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
