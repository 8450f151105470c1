/**
 * Defaults and the one validation of `CrawlOptions`, so bad options fail at the door with a
 * message instead of deep inside a crawl (undici throws `InvalidArgumentError` the same way).
 */
import type { CrawlOptions } from './contract.js';
import { checkNumber, MAX_TIMER_MS, type NumberRule } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';
import { MAX_NETNS_HOSTS } from '../common/netns-block.js';

/** Upper bound on `workers`: beyond this, threads or processes exhaust a laptop long before the site. */
export const MAX_WORKERS = 1000;

/**
 * The accepted range of every numeric option. Timeouts are whole milliseconds no longer than a
 * Node timer can wait: undici rejects a fractional timeout on every request, and a longer one
 * overflows and fires at once. `chaosMs` 0 turns chaos off.
 */
export const CRAWL_LIMITS = {
  workers: { min: 1, max: MAX_WORKERS, integer: true },
  timeoutMs: { min: 1, max: MAX_TIMER_MS, integer: true },
  retries: { min: 0, max: 100, integer: true },
  maxPages: { min: 1, integer: true },
  maxBodyBytes: { min: 1, integer: true },
  maxUrlLength: { min: 16, max: 1_000_000, integer: true },
  chaosMs: { min: 0, max: MAX_TIMER_MS, integer: true },
  hosts: { min: 1, max: MAX_WORKERS, integer: true },
  killHostAfterMs: { min: 0, max: MAX_TIMER_MS, integer: true },
  // A lease shorter than a few Redis round trips would take pages from owners that are fine.
  leaseMs: { min: 50, max: MAX_TIMER_MS, integer: true },
} as const satisfies Partial<Record<keyof CrawlOptions, NumberRule>>;

/** The defaults documented on `CrawlOptions`. */
export const CRAWL_DEFAULTS = {
  workers: 10,
  timeoutMs: 10_000,
  retries: 2,
  maxPages: 100_000,
  maxBodyBytes: 10 * 1024 * 1024,
  // The sitemap protocol's limit (sitemaps.org: "less than 2,048 characters"); longer links are
  // almost always generated traps (a path that grows with every hop).
  maxUrlLength: 2048,
  keepAlive: true,
  insecure: false,
  chaosMs: 0,
  hosts: 1,
  hostNetwork: 'loopback',
  killHostAfterMs: 0,
  // Heartbeats renew a lease every leaseMs / 4, so a live owner must be stalled for three of them
  // to lose its page; see crawlers/distributed/frontier-scripts.ts for why 3 s.
  leaseMs: 3000,
} as const satisfies Omit<CrawlOptions, 'startUrl' | 'ca' | 'signal'>;

/** Fills defaults for missing fields and validates every field; throws `InvalidArgumentError`. */
export function resolveCrawlOptions(input: Partial<CrawlOptions> & { startUrl: string }): CrawlOptions {
  const options: CrawlOptions = { ...CRAWL_DEFAULTS, ...withoutUndefined(input), startUrl: input.startUrl };
  checkStartUrl(options.startUrl);
  for (const [name, rule] of Object.entries(CRAWL_LIMITS)) checkNumber(name, options[name as keyof typeof CRAWL_LIMITS], rule);
  if (typeof options.keepAlive !== 'boolean' || typeof options.insecure !== 'boolean') {
    throw new InvalidArgumentError('keepAlive and insecure must be booleans');
  }
  checkHosts(options);
  if (options.ca !== undefined && !options.ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InvalidArgumentError('ca must be PEM text (-----BEGIN CERTIFICATE-----), not a file name; read the file first');
  }
  return options;
}

/** `{ workers: undefined }` must mean "use the default", not "override it with undefined". */
function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The distributed crawler's host options, which only make sense together. */
function checkHosts(options: CrawlOptions): void {
  if (options.hosts > options.workers) throw new InvalidArgumentError(`hosts (${options.hosts}) cannot exceed workers (${options.workers}): every host runs at least one worker`);
  if (options.killHostAfterMs > 0 && options.hosts < 2) throw new InvalidArgumentError('killHostAfterMs needs hosts of at least 2: the crawl must have a host left to finish it');
  if (options.redisUrl !== undefined && !/^rediss?:\/\/./.test(options.redisUrl)) {
    throw new InvalidArgumentError(`redisUrl must be a redis:// URL such as redis://127.0.0.1:6379/0, got ${JSON.stringify(options.redisUrl)}`);
  }
  if (options.hostNetwork !== 'loopback' && options.hostNetwork !== 'netns') {
    throw new InvalidArgumentError(`hostNetwork must be 'loopback' or 'netns', got ${JSON.stringify(options.hostNetwork)}`);
  }
  if (options.hostNetwork === 'netns') {
    // One /24 per run: the bridge, a host per address, the broadcast (netns-hosts.ts).
    if (options.hosts > MAX_NETNS_HOSTS) throw new InvalidArgumentError(`hosts (${options.hosts}) cannot exceed ${MAX_NETNS_HOSTS} network namespaces: each takes an address of the run's /24`);
    // The hosts reach the run's bridge and nothing else; the crawl starts its own Redis there.
    if (options.redisUrl !== undefined)
      throw new InvalidArgumentError('redisUrl cannot be used with netns hosts: they reach only their bridge, where the crawl starts its own redis-server; drop --redis');
  }
}

function checkStartUrl(startUrl: string): void {
  if (typeof startUrl !== 'string' || !URL.canParse(startUrl)) {
    throw new InvalidArgumentError(`start URL ${JSON.stringify(startUrl)} is not a valid absolute URL; give one like http://127.0.0.1:8080/`);
  }
  const { protocol } = new URL(startUrl);
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InvalidArgumentError(`start URL ${startUrl} uses ${protocol}; only http: and https: can be crawled`);
  }
}
