/**
 * One GET through an undici Dispatcher's `dispatch` with a handler of our own, the body gathered
 * in the handler's callbacks: no Readable per response, no async iterator, no AbortSignal and no
 * AsyncResource, which is what `dispatcher.request()` builds around every response. In a fresh
 * crawl process that machinery was about a tenth of the CPU a page cost (issue 14), and a crawl
 * reads every body whole anyway.
 *
 * The handler is undici's classic interface (`onConnect`, `onHeaders`, `onData`, `onComplete`,
 * `onError`; undici 7 `docs/api/Dispatcher.md`), the one its own `RequestHandler` implements.
 * The body is counted as it arrives and the request aborted as soon as it passes the cap, so an
 * oversized page is never buffered whole.
 */
import type { Dispatcher } from 'undici';

export interface GetRequest {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** undici's timers: until the headers, and between body chunks. */
  headersTimeout: number;
  bodyTimeout: number;
  /** `Connection: close` and a fresh socket, for keep-alive off. */
  reset: boolean;
  /** The most body bytes (as sent, before any decoding) taken in; past it the request is aborted. */
  maxBodyBytes: number;
  /** Whether to keep the body (HTML) or only count it. */
  keepBody: boolean;
}

export interface GetResponse {
  status: number;
  /** The headers a crawler reads, lower-case names, the first value of each. */
  headers: ResponseHeaders;
  /** Body bytes received, as sent (still encoded). */
  bytes: number;
  /** The body, when kept and complete. */
  body?: Buffer;
  /** Set when the body passed `maxBodyBytes`: it was cut off there. */
  tooLarge?: true;
  /** The transport error that ended the response after its headers, for the caller to classify. */
  error?: unknown;
}

export interface ResponseHeaders {
  'content-type'?: string;
  'content-length'?: string;
  'content-encoding'?: string;
  location?: string;
}

export interface PendingGet {
  response: Promise<GetResponse>;
  /** Ends the request (a timeout, an abort): `response` rejects with `reason` if no headers came yet. */
  abort(reason: Error): void;
}

const WANTED = new Set(['content-type', 'content-length', 'content-encoding', 'location']);

export function dispatchGet(dispatcher: Dispatcher, request: GetRequest): PendingGet {
  let abortRequest: ((reason: Error) => void) | undefined;
  let pendingReason: Error | undefined;
  let settled = false;
  let resolveResponse: (response: GetResponse) => void = () => undefined;
  let rejectResponse: (error: unknown) => void = () => undefined;
  const response = new Promise<GetResponse>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  let head: { status: number; headers: ResponseHeaders } | undefined;
  const chunks: Buffer[] = [];
  let bytes = 0;
  const finish = (outcome: Omit<GetResponse, 'status' | 'headers' | 'bytes'>): void => {
    if (settled || head === undefined) return;
    settled = true;
    resolveResponse({ ...head, bytes, ...outcome });
  };
  const handler: Dispatcher.DispatchHandler = {
    onConnect(abort) {
      abortRequest = abort;
      if (pendingReason !== undefined) abort(pendingReason);
    },
    onHeaders(statusCode, rawHeaders) {
      // 1xx answers (100 Continue) precede the real one.
      if (statusCode < 200) return true;
      head = { status: statusCode, headers: pickHeaders(rawHeaders) };
      // A body declared past the cap is refused before a byte of it is read.
      if (Number(head.headers['content-length']) > request.maxBodyBytes) {
        finish({ tooLarge: true });
        abortRequest?.(new Error('declared body past the size cap'));
        return false;
      }
      return true;
    },
    onData(chunk) {
      bytes += chunk.length;
      if (bytes > request.maxBodyBytes) {
        finish({ tooLarge: true });
        abortRequest?.(new Error('body past the size cap'));
        return false;
      }
      if (request.keepBody) chunks.push(chunk);
      return true;
    },
    onComplete() {
      finish(request.keepBody ? { body: chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, bytes) } : {});
    },
    onError(error) {
      if (settled) return;
      if (head !== undefined) {
        finish({ error });
        return;
      }
      settled = true;
      rejectResponse(error);
    },
  };
  dispatcher.dispatch(
    {
      origin: request.origin,
      path: request.path,
      method: 'GET',
      headers: request.headers,
      headersTimeout: request.headersTimeout,
      bodyTimeout: request.bodyTimeout,
      reset: request.reset,
    },
    handler,
  );
  return {
    response,
    abort(reason) {
      if (settled) return;
      if (abortRequest === undefined) pendingReason = reason;
      else abortRequest(reason);
    },
  };
}

/** The first value of each wanted header from undici's raw `[name, value, name, value, …]` buffers. */
function pickHeaders(rawHeaders: Buffer[] | string[] | null): ResponseHeaders {
  const headers: Record<string, string> = {};
  if (rawHeaders === null) return headers;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]?.toString('latin1').toLowerCase();
    if (name === undefined || !WANTED.has(name) || name in headers) continue;
    headers[name] = rawHeaders[i + 1]?.toString('latin1') ?? '';
  }
  return headers;
}
