import { describe, expect, it } from 'vitest';
import { CRAWL_DEFAULTS, resolveCrawlOptions } from '../crawlers/crawl-options.js';
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
    ['not a URL', { startUrl: 'nope' }, /not a valid absolute URL/],
    ['relative URL', { startUrl: '/docs/' }, /not a valid absolute URL/],
    ['ftp URL', { startUrl: 'ftp://h.test/' }, /only http: and https:/],
    ['mailto URL', { startUrl: 'mailto:a@b.test' }, /only http: and https:/],
    ['zero workers', { workers: 0 }, /workers must be a whole number from 1 to 1000/],
    ['fractional workers', { workers: 1.5 }, /workers/],
    ['too many workers', { workers: 1001 }, /workers/],
    ['NaN workers', { workers: Number.NaN }, /workers/],
    ['zero timeout', { timeoutMs: 0 }, /timeoutMs must be a number of milliseconds > 0/],
    ['infinite timeout', { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
    ['negative retries', { retries: -1 }, /retries/],
    ['fractional retries', { retries: 0.5 }, /retries/],
    ['zero maxPages', { maxPages: 0 }, /maxPages must be a whole number >= 1/],
    ['zero maxBodyBytes', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ['negative chaosMs', { chaosMs: -5 }, /chaosMs/],
    ['ca given as a file name', { ca: 'fixtures/tls/ca.pem' }, /PEM text/],
  ])('rejects %s with InvalidArgumentError', (_what, input, message) => {
    const call = () => resolveCrawlOptions({ startUrl: 'http://127.0.0.1:8080/', ...input });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });
});
