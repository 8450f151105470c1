/**
 * The one way this crawler makes an ioredis client, for the launcher and every worker alike.
 *
 * ioredis is CommonJS; importing it as ESM made Node analyse its whole export graph and cost each
 * worker process ~0.1 s more CPU at start than `require` (0.34 vs 0.16 s with `node` itself, Node
 * 20), which 50 workers starting on 2 cores pay 50 times. So it is required, as undici-agent.ts
 * requires undici; only its types are imported.
 *
 * RESP2, because every reply this crawler reads (XREADGROUP, XPENDING, the scripts' arrays) is
 * read in its RESP2 shape: ioredis 6 speaks RESP3 by default, where XREADGROUP answers a map.
 */
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';

/** A client that connects on `connect()`, and fails commands instead of queueing them forever once Redis is gone. */
export function createRedisClient(url: string, options: Pick<RedisOptions, 'maxRetriesPerRequest' | 'retryStrategy'> = {}): Redis {
  const require = createRequire(import.meta.url);
  const { Redis: RedisClass } = require('ioredis') as typeof import('ioredis');
  const client = new RedisClass(url, { protocol: 2, lazyConnect: true, maxRetriesPerRequest: 2, retryStrategy: (times) => (times > 10 ? null : 100), ...options });
  // Failures reach the caller as rejected commands; without a listener ioredis would also print
  // every reconnection attempt on stderr.
  client.on('error', () => undefined);
  return client;
}
