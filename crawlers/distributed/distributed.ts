/**
 * The `distributed` crawler: no coordinator holds the crawl. The frontier (a Redis Stream read
 * through one consumer group), the dupe filter (a set) and the results (a hash) live in Redis;
 * W worker processes over H hosts take entries, visit them with the shared page visitor and
 * complete them with atomic scripts (frontier-scripts.ts); a worker that goes silent past its
 * lease has its entry taken over by another (a re-fetch, counted), and an entry whose every owner
 * died is dead-lettered as `worker-crashed`. The crawl is over when nothing is outstanding and
 * nothing is pending, which the completing script itself detects.
 *
 * This launcher only sets the run up and tears it down: it starts a private redis-server unless
 * given `redisUrl`, writes the run's configuration, starts the workers, seeds the start URL, runs
 * the chaos and host-kill timers, waits for the end, reads the result out of Redis, and deletes
 * every key of the run, stops every worker and Redis whatever happens.
 *
 * With netns hosts (`hostNetwork: 'netns'`) the namespaces exist already (netns/netns-hosts.ts):
 * Redis listens on their bridge address only, and each host's workers start inside its namespace.
 */
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { RedisStartError } from '../../common/errors.js';
import type { CrawlOptions, CrawlResult, Crawler, HostNamespaces } from '../contract.js';
import { normalizeUrl } from '../page/normalize-url.js';
import { SUPERVISION_DEFAULTS } from '../supervised/supervised-pool.js';
import { collectResult } from './collect-result.js';
import { frontierScripts } from './frontier-scripts.js';
import { createRedisClient } from './redis-client.js';
import { startRedisServer } from './redis-server.js';
import { newRunId, type RunKeys, runKeys, WORKER_GROUP } from './run-keys.js';
import { RUN_CONFIG_VERSION, type RunConfig } from './stored-visit.js';
import { startWorkerFleet, type WorkerFleet } from './worker-fleet.js';

export const IMPL = 'distributed';

/**
 * Deliveries of one entry whose owners all went silent before it is dead-lettered: the supervised
 * pool's attempts per crashing URL, so a poisonous page costs the same in every model.
 */
const MAX_DELIVERIES = SUPERVISION_DEFAULTS.crashAttempts;
/** How long workers get to see the end and exit on their own before they are killed. */
const EXIT_GRACE_MS = 1000;
/** One turn of the launcher's wait: how late it notices an abort or a failure at most. */
const WAIT_TURN_S = 0.1;

export const distributed: Crawler = async (options) => {
  const startUrl = normalizeUrl(options.startUrl, options.startUrl);
  if (startUrl === null) throw new TypeError(`distributed: unresolved start URL ${options.startUrl}; call resolveCrawlOptions first`);
  const namespaces = hostNamespacesOf(options);
  const redis = options.redisUrl === undefined ? await startRedisServer(namespaces?.bridgeAddress) : { url: options.redisUrl, stop: async () => undefined };
  try {
    return await crawlOn(redis.url, options, startUrl, namespaces);
  } finally {
    await redis.stop();
  }
};

/** The namespaces of a netns run, checked against `hosts`; undefined for loopback hosts. */
function hostNamespacesOf(options: CrawlOptions): HostNamespaces | undefined {
  if (options.hostNetwork === 'loopback') return undefined;
  if (options.netns === undefined || options.netns.namespaces.length !== options.hosts) {
    throw new TypeError(`distributed: hostNetwork 'netns' needs \`netns\` with one namespace per host (${options.hosts}); create them with openNetnsHosts first`);
  }
  return options.netns;
}

async function crawlOn(redisUrl: string, options: CrawlOptions, startUrl: string, namespaces: HostNamespaces | undefined): Promise<CrawlResult> {
  const redis = await connectRedis(redisUrl);
  // BLPOP blocks its connection; the other commands of the launcher go over the first one.
  const blocking = createRedisClient(redisUrl);
  const runId = newRunId();
  const keys = runKeys(runId);
  let succeeded = false;
  try {
    // The namespaces are the launcher's business; a worker is already inside its own.
    const { signal, onProgress, netns, ...workerOptions } = options;
    const config: RunConfig = { version: RUN_CONFIG_VERSION, options: workerOptions, maxDeliveries: MAX_DELIVERIES };
    await redis.set(keys.config, JSON.stringify(config));
    await redis.call('XGROUP', 'CREATE', keys.frontier, WORKER_GROUP, '$', 'MKSTREAM');
    const scripts = frontierScripts(redis, keys, { maxPages: options.maxPages, leaseMs: options.leaseMs, maxDeliveries: MAX_DELIVERIES });
    let failure: Error | undefined;
    const fleet = startWorkerFleet({
      workers: options.workers,
      hosts: options.hosts,
      redisUrl,
      runId,
      ...(namespaces && { namespaces: namespaces.namespaces }),
      onFailure: (error) => (failure ??= error),
    });
    const timers: NodeJS.Timeout[] = [];
    try {
      await untilSettledOrAborted(fleet.ready, signal);
      const startedAt = performance.now();
      if (!signal?.aborted) await scripts.enqueue([startUrl]);
      if (options.chaosMs > 0) timers.push(setInterval(() => void killRandomBusyWorker(redis, keys, fleet, options.workers), options.chaosMs));
      // The last host: with hosts of unequal size it is one of the smaller ones.
      if (options.killHostAfterMs > 0) timers.push(setTimeout(() => fleet.killHost(options.hosts - 1), options.killHostAfterMs));
      let ended = false;
      // Bounded by the crawl: each turn waits at most WAIT_TURN_S, and ends on the end, an abort or a failure.
      while (!ended && failure === undefined && !signal?.aborted) {
        // A BLPOP cut short by the abort is rejected when its connection closes: nothing to report.
        const popped = blocking.blpop(keys.doneSignal, WAIT_TURN_S).catch(() => null);
        ended = (await untilSettledOrAborted(popped, signal)) != null;
        if (onProgress) await reportProgress(redis, keys, onProgress);
      }
      const durationMs = performance.now() - startedAt;
      for (const timer of timers) clearInterval(timer);
      const wasAborted = signal?.aborted === true && !ended;
      // Killed before reading: an answer arriving after the read would be lost from the result.
      await fleet.close(wasAborted ? 0 : EXIT_GRACE_MS);
      if (failure !== undefined) throw failure;
      const result = await collectResult(redis, keys, {
        impl: IMPL,
        workers: options.workers,
        hosts: options.hosts,
        startUrl,
        durationMs,
        startupMs: fleet.startupMs,
        restarts: fleet.restarts,
        aborted: wasAborted,
      });
      succeeded = true;
      return result;
    } finally {
      for (const timer of timers) clearInterval(timer);
      await fleet.close(0);
    }
  } finally {
    await releaseRun(redis, blocking, keys, succeeded);
  }
}

