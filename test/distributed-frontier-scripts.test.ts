/**
 * The distributed frontier's Lua scripts on a real redis-server, one step at a time: dedup and the
 * page cap cannot race, only the entry's owner records it, a silent owner's entry is taken over
 * and its late answer refused, an entry delivered too often is dead-lettered, and the crawl ends
 * exactly when nothing is outstanding or pending.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FrontierEntry, frontierScripts } from '../crawlers/distributed/frontier-scripts.js';
import { newRunId, type RunKeys, runKeys, WORKER_GROUP } from '../crawlers/distributed/run-keys.js';
import type { StoredVisit } from '../crawlers/distributed/stored-visit.js';
import { runKeysLeft, sharedRedis } from './helpers/redis.js';

const redis = sharedRedis();
beforeAll(redis.start);
afterAll(redis.stop);

let keys: RunKeys;
afterEach(async () => {
  const left = await runKeysLeft(redis.client);
  if (left.length > 0) await redis.client.del(...left);
});

async function newRun(limits: { maxPages?: number; leaseMs?: number; maxDeliveries?: number } = {}) {
  keys = runKeys(newRunId());
  await redis.client.call('XGROUP', 'CREATE', keys.frontier, WORKER_GROUP, '$', 'MKSTREAM');
  return frontierScripts(redis.client, keys, { maxPages: 100, leaseMs: 100, maxDeliveries: 3, ...limits });
}

/** Hands the next new entry to `consumer`, as a worker's XREADGROUP does. */
async function read(client: Redis, consumer: string): Promise<FrontierEntry | undefined> {
  const reply = (await client.call('XREADGROUP', 'GROUP', WORKER_GROUP, consumer, 'COUNT', 1, 'STREAMS', keys.frontier, '>')) as Array<[string, Array<[string, string[]]>]> | null;
  const item = reply?.[0]?.[1][0];
  return item === undefined ? undefined : { id: item[0], url: String(item[1][1]) };
}

function visitOf(url: string): StoredVisit {
  return { record: { url, status: 200, bytes: 10, ms: 5, links: 0 }, requests: 1, skippedLongUrls: 0, startedAtMs: 1, finishedAtMs: 2 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the frontier scripts', () => {
  it('queue each URL once, and count new URLs refused past maxPages but not repeats', async () => {
    const scripts = await newRun({ maxPages: 3 });
    expect(await scripts.enqueue(['http://h/a', 'http://h/b', 'http://h/a'])).toBe(2);
    expect(await scripts.enqueue(['http://h/b', 'http://h/c', 'http://h/d', 'http://h/e', 'http://h/a'])).toBe(1);
    expect(await redis.client.xlen(keys.frontier)).toBe(3);
    expect(await redis.client.get(keys.outstanding)).toBe('3');
    expect(await redis.client.hget(keys.stats, 'refusedByMaxPages')).toBe('2');
  });

  it('record a page only for its owner, queue its links, and end the crawl when the last page is recorded', async () => {
    const scripts = await newRun();
    await scripts.enqueue(['http://h/']);
    const first = await read(redis.client, 'w1');
    if (first === undefined) throw new Error('no entry');
    expect(await scripts.complete('w2', first, visitOf(first.url), [])).toBe('refused');
    expect(await scripts.complete('w1', first, visitOf(first.url), ['http://h/a', 'http://h/'])).toBe('recorded');
    // The same answer again (a retry, a duplicate) is late: the entry is acknowledged.
    expect(await scripts.complete('w1', first, visitOf(first.url), [])).toBe('refused');
    const second = await read(redis.client, 'w2');
    if (second === undefined) throw new Error('no second entry');
    expect(second.url).toBe('http://h/a');
    expect(await redis.client.exists(keys.done)).toBe(0);
    expect(await scripts.complete('w2', second, visitOf(second.url), ['http://h/'])).toBe('done');
    expect(await redis.client.get(keys.done)).toBe('done');
    expect(await redis.client.lpop(keys.doneSignal)).toBe('done');
    expect((await redis.client.hkeys(keys.pages)).sort()).toEqual(['http://h/', 'http://h/a']);
    expect(await redis.client.hget(keys.stats, 'refusedCompletions')).toBe('2');
  });

  it('take over an entry idle past the lease, refuse its old owner, and keep a renewed one with its owner', async () => {
    const scripts = await newRun({ leaseMs: 100 });
    await scripts.enqueue(['http://h/a', 'http://h/b']);
    const stalled = await read(redis.client, 'w1');
    const alive = await read(redis.client, 'w2');
    if (stalled === undefined || alive === undefined) throw new Error('no entries');
    // w2 renews its lease three times during 300 ms; w1 says nothing.
    for (let beat = 0; beat < 6; beat += 1) {
      await sleep(50);
      expect(await scripts.heartbeat('w2', alive)).toBe(true);
    }
    expect(await scripts.reclaim('w3', 10)).toEqual([stalled]);
    expect(await scripts.heartbeat('w1', stalled)).toBe(false);
    expect(await scripts.complete('w1', stalled, visitOf(stalled.url), [])).toBe('refused');
    expect(await scripts.complete('w3', stalled, visitOf(stalled.url), [])).toBe('recorded');
    expect(await scripts.complete('w2', alive, visitOf(alive.url), [])).toBe('done');
    expect(await redis.client.hmget(keys.stats, 'refetches', 'refusedCompletions')).toEqual(['1', '1']);
    expect(Number(await redis.client.hget(keys.waited, stalled.url))).toBeGreaterThanOrEqual(100);
  });

  it('dead-letter an entry whose owners went silent on every allowed delivery, and end the crawl', async () => {
    const scripts = await newRun({ leaseMs: 50, maxDeliveries: 2 });
    await scripts.enqueue(['http://h/poison']);
    const first = await read(redis.client, 'w1');
    await sleep(80);
    const [second] = await scripts.reclaim('w2', 10);
    expect(second).toEqual(first);
    await sleep(80);
    expect(await scripts.reclaim('w3', 10)).toEqual([]);
    expect(JSON.parse((await redis.client.hget(keys.pages, 'http://h/poison')) ?? '{}')).toMatchObject({ deadLetter: true, deliveries: 2 });
    const [dead] = (await redis.client.call('XRANGE', keys.dead, '-', '+')) as Array<[string, string[]]>;
    expect(dead?.[1]).toEqual(['url', 'http://h/poison', 'owner', 'w2', 'deliveries', '2']);
    expect(await redis.client.get(keys.done)).toBe('done');
    if (second === undefined) throw new Error('no entry');
    expect(await scripts.complete('w2', second, visitOf(second.url), [])).toBe('refused');
  });
});
