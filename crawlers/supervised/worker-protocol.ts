/**
 * The messages between the coordinator and one supervised worker (thread or child process).
 * Only what a visit needs crosses the boundary: the plain options once, then one URL at a time
 * out and `{ record, found, requests }` back (structured clone for threads, JSON over IPC for
 * children; both carry these plain objects unchanged).
 *
 * NOTE: `supervised-pool.ts` (coordinator side) and `serve-visits.ts` (worker side) must change
 * together with these types.
 */
import type { CrawlOptions, PageVisit } from '../contract.js';

/**
 * Options as a worker receives them: everything but the `AbortSignal` and the `onProgress`
 * callback, which cannot be cloned and stay with the coordinator (an abort reaches a worker as an
 * `abort` message instead).
 */
export type WorkerCrawlOptions = Omit<CrawlOptions, 'signal' | 'onProgress'>;

/** Coordinator → worker. */
export type ToWorker =
  /** First message: build the page visitor, then answer `ready`. */
  | { type: 'init'; options: WorkerCrawlOptions }
  /** Visit one URL; `id` names this attempt and comes back in the answer. */
  | { type: 'visit'; id: number; url: string }
  /** Abort the attempt `id` if it is still running; it then answers with its (aborted) visit. */
  | { type: 'abort'; id: number };

/** Worker → coordinator. */
export type FromWorker =
  /** The visitor is built; the worker takes URLs from now on. */
  | { type: 'ready' }
  /** The attempt `id` finished (failures included: they are data in `visit.record.error`). */
  | { type: 'visited'; id: number; visit: PageVisit }
  /**
   * The attempt `id` threw: a bug, not a network failure (those are records). The coordinator
   * rejects the visit so the crawl fails loudly, as it does for the promise pool.
   */
  | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } };
