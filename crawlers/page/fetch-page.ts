/**
 * Fetches one URL: one GET per attempt through a caller-owned undici Dispatcher, redirects not
 * followed, a hard time cap, the body streamed through the size cap and decoded, failures
 * classified, and retries with backoff. Every crawler implementation fetches through here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { classifyError, isPermissionError, isProgrammingError } from './classify-error.js';
import type { CrawlOptions, ErrorKind } from '../contract.js';
import { decodeHtml } from './decode-html.js';
import { discardBody, readBody } from './read-body.js';

export type FetchPageOptions = Pick<CrawlOptions, 'timeoutMs' | 'retries' | 'maxBodyBytes' | 'keepAlive'>;

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
 * Fetches `url` (absolute, normalized) through `dispatcher`. Never throws for network trouble:
 * the result carries `error`; only bugs throw (see `isProgrammingError`). Aborting `signal` ends
 * the fetch at once with error `aborted`.
 */
export async function fetchPage(dispatcher: Dispatcher, url: string, options: FetchPageOptions, signal?: AbortSignal): Promise<FetchedPage> {
  const startedMs = performance.now();
  const target = new URL(url);
  let bytes = 0;
  let requests = 0;
  for (let attempt = 0; ; attempt += 1) {
    const result = await fetchOnce(dispatcher, target, options, signal);
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

async function fetchOnce(dispatcher: Dispatcher, target: URL, options: FetchPageOptions, signal?: AbortSignal): Promise<Attempt> {
  if (signal?.aborted) return { status: 0, bytes: 0, error: 'aborted' };
  // One controller per attempt rather than AbortSignal.any(), whose listeners on a long-lived
  // crawl signal leak in Node 20; the timer caps the whole attempt (a body trickling one byte
  // at a time never trips undici's idle bodyTimeout).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let status = 0;
  const failed = (error: unknown, bytes: number): Attempt => ({
    status,
    bytes,
    error: signal?.aborted ? 'aborted' : timedOut ? 'timeout' : classifyError(error),
  });
  try {
    const response = await dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers: REQUEST_HEADERS,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // Without keep-alive every request says `Connection: close` and gets a fresh socket.
      reset: !options.keepAlive,
    });
    status = response.statusCode;
    const contentType = header(response.headers, 'content-type');
    const location = header(response.headers, 'location');
    const encoding = header(response.headers, 'content-encoding');
    const head = { status, ...(contentType !== undefined && { contentType }), ...(location !== undefined && { location }) };
    const declaredBytes = Number(header(response.headers, 'content-length'));
    if (encoding === undefined && declaredBytes > options.maxBodyBytes) {
      discardBody(response.body);
      return { ...head, bytes: 0, error: 'too-large' };
    }
    const isHtml = contentType !== undefined && /^\s*text\/html\s*(;|$)/i.test(contentType);
    const body = await readBody(response.body, encoding, options.maxBodyBytes, isHtml);
    if (body.transportError !== undefined) return { ...failed(body.transportError, body.bytes), ...head };
    if (body.error !== undefined) return { ...head, bytes: body.bytes, error: body.error };
    const html = body.data === undefined ? undefined : decodeHtml(body.data, contentType);
    return { ...head, bytes: body.bytes, ...(html !== undefined && { html }) };
  } catch (error) {
    if (isProgrammingError(error) || isPermissionError(error)) throw error;
    return failed(error, 0);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
