/** Redis for the distributed crawler's tests: one shared server per file, and what a run may leave behind. */
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../crawlers/distributed/redis-server.js';
import { KEY_PREFIX } from '../../crawlers/distributed/run-keys.js';
import { descendantsOf, type ProcessEntry } from './processes.js';

/** A key of someone else's, which no run may touch: a shared Redis holds more than our runs. */
export const FOREIGN_KEY = 'someone-else:counter';

/**
 * A redis-server shared by the tests of one file, as `--redis URL` would name an existing one:
 * `const redis = sharedRedis(); beforeAll(redis.start); afterAll(redis.stop);`.
 */
export function sharedRedis(): { start: () => Promise<void>; stop: () => Promise<void>; readonly url: string; readonly client: Redis; readonly server: RedisServer } {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('sharedRedis: call start() first (beforeAll)');
    return value;
  };
  return {
    start: async () => {
      server = await startRedisServer();
      client = new Redis(server.url, { protocol: 2 });
      await client.set(FOREIGN_KEY, '42');
    },
    stop: async () => {
      client?.disconnect();
      await server?.stop();
    },
    get url() {
      return need(server).url;
    },
    get client() {
      return need(client);
    },
    get server() {
      return need(server);
    },
  };
}

/** Keys of any crawl run still in `client`'s Redis. */
export function runKeysLeft(client: Redis): Promise<string[]> {
  return client.keys(`${KEY_PREFIX}*`);
}

/**
 * Processes of distributed crawls below `pid`: worker entries, redis-servers (redis names itself
 * `redis-server 127.0.0.1:PORT`) and their `sh` watchdogs, minus the pids in `except` (a shared server).
 */
export function distributedProcessesOf(pid: number, except: readonly number[] = []): ProcessEntry[] {
  const descendants = descendantsOf(pid);
  // A shared server's watchdog is its parent.
  const excluded = new Set([...except, ...descendants.filter((entry) => except.includes(entry.pid)).map((entry) => entry.ppid)]);
  return descendants.filter((entry) => (entry.cmdline.includes('distributed-worker-entry') || entry.cmdline.includes('redis-server')) && !excluded.has(entry.pid));
}
