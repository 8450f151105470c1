/**
 * One distributed worker's life: connect to Redis, read the run's configuration, then take one
 * frontier entry at a time (a silent owner's entry first, else a new one through the consumer
 * group), visit it with the shared page visitor and complete it with the script, until the run's
 * `done` key is set. Nothing here talks to the launcher except `ready` and a bug report: the
 * frontier, the dupe filter and the results are all in Redis.
 */
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { PageVisit } from '../contract.js';
import { createPageVisitor } from '../page/visit-page.js';
import { type FrontierEntry, type FrontierScripts, frontierScripts } from './frontier-scripts.js';
import { createRedisClient } from './redis-client.js';
import { runKeys, WORKER_GROUP } from './run-keys.js';
import { parseRunConfig, type RunConfig, type StoredVisit } from './stored-visit.js';

/** Worker → launcher, over the IPC channel. */
export type FromDistributedWorker =
  /** Connected, configured, visitor built: from now on the worker takes entries. */
  | { type: 'ready' }
  /** A visit threw: a bug, not a network failure (those are records); the launcher fails the crawl. */
  | { type: 'failed'; url: string; error: { name: string; message: string; stack?: string } };

export interface WorkerIdentity {
  redisUrl: string;
  runId: string;
  /** This worker's consumer name in the group, unique in the run. */
  consumer: string;
}

/**
 * How long one XREADGROUP waits for an entry. Short, because an idle worker also has to notice
 * the end (the `done` key) and silent owners' entries; an entry that arrives wakes it at once.
 */
const BLOCK_MS = 100;

/** Runs until the crawl is over; rejects if Redis goes away for good. */
export async function workFrontier(identity: WorkerIdentity, post: (message: FromDistributedWorker) => void): Promise<void> {
  // A worker whose Redis is gone has nothing left to do: its exit is what the launcher watches.
  const redis = createRedisClient(identity.redisUrl);
  await redis.connect();
  const keys = runKeys(identity.runId);
  const config = parseRunConfig(await redis.get(keys.config));
  const scripts = frontierScripts(redis, keys, { maxPages: config.options.maxPages, leaseMs: config.options.leaseMs, maxDeliveries: config.maxDeliveries });
  // One connection per worker: the worker is the unit of concurrency, as in child-processes.
  const visitor = createPageVisitor(config.options, 1);
  post({ type: 'ready' });
  const reclaimEveryMs = config.options.leaseMs / 4;
  let lastReclaimMs = Number.NEGATIVE_INFINITY;
  try {
    // Bounded by the run: each turn waits at most BLOCK_MS, and the turn after the end returns.
    for (;;) {
      let entry: FrontierEntry | undefined;
      if (performance.now() - lastReclaimMs >= reclaimEveryMs) {
        lastReclaimMs = performance.now();
        [entry] = await scripts.reclaim(identity.consumer, 1);
      }
      entry ??= await readNew(redis, keys.frontier, identity.consumer);
      if (entry === undefined) {
        if ((await redis.exists(keys.done)) === 1) return;
        continue;
      }
      // Fault injection (CrawlOptions.crashOnUrl): die as a crashing fetch would.
      if (config.options.crashOnUrl && entry.url.includes(config.options.crashOnUrl)) process.exit(1);
      const outcome = await visitEntry(entry, identity.consumer, config, scripts, visitor.visit, post);
      if (outcome === 'done') return;
    }
  } finally {
    await visitor.close();
    redis.disconnect();
  }
}

/** The next entry no worker has had yet, or undefined after BLOCK_MS without one. */
async function readNew(redis: Redis, frontier: string, consumer: string): Promise<FrontierEntry | undefined> {
  const reply = await redis.call('XREADGROUP', 'GROUP', WORKER_GROUP, consumer, 'COUNT', 1, 'BLOCK', BLOCK_MS, 'STREAMS', frontier, '>');
  // RESP2 reply: [[stream, [[id, [field, value, ...]], ...]]] or null.
  if (!Array.isArray(reply)) return undefined;
  const [, items] = (reply[0] ?? []) as [string, Array<[string, string[]]>];
  const [id, fields] = items?.[0] ?? [];
  const url = fields?.[fields.indexOf('url') + 1];
  return id === undefined || url === undefined ? undefined : { id, url };
}

/** Visits one entry while renewing its lease, then completes it. */
async function visitEntry(
  entry: FrontierEntry,
  consumer: string,
  config: RunConfig,
  scripts: FrontierScripts,
  visit: ReturnType<typeof createPageVisitor>['visit'],
  post: (message: FromDistributedWorker) => void,
): Promise<'refused' | 'recorded' | 'done'> {
  const controller = new AbortController();
  // A heartbeat that finds the entry taken over gives the page up: its answer would be refused.
  const heartbeat = setInterval(() => {
    scripts.heartbeat(consumer, entry).then(
      (owned) => {
        if (!owned) controller.abort();
      },
      () => undefined, // a failed heartbeat only shortens the lease; the completion decides
    );
  }, config.options.leaseMs / 4);
  const startedAtMs = performance.timeOrigin + performance.now();
  let result: PageVisit;
  try {
    result = await visit(entry.url, controller.signal);
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    post({ type: 'failed', url: entry.url, error: { name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }) } });
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  const stored: StoredVisit = { record: result.record, requests: result.requests, skippedLongUrls: result.skippedLongUrls, startedAtMs, finishedAtMs: performance.timeOrigin + performance.now() };
  return scripts.complete(consumer, entry, stored, result.found);
}
