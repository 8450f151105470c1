/**
 * Defaults and the one validation of `CrawlOptions`, so bad options fail at the door with a
 * message instead of deep inside a crawl (undici throws `InvalidArgumentError` the same way).
 */
import type { CrawlOptions } from './contract.js';
import { InvalidArgumentError } from '../common/errors.js';

/** Upper bound on `workers`: beyond this, threads or processes exhaust a laptop long before the site. */
export const MAX_WORKERS = 1000;

/** The defaults documented on `CrawlOptions`. */
export const CRAWL_DEFAULTS = {
  workers: 10,
  timeoutMs: 10_000,
  retries: 2,
  maxPages: 100_000,
  maxBodyBytes: 10 * 1024 * 1024,
  keepAlive: true,
  insecure: false,
  chaosMs: 0,
} as const satisfies Omit<CrawlOptions, 'startUrl' | 'ca' | 'signal'>;

/** Fills defaults for missing fields and validates every field; throws `InvalidArgumentError`. */
export function resolveCrawlOptions(input: Partial<CrawlOptions> & { startUrl: string }): CrawlOptions {
  const options: CrawlOptions = { ...CRAWL_DEFAULTS, ...withoutUndefined(input), startUrl: input.startUrl };
  checkStartUrl(options.startUrl);
  checkInteger('workers', options.workers, 1, MAX_WORKERS);
  checkPositive('timeoutMs', options.timeoutMs);
  checkInteger('retries', options.retries, 0, 100);
  checkInteger('maxPages', options.maxPages, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxBodyBytes', options.maxBodyBytes, 1, Number.MAX_SAFE_INTEGER);
  if (!(Number.isFinite(options.chaosMs) && options.chaosMs >= 0)) {
    throw new InvalidArgumentError(`chaosMs must be a number of milliseconds >= 0 (0 turns chaos off), got ${String(options.chaosMs)}`);
  }
  if (typeof options.keepAlive !== 'boolean' || typeof options.insecure !== 'boolean') {
    throw new InvalidArgumentError('keepAlive and insecure must be booleans');
  }
  if (options.ca !== undefined && !options.ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InvalidArgumentError('ca must be PEM text (-----BEGIN CERTIFICATE-----), not a file name; read the file first');
  }
  return options;
}

/** `{ workers: undefined }` must mean "use the default", not "override it with undefined". */
function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
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

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new InvalidArgumentError(`${name} must be a whole number ${range}, got ${String(value)}`);
  }
}

function checkPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InvalidArgumentError(`${name} must be a number of milliseconds > 0, got ${String(value)}`);
  }
}
