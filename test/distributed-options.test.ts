/**
 * The distributed crawler's options fail at the door with one message, from an options object and
 * from `npm run crawl` flags alike, and the flags reach the crawler: `--hosts`, `--redis`,
 * `--kill-host-after-ms` and `--lease-ms` give a crawl of the exact site in the crawl JSON.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';
import type { CrawlResult } from '../crawlers/contract.js';
import { CRAWL_DEFAULTS, resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { runKeysLeft, sharedRedis } from './helpers/redis.js';
import { visitsOf } from './helpers/visits.js';

const CRAWL_JS = fileURLToPath(new URL('../dist/scripts/crawl.js', import.meta.url));
const START = 'http://127.0.0.1:8080/';

describe('the distributed options', () => {
  it('default to one local host, no host kill and a 3 s lease', () => {
    expect(resolveCrawlOptions({ startUrl: START })).toMatchObject({ hosts: 1, killHostAfterMs: 0, leaseMs: 3000 });
    expect(CRAWL_DEFAULTS.leaseMs).toBe(3000);
  });

  it.each([
    ['zero hosts', { hosts: 0 }, 'hosts must be a whole number from 1 to 1000, got 0'],
    ['more hosts than workers', { hosts: 3, workers: 2 }, 'hosts (3) cannot exceed workers (2): every host runs at least one worker'],
    ['a host kill with one host', { killHostAfterMs: 100 }, 'killHostAfterMs needs hosts of at least 2: the crawl must have a host left to finish it'],
    ['a negative host kill', { killHostAfterMs: -1, hosts: 2 }, `killHostAfterMs must be a whole number from 0 to ${MAX_TIMER_MS}, got -1`],
    ['a lease shorter than a few round trips', { leaseMs: 10 }, `leaseMs must be a whole number from 50 to ${MAX_TIMER_MS}, got 10`],
    ['a Redis URL of another scheme', { redisUrl: 'http://127.0.0.1:6379' }, 'redisUrl must be a redis:// URL such as redis://127.0.0.1:6379/0, got "http://127.0.0.1:6379"'],
  ])('reject %s with InvalidArgumentError and one message', (_what, input, message) => {
    const call = () => resolveCrawlOptions({ startUrl: START, ...input });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(new InvalidArgumentError(message));
  });
});

describe('npm run crawl -- --impl distributed', () => {
  const fixtures = fixtureServers();
  const redis = sharedRedis();
  beforeAll(redis.start);
  afterAll(redis.stop);
  afterEach(() => fixtures.closeAll());

  const runCrawl = (args: string[]) => execa('node', [CRAWL_JS, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });

  it('crawls the exact site with --hosts, --redis, --kill-host-after-ms and --lease-ms, and deletes its keys', async () => {
    const site = await fixtures.start({ pages: 60, latencyMs: 20 });
    const run = await runCrawl([site.startUrl, '--impl', 'distributed', '--workers', '4', '--hosts', '2', '--redis', redis.url, '--kill-host-after-ms', '200', '--lease-ms', '300', '--json']);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const result = JSON.parse(String(run.stdout)) as CrawlResult & { version: number };
    expect(result).toMatchObject({ version: 1, impl: 'distributed', workers: 4, hosts: 2 });
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
    expect(result.stats.refetches).toBeGreaterThanOrEqual(0);
    expect(await runKeysLeft(redis.client)).toEqual([]);
  }, 120_000);

  it.each([
    [['--hosts', '0'], 'hosts must be a whole number from 1 to 1000, got 0'],
    [['--hosts', '2', '--workers', '1'], 'hosts (2) cannot exceed workers (1)'],
    [['--kill-host-after-ms', '100'], 'killHostAfterMs needs hosts of at least 2'],
    [['--lease-ms', '0x10'], '--lease-ms must be a number in plain decimal notation, got "0x10"'],
    [['--redis', 'localhost:6379'], 'redisUrl must be a redis:// URL'],
  ])('refuses %j with exit 2 and one line', async (flags, message) => {
    const run = await runCrawl([START, '--impl', 'distributed', ...flags]);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).trim().split('\n')).toEqual([expect.stringContaining(message)]);
  });
});
