/**
 * What the distributed crawl keeps per URL in the run's `pages` hash, and the run configuration
 * each worker reads at start: small JSON documents with a version, read back with a check.
 *
 * NOTE: frontier-scripts.ts writes the dead-letter form from Lua; `collect-result.ts` reads both.
 */
import { isRecord } from '../../common/is-record.js';
import type { PageRecord } from '../contract.js';
import type { WorkerCrawlOptions } from '../supervised/worker-protocol.js';

/** A page one worker visited, as it recorded it. */
export interface StoredVisit {
  record: PageRecord;
  /** Requests the visit sent, retries included. */
  requests: number;
  skippedLongUrls: number;
  /** Epoch milliseconds (performance.timeOrigin based) when the worker started and finished the page. */
  startedAtMs: number;
  finishedAtMs: number;
}

/** A URL whose every delivery went silent (its workers died): recorded as `worker-crashed`. */
export interface DeadLetter {
  deadLetter: true;
  deliveries: number;
  finishedAtMs: number;
}

/** Reads one value of the `pages` hash; throws on anything else, which would be a bug. */
export function parseStoredVisit(url: string, text: string): StoredVisit | DeadLetter {
  const value: unknown = JSON.parse(text);
  if (isRecord(value) && value.deadLetter === true && typeof value.finishedAtMs === 'number') return value as unknown as DeadLetter;
  if (isRecord(value) && isRecord(value.record) && typeof value.requests === 'number' && typeof value.startedAtMs === 'number') return value as unknown as StoredVisit;
  throw new Error(`distributed crawl: the stored visit of ${url} is malformed: ${text.slice(0, 200)}`);
}

/** Version of the run configuration; a worker refuses another one. */
export const RUN_CONFIG_VERSION = 1;

/** The run's configuration, stored under the `config` key for workers that start later. */
export interface RunConfig {
  version: typeof RUN_CONFIG_VERSION;
  options: WorkerCrawlOptions;
  maxDeliveries: number;
}

export function parseRunConfig(text: string | null): RunConfig {
  if (text === null) throw new Error('distributed worker: the run has no configuration in Redis (ended, or a wrong run id)');
  const value: unknown = JSON.parse(text);
  if (!isRecord(value) || value.version !== RUN_CONFIG_VERSION || !isRecord(value.options) || typeof value.maxDeliveries !== 'number') {
    throw new Error(`distributed worker: run configuration version ${isRecord(value) ? String(value.version) : '?'} is not ${RUN_CONFIG_VERSION}; run workers of the same build as the launcher`);
  }
  return value as unknown as RunConfig;
}