/** Deletes the run's keys and closes both connections. */
async function releaseRun(redis: Redis, blocking: Redis, keys: RunKeys, crawlSucceeded: boolean): Promise<void> {
  try {
    await deleteRunKeys(redis, keys);
  } catch (error) {
    // After a failed crawl (Redis itself gone, most often) the crawl's own error says more; after
    // a good one, keys left in a shared Redis must not pass in silence.
    if (crawlSucceeded) throw error;
  } finally {
    blocking.disconnect();
    redis.disconnect();
  }
}

async function connectRedis(url: string): Promise<Redis> {
  const redis = createRedisClient(url, { retryStrategy: (times) => (times > 5 ? null : 100) });
  try {
    await redis.connect();
    const info = await redis.info('server');
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    // XAUTOCLAIM and XPENDING's IDLE filter arrived in Redis 6.2.
    if (version === null || Number(version[1]) * 100 + Number(version[2]) < 602) {
      throw new RedisStartError(`Redis at ${url} is version ${version?.[0].split(':')[1] ?? 'unknown'}; the distributed crawler needs 6.2 or later`);
    }
    return redis;
  } catch (error) {
    redis.disconnect();
    if (error instanceof RedisStartError) throw error;
    throw new RedisStartError(`cannot reach Redis at ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `work`'s value, or undefined as soon as `signal` aborts; the listener is removed either way. */
async function untilSettledOrAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (signal === undefined) return work;
  if (signal.aborted) return undefined;
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Chaos: SIGKILL the worker of one random pending entry. Like the supervised pool's
 * `chaosKillsPerUrl`, an entry already delivered `MAX_DELIVERIES - 1` times is spared, so chaos
 * alone can never dead-letter a page: a chaos crawl must still return the exact site.
 */
async function killRandomBusyWorker(redis: Redis, keys: RunKeys, fleet: WorkerFleet, workers: number): Promise<void> {
  let pending: Array<[string, string, number, number]>;
  try {
    pending = (await redis.call('XPENDING', keys.frontier, WORKER_GROUP, '-', '+', 2 * workers + 10)) as typeof pending;
  } catch {
    return; // Redis going away at the end of the crawl: no kill this tick
  }
  const live = fleet.live();
  const busy = pending.filter(([, consumer, , deliveries]) => live.has(consumer) && deliveries < MAX_DELIVERIES - 1);
  const victim = busy[Math.floor(Math.random() * busy.length)];
  if (victim !== undefined) fleet.kill(victim[1]);
}

async function reportProgress(redis: Redis, keys: RunKeys, onProgress: NonNullable<CrawlOptions['onProgress']>): Promise<void> {
  const [pages, outstanding, pending, errors] = await Promise.all([
    redis.hlen(keys.pages),
    redis.get(keys.outstanding),
    redis.call('XPENDING', keys.frontier, WORKER_GROUP) as Promise<[number, ...unknown[]]>,
    redis.hget(keys.stats, 'errors'),
  ]);
  const inFlight = Number(pending[0]);
  onProgress({ pages, queued: Math.max(0, Number(outstanding ?? 0) - inFlight), inFlight, errors: Number(errors ?? 0) });
}

/** Deletes every key of the run: the known ones, then whatever else carries its prefix. */
async function deleteRunKeys(redis: Redis, keys: RunKeys): Promise<void> {
  const known = Object.entries(keys)
    .filter(([name]) => name !== 'prefix')
    .map(([, key]) => key);
  await redis.del(...known);
  let cursor = '0';
  // Bounded: SCAN visits every key once per full cycle; 10 000 turns of 1000 is far past any run's keys.
  for (let turn = 0; turn < 10_000; turn += 1) {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${keys.prefix}*`, 'COUNT', 1000);
    if (found.length > 0) await redis.del(...found);
    cursor = next;
    if (cursor === '0') return;
  }
}
