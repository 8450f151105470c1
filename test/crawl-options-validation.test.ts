import { describe, expect, it } from 'vitest';
import { CRAWL_DEFAULTS, resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { MAX_TIMER_MS } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';

describe('resolveCrawlOptions', () => {
  it('fills every default, and undefined fields mean "default"', () => {
    const options = resolveCrawlOptions({ startUrl: 'http://127.0.0.1:8080/', workers: undefined });
    expect(options).toEqual({ ...CRAWL_DEFAULTS, startUrl: 'http://127.0.0.1:8080/' });
    expect(options.workers).toBe(10);
    expect(options.maxBodyBytes).toBe(10 * 1024 * 1024);
  });

  it('keeps given values', () => {
    const options = resolveCrawlOptions({ startUrl: 'https://h.test/', workers: 50, retries: 0, keepAlive: false, timeoutMs: 1 });
    expect(options).toMatchObject({ workers: 50, retries: 0, keepAlive: false, timeoutMs: 1 });
  });

  it.each([
    ['not a URL', { startUrl: 'nope' }, 'start URL "nope" is not a valid absolute URL; give one like http://127.0.0.1:8080/'],
    ['relative URL', { startUrl: '/docs/' }, 'start URL "/docs/" is not a valid absolute URL; give one like http://127.0.0.1:8080/'],
    ['ftp URL', { startUrl: 'ftp://h.test/' }, 'start URL ftp://h.test/ uses ftp:; only http: and https: can be crawled'],
    ['mailto URL', { startUrl: 'mailto:a@b.test' }, 'start URL mailto:a@b.test uses mailto:; only http: and https: can be crawled'],
    ['zero workers', { workers: 0 }, 'workers must be a whole number from 1 to 1000, got 0'],
    ['fractional workers', { workers: 1.5 }, 'workers must be a whole number from 1 to 1000, got 1.5'],
    ['too many workers', { workers: 1001 }, 'workers must be a whole number from 1 to 1000, got 1001'],
    ['NaN workers', { workers: Number.NaN }, 'workers must be a whole number from 1 to 1000, got NaN'],
    ['zero timeout', { timeoutMs: 0 }, `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 0`],
    ['fractional timeout', { timeoutMs: 1000.5 }, `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 1000.5`],
    ["timeout past Node's timer limit", { timeoutMs: MAX_TIMER_MS + 1 }, `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 2147483648`],
    ['infinite timeout', { timeoutMs: Number.POSITIVE_INFINITY }, `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got Infinity`],
    ['negative retries', { retries: -1 }, 'retries must be a whole number from 0 to 100, got -1'],
    ['fractional retries', { retries: 0.5 }, 'retries must be a whole number from 0 to 100, got 0.5'],
    ['zero maxPages', { maxPages: 0 }, 'maxPages must be a whole number of at least 1, got 0'],
    ['zero maxBodyBytes', { maxBodyBytes: 0 }, 'maxBodyBytes must be a whole number of at least 1, got 0'],
    ['negative chaosMs', { chaosMs: -5 }, `chaosMs must be a whole number from 0 to ${MAX_TIMER_MS}, got -5`],
    ['fractional chaosMs', { chaosMs: 2.5 }, `chaosMs must be a whole number from 0 to ${MAX_TIMER_MS}, got 2.5`],
    ["chaosMs past Node's timer limit", { chaosMs: MAX_TIMER_MS + 1 }, `chaosMs must be a whole number from 0 to ${MAX_TIMER_MS}, got 2147483648`],
    ['ca given as a file name', { ca: 'fixtures/tls/ca.pem' }, 'ca must be PEM text (-----BEGIN CERTIFICATE-----), not a file name; read the file first'],
  ])('rejects %s with InvalidArgumentError and one message', (_what, input, message) => {
    const call = () => resolveCrawlOptions({ startUrl: 'http://127.0.0.1:8080/', ...input });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(new InvalidArgumentError(message));
  });

  it('accepts the timer limit itself for timeoutMs and chaosMs', () => {
    const options = resolveCrawlOptions({ startUrl: 'http://127.0.0.1:8080/', timeoutMs: MAX_TIMER_MS, chaosMs: MAX_TIMER_MS });
    expect(options).toMatchObject({ timeoutMs: MAX_TIMER_MS, chaosMs: MAX_TIMER_MS });
  });
});
