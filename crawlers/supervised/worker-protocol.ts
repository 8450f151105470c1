/**
 * The messages between the coordinator and one supervised worker (thread or child process).
 * Only what a visit needs crosses the boundary: the plain options once, then one URL at a time
 * out and one compact answer back (structured clone for threads, JSON over IPC for children;
 * both carry these plain objects unchanged).
 *
 * Version 2 sends less than version 1 did (`{ record, found, requests }`, ~1.6 KB a page on the
 * 20 000-page fixture): the record without the URL the coordinator already holds, and the links
 * as one string of origin-relative paths, leaving out those this worker has already reported
 * (`visit-message.ts`). README, "Worker start-up and messaging", has the figures.
 *
 * NOTE: `supervised-pool.ts` (coordinator side), `serve-visits.ts` (worker side) and
 * `visit-message.ts` (the answer's encoding) must change together with these types, and a change
 * of shape bumps WORKER_PROTOCOL_VERSION.
 */
import type { CrawlOptions, PageRecord } from '../contract.js';

/**
 * The version both sides speak. A worker given an `init` of another version throws (it dies
 * before `ready`, which fails the pool's start-up with the reason), and the pool refuses a
 * `ready` of another version: a stale build would otherwise misread every answer.
 */
export const WORKER_PROTOCOL_VERSION = 2;

/**
 * Options as a worker receives them: everything but the `AbortSignal` and the `onProgress`
 * callback, which cannot be cloned and stay with the coordinator (an abort reaches a worker as an
 * `abort` message instead).
 */
export type WorkerCrawlOptions = Omit<CrawlOptions, 'signal' | 'onProgress'>;

/** Coordinator → worker. */
export type ToWorker =
  /** First message: build the page visitor, then answer `ready`. */
  | { type: 'init'; version: number; options: WorkerCrawlOptions }
  /** Visit one URL; `id` names this attempt and comes back in the answer. */
  | { type: 'visit'; id: number; url: string }
  /** Abort the attempt `id` if it is still running; it then answers with its (aborted) visit. */
  | { type: 'abort'; id: number };

/**
 * The answer to one visit: a `PageVisit` without what the coordinator already knows. The record's
 * `url` is the attempt's; `found` holds the links not reported by this worker before (see
 * `visit-message.ts` for why that is exact), one per line, each either a path to be read against
 * the crawl's origin (it starts with `/`) or an absolute URL.
 */
export interface VisitedMessage extends Omit<PageRecord, 'url'> {
  type: 'visited';
  id: number;
  /** The new links, `\n`-separated; `''` when there are none. */
  found: string;
  requests: number;
  skippedLongUrls: number;
}

/** Worker → coordinator. */
export type FromWorker =
  /** The visitor is built; the worker takes URLs from now on. */
  | { type: 'ready'; version: number }
  /** The attempt `id` finished (failures included: they are data in `error`). */
  | VisitedMessage
  /**
   * The attempt `id` threw: a bug, not a network failure (those are records). The coordinator
   * rejects the visit so the crawl fails loudly, as it does for the promise pool.
   */
  | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } };
