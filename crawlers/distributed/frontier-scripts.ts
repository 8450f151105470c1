/**
 * The distributed frontier's four Lua scripts. Each runs atomically inside Redis, so what must
 * not race is never split over round trips: the dupe filter and the queue change together
 * (enqueue), a page is recorded at most once and only by the worker that still owns its entry
 * (complete), an owner renews its lease only while it still owns the entry (heartbeat), and a
 * silent owner's entry is taken over or dead-lettered in one step (reclaim). scrapy-redis keeps
 * the same pieces (a queue and a fingerprint set); Crawlee's Redis storage reclaims in-progress
 * leases with a script the same way.
 *
 * The lease: an owner heartbeats every `leaseMs / 4` (XCLAIM JUSTID resets an entry's idle time
 * without counting a delivery), so an entry idle past `leaseMs` means its owner is dead, killed
 * or stalled, whatever the page costs: a page that hangs until `timeoutMs` keeps its owner. "About
 * twice a page's p99" is the right size for a lease without heartbeats (a slow page would lose its
 * owner, and after three losses be dead-lettered); with them the lease only has to outlast the
 * longest stretch a live worker's event loop is busy, and it is what losing a host costs. That
 * stretch is one page's CPU times the contention: 50 workers on 2 shared cores, each parsing its
 * first page with cold code (~100 ms of CPU), held heartbeats back by over a second, and 1 s leases
 * re-fetched a third of the pages at W = 50. Hence 3 s (CRAWL_DEFAULTS.leaseMs); tests that kill
 * workers shorten it.
 *
 * NOTE: the key order is `scriptKeys()` (run-keys.ts); ARGV layouts are documented per script and
 * built only here.
 */
import type { ClientContext, Redis, Result } from 'ioredis';
import { type RunKeys, scriptKeys, WORKER_GROUP } from './run-keys.js';
import type { StoredVisit } from './stored-visit.js';

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    crawlbenchEnqueue(...args: Array<string | number>): Result<number, Context>;
    crawlbenchComplete(...args: Array<string | number>): Result<number, Context>;
    crawlbenchHeartbeat(...args: Array<string | number>): Result<number, Context>;
    crawlbenchReclaim(...args: Array<string | number>): Result<string[], Context>;
  }
}

/**
 * Shared helpers. KEYS: 1 seen, 2 frontier, 3 outstanding, 4 stats, 5 pages, 6 done, 7 done
 * signal, 8 waited, 9 dead. `admit` mirrors `Frontier.add`: a URL seen before is dropped, a new
 * one past the cap is refused and counted, any other is added to the dupe filter and queued.
 */
const HELPERS = `
local function admit(url, maxPages)
  if redis.call('SCARD', KEYS[1]) >= maxPages then
    if redis.call('SISMEMBER', KEYS[1], url) == 0 then redis.call('HINCRBY', KEYS[4], 'refusedByMaxPages', 1) end
    return 0
  end
  if redis.call('SADD', KEYS[1], url) == 0 then return 0 end
  redis.call('XADD', KEYS[2], '*', 'url', url)
  redis.call('INCR', KEYS[3])
  return 1
end
local function settle(group)
  local left = redis.call('DECR', KEYS[3])
  if left <= 0 and redis.call('XPENDING', KEYS[2], group)[1] == 0 then
    redis.call('SET', KEYS[6], 'done')
    redis.call('RPUSH', KEYS[7], 'done')
    return 1
  end
  return 0
end
local function owns(group, consumer, id)
  return #redis.call('XPENDING', KEYS[2], group, id, id, 1, consumer) == 1
end
`;

/** ARGV: maxPages, url... Returns how many URLs were queued. */
const ENQUEUE = `${HELPERS}
local queued = 0
for i = 2, #ARGV do queued = queued + admit(ARGV[i], tonumber(ARGV[1])) end
return queued`;

/**
 * ARGV: group, consumer, entry id, url, stored visit (JSON), maxPages, requests, has error (0/1),
 * found url... Returns 0 refused (the caller no longer owns the entry: its answer is late), 1
 * recorded, 2 recorded and the crawl is over.
 */
const COMPLETE = `${HELPERS}
local group, consumer, id = ARGV[1], ARGV[2], ARGV[3]
if not owns(group, consumer, id) then
  redis.call('HINCRBY', KEYS[4], 'refusedCompletions', 1)
  redis.call('HINCRBY', KEYS[4], 'refusedRequests', ARGV[7])
  return 0
end
redis.call('XACK', KEYS[2], group, id)
redis.call('XDEL', KEYS[2], id)
-- One entry per URL (the dupe filter) and one owner per entry make this always new; HSETNX
-- still keeps the first record should that ever not hold.
if redis.call('HSETNX', KEYS[5], ARGV[4], ARGV[5]) == 0 then return 1 end
if ARGV[8] == '1' then redis.call('HINCRBY', KEYS[4], 'errors', 1) end
for i = 9, #ARGV do admit(ARGV[i], tonumber(ARGV[6])) end
return 1 + settle(group)`;

/** ARGV: group, consumer, entry id. Returns 1 when the lease was renewed, 0 when the entry is no longer the caller's. */
const HEARTBEAT = `${HELPERS}
if not owns(ARGV[1], ARGV[2], ARGV[3]) then return 0 end
redis.call('XCLAIM', KEYS[2], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1`;

/**
 * ARGV: group, consumer, leaseMs, maxDeliveries, count. Entries idle past the lease that were
 * delivered fewer than maxDeliveries times are taken over by the caller (XAUTOCLAIM, from each
 * entry's own id with COUNT 1: XAUTOCLAIM alone scans only 10 × COUNT pending entries, and busy
 * ones ahead could hide an idle one) and returned as id, url, id, url...; the others go to the
 * dead-letter stream and are recorded as `worker-crashed`.
 */
const RECLAIM = `${HELPERS}
local group, consumer, lease, maxDeliveries = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local stale = redis.call('XPENDING', KEYS[2], group, 'IDLE', lease, '-', '+', ARGV[5])
local taken = {}
for _, entry in ipairs(stale) do
  local id, owner, idle, deliveries = entry[1], entry[2], entry[3], entry[4]
  local url = redis.call('XRANGE', KEYS[2], id, id)[1][2][2]
  redis.call('HINCRBY', KEYS[8], url, idle)
  redis.call('HINCRBY', KEYS[4], 'reclaimWaitMs', idle)
  if deliveries >= maxDeliveries then
    redis.call('XACK', KEYS[2], group, id)
    redis.call('XDEL', KEYS[2], id)
    redis.call('XADD', KEYS[9], '*', 'url', url, 'owner', owner, 'deliveries', deliveries)
    local now = redis.call('TIME')
    redis.call('HSETNX', KEYS[5], url, '{"deadLetter":true,"deliveries":' .. deliveries .. ',"finishedAtMs":' .. (now[1] * 1000 + math.floor(now[2] / 1000)) .. '}')
    redis.call('HINCRBY', KEYS[4], 'deadLetters', 1)
    redis.call('HINCRBY', KEYS[4], 'errors', 1)
    settle(group)
  else
    redis.call('XAUTOCLAIM', KEYS[2], group, consumer, lease, id, 'COUNT', 1)
    redis.call('HINCRBY', KEYS[4], 'refetches', 1)
    taken[#taken + 1] = id
    taken[#taken + 1] = url
  end
end
return taken`;

/** One frontier entry as a worker holds it. */
export interface FrontierEntry {
  id: string;
  url: string;
}

export type Completion = 'refused' | 'recorded' | 'done';

export interface FrontierScripts {
  /** Queues the URLs not seen before (up to `maxPages` ever); resolves with how many were queued. */
  enqueue(urls: readonly string[]): Promise<number>;
  /** Records `visit` for the entry and queues what it found, unless `consumer` no longer owns the entry. */
  complete(consumer: string, entry: FrontierEntry, visit: StoredVisit, found: readonly string[]): Promise<Completion>;
  /** Renews the lease; false when the entry was taken over (the page should be given up). */
  heartbeat(consumer: string, entry: FrontierEntry): Promise<boolean>;
  /** Takes over up to `count` entries idle past the lease, dead-lettering those delivered too often. */
  reclaim(consumer: string, count: number): Promise<FrontierEntry[]>;
}

/** What the scripts need to know about the run beyond its keys. */
export interface FrontierLimits {
  maxPages: number;
  leaseMs: number;
  /** Deliveries an entry may have whose owners all went silent before it is dead-lettered. */
  maxDeliveries: number;
}

/** Defines the scripts on `redis` (ioredis sends EVALSHA, and the script once if Redis lacks it). */
export function frontierScripts(redis: Redis, keys: RunKeys, limits: FrontierLimits): FrontierScripts {
  const numberOfKeys = scriptKeys(keys).length;
  redis.defineCommand('crawlbenchEnqueue', { numberOfKeys, lua: ENQUEUE });
  redis.defineCommand('crawlbenchComplete', { numberOfKeys, lua: COMPLETE });
  redis.defineCommand('crawlbenchHeartbeat', { numberOfKeys, lua: HEARTBEAT });
  redis.defineCommand('crawlbenchReclaim', { numberOfKeys, lua: RECLAIM });
  const k = scriptKeys(keys);
  return {
    enqueue: (urls) => redis.crawlbenchEnqueue(...k, limits.maxPages, ...urls),
    async complete(consumer, entry, visit, found) {
      const hasError = visit.record.error === undefined ? 0 : 1;
      const answer = await redis.crawlbenchComplete(...k, WORKER_GROUP, consumer, entry.id, entry.url, JSON.stringify(visit), limits.maxPages, visit.requests, hasError, ...found);
      return answer === 0 ? 'refused' : answer === 2 ? 'done' : 'recorded';
    },
    heartbeat: async (consumer, entry) => (await redis.crawlbenchHeartbeat(...k, WORKER_GROUP, consumer, entry.id)) === 1,
    async reclaim(consumer, count) {
      const flat = await redis.crawlbenchReclaim(...k, WORKER_GROUP, consumer, limits.leaseMs, limits.maxDeliveries, count);
      const entries: FrontierEntry[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ id: String(flat[i]), url: String(flat[i + 1]) });
      return entries;
    },
  };
}
