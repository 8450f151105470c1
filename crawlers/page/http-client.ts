/**
 * The crawlers' HTTP client: one GET at a time through Node's own `node:http` / `node:https`
 * agents, the body gathered under a size cap.
 *
 * Why not undici (which the first round used): a crawl of the 127-page profile is short, so what a
 * fresh process pays before its steady state dominates. undici is ~30 JavaScript modules that
 * every crawl process and every worker compiles, and its HTTP parser is llhttp compiled to
 * WebAssembly when the first connection opens; `node:http` is in Node's built-in snapshot with
 * its code cache, and its llhttp is native. Measured on the fixture (127 GETs, 10 connections,
 * a fresh process each, median of 3): undici 60 ms to load and 160 ms of CPU for the GETs, peak
 * RSS 64 MiB; `node:http` 8 ms and 90 ms, 53 MiB. In steady state undici is cheaper per request
 * (0.13 against 0.17 ms over 20 000 GETs), which a long crawl pays; the README has the figures.
 * Bun and Deno implement `node:http` natively, so every runtime runs this same code.
 *
 * `node:https` (and with it TLS) is loaded only by a crawl of an https origin.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type https from 'node:https';

export interface HttpClientOptions {
  /** The most sockets open to one origin; the caller keeps its requests at or below this. */
  connections: number;
  /** Reuse connections; without it every request says `Connection: close`. */
  keepAlive: boolean;
  /** Accept any TLS certificate. */
  insecure?: boolean;
  /** PEM certificate authority to trust besides the system's. */
  ca?: string;
}

export interface GetRequest {
  /** Absolute http(s) URL, already parsed. */
  url: URL;
  headers: Record<string, string>;
  /** The most body bytes (as sent, before any decoding) taken in; past it the request is aborted. */
  maxBodyBytes: number;
}

export interface GetResponse {
  status: number;
  /** The headers a crawler reads (lower-case names; Node's own object, which has every header). */
  headers: ResponseHeaders;
  /** Body bytes received, as sent (still encoded). */
  bytes: number;
  /** The whole body, when it completed under the cap. */
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

export interface HttpClient {
  get(request: GetRequest): PendingGet;
  /** Closes every socket at once; requests still running end with an error. */
  close(): void;
}

/** A protocol's module and the agent its requests go through. */
interface Transport {
  request: typeof http.request;
  agent: http.Agent;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agentOptions = { keepAlive: options.keepAlive, maxSockets: options.connections };
  const plain: Transport = { request: http.request, agent: new http.Agent(agentOptions) };
  let secure: Transport | undefined;
  const secureTransport = (): Transport => {
    if (secure === undefined) {
      const tls = createRequire(import.meta.url)('node:https') as typeof https;
      secure = { request: tls.request, agent: new tls.Agent({ ...agentOptions, rejectUnauthorized: !options.insecure, ...(options.ca !== undefined && { ca: options.ca }) }) };
    }
    return secure;
  };
  // Node's agent already says `Connection: close` without keep-alive; saying it here makes it
  // independent of how a runtime's `node:http` derives the header.
  const withConnection = (headers: Record<string, string>) => (options.keepAlive ? headers : { ...headers, connection: 'close' });
  return {
    get(request) {
      const { url } = request;
      const { request: send, agent } = url.protocol === 'https:' ? secureTransport() : plain;
      const target: http.RequestOptions = {
        method: 'GET',
        // URL keeps an IPv6 literal's brackets; the socket wants the bare address.
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: withConnection(request.headers),
        agent,
      };
      return sendGet(send, target, request.maxBodyBytes);
    },
    close() {
      plain.agent.destroy();
      secure?.agent.destroy();
    },
  };
}

/**
 * Sends one request and settles once: with the response (complete, cut off at the cap, or broken
 * after its headers, which the caller classifies) or, before any headers, by rejecting.
 */
function sendGet(send: typeof http.request, target: http.RequestOptions, maxBodyBytes: number): PendingGet {
  let settled = false;
  let incoming: http.IncomingMessage | undefined;
  let bytes = 0;
  const chunks: Buffer[] = [];
  let resolveResponse: (response: GetResponse) => void = () => undefined;
  let rejectResponse: (error: unknown) => void = () => undefined;
  const response = new Promise<GetResponse>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  // One object per response, built here: this runs for every page of a crawl.
  const finish = (body: Buffer | undefined, tooLarge: boolean, error: unknown): void => {
    if (settled || incoming === undefined) return;
    settled = true;
    const result: GetResponse = { status: incoming.statusCode ?? 0, headers: incoming.headers, bytes };
    if (body !== undefined) result.body = body;
    if (tooLarge) result.tooLarge = true;
    if (error !== undefined) result.error = error;
    resolveResponse(result);
  };
  const fail = (error: unknown): void => {
    if (settled) return;
    if (incoming !== undefined) return finish(undefined, false, error);
    settled = true;
    rejectResponse(error);
  };
  const request = send(target, (response) => {
    incoming = response;
    // A body declared past the cap is refused before a byte of it is read.
    if (Number(response.headers['content-length']) > maxBodyBytes) {
      finish(undefined, true, undefined);
      request.destroy();
      return;
    }
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        finish(undefined, true, undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => finish(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, bytes), false, undefined));
    // A connection lost mid-body: Node emits `aborted` and then an ECONNRESET `error`.
    response.on('error', fail);
  });
  request.on('error', fail);
  request.end();
  return {
    response,
    abort(reason) {
      if (settled) return;
      fail(reason);
      request.destroy(reason);
    },
  };
}
