import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../common/check-number.js';
import type { CrawlResult } from '../crawlers/contract.js';
import { crawlerSet } from '../crawlers/crawler-set.js';
import type { FixtureOptions } from '../fixtures/fixture-options.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { SPECIAL_PATHS } from '../fixtures/special-pages.js';
import { startCountingProxy } from './helpers/counting-proxy.js';
import { visitsOf } from './helpers/visits.js';
import { checkTool } from '../crawlers/external/native-build.js';

const CRAWL_JS = fileURLToPath(new URL('../dist/scripts/crawl.js', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  // `npm test` builds first (pretest); running this file alone needs `npm run build`.
  if (!existsSync(CRAWL_JS)) throw new Error(`${CRAWL_JS} is missing: run npm run build first`);
});

async function fixture(options: Partial<FixtureOptions> = {}): Promise<FixtureServer> {
  const server = await startFixtureServer(options);
  cleanups.push(() => server.close());
  return server;
}

function runCrawl(args: string[]) {
  return execa('node', [CRAWL_JS, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^crawl: /);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('npm run crawl', () => {
  it('--json prints only the CrawlResult, and it matches the ground truth', async () => {
    const site = await fixture();
    const run = await runCrawl([site.startUrl, '--json', '--workers', '10']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(String(run.stdout)) as CrawlResult & { version: number };
    // A versioned document: `version` comes first, then the CrawlResult.
    expect(Object.keys(result)[0]).toBe('version');
    expect(result.version).toBe(1);
    expect(result).toMatchObject({ impl: 'promise-pool', workers: 10, startUrl: site.startUrl });
    expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
  });

  // Every native crawler of the catalog, through the same command and the same JSON shape.
  for (const [impl, crawler] of crawlerSet().commands) {
    it(
      `--impl ${impl} --json prints the crawl JSON, exact against the ground truth`,
      async (context) => {
        const spec = crawler.spec;
        if (spec === undefined) return;
        const tool = await checkTool(spec);
        if (!tool.ok) {
          context.skip(`${impl}: ${tool.reason}`);
          return;
        }
        const site = await fixture();
        // A cold build (cargo) can take minutes; CI builds ahead with npm run build:native.
        const run = await execa('node', [CRAWL_JS, site.startUrl, '--impl', impl, '--workers', '10', '--json'], { reject: false, timeout: 15 * 60_000 });
        expect(run.exitCode, String(run.stderr)).toBe(0);
        const result = JSON.parse(String(run.stdout)) as CrawlResult & { version: number };
        expect(Object.keys(result)[0]).toBe('version');
        expect(result).toMatchObject({ version: 1, impl, workers: 10, startUrl: site.startUrl });
        expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
      },
      16 * 60_000,
    );
  }

  it('says when --max-pages stopped the crawl, in the summary and in the JSON', async () => {
    const site = await fixture();
    const json = await runCrawl([site.startUrl, '--json', '--max-pages', '5']);
    expect(json.exitCode).toBe(0);
    const result = JSON.parse(String(json.stdout)) as CrawlResult;
    expect(result.pages).toHaveLength(5);
    expect(result.stats.refusedByMaxPages).toBeGreaterThan(0);
    const summary = await runCrawl([site.startUrl, '--max-pages', '5']);
    expect(String(summary.stdout)).toMatch(/capped\s+--max-pages reached: \d+ links to further URLs were not followed/);
    const whole = JSON.parse(String((await runCrawl([site.startUrl, '--json'])).stdout)) as CrawlResult;
    expect(whole.stats.refusedByMaxPages).toBe(0);
  });

  it('crawls HTTPS with --ca and prints a one-screen summary', async () => {
    const site = await fixture({ tls: true });
    const run = await runCrawl([site.startUrl, '--ca', FIXTURE_CA_PATH, '--workers', '5', '--keep-alive', 'off']);
    expect(run.exitCode).toBe(0);
    const stdout = String(run.stdout);
    expect(stdout).toContain(`crawl of ${site.startUrl} with promise-pool, 5 workers`);
    expect(stdout).toMatch(/pages\s+\d+ \(0 with errors\)/);
    expect(stdout).toMatch(/statuses\s+200 ×\d+/);
    expect(stdout).toMatch(/^ {2}peak RSS {3}[\d,]+\.\d MiB \(the crawl process only; worker processes not counted\)$/m);
    expect(stdout.split('\n').length).toBeLessThan(25);
  });

  it('reports fault pages by error kind in the summary', async () => {
    const site = await fixture({ faults: true });
    const run = await runCrawl([site.startUrl, '--timeout', '1000']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toMatch(/errors\s+.*timeout ×2/);
    expect(String(run.stdout)).toMatch(/too-large ×1/);
    expect(String(run.stdout)).toMatch(/reset ×1/);
  });

  it('--help prints usage and exits 0', async () => {
    const run = await runCrawl(['--help']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toMatch(/^usage: npm run crawl -- <url>/);
  });

  // Any readable file without the PEM marker (not this one: its expected messages quote the marker).
  const NOT_PEM = fileURLToPath(new URL('../package.json', import.meta.url));
  const oneStartUrl = (got: number) => `give exactly one start URL, e.g. npm run crawl -- http://127.0.0.1:8080/ (got ${got}; see --help) [CB_INVALID_ARGUMENT]`;
  it.each([
    ['an invalid URL', ['not a url'], 'start URL "not a url" is not a valid absolute URL; give one like http://127.0.0.1:8080/ [CB_INVALID_ARGUMENT]'],
    ['an ftp:// URL', ['ftp://127.0.0.1/'], 'start URL ftp://127.0.0.1/ uses ftp:; only http: and https: can be crawled [CB_INVALID_ARGUMENT]'],
    ['no URL', [], oneStartUrl(0)],
    ['two URLs', ['http://127.0.0.1:1/', 'http://127.0.0.1:2/'], oneStartUrl(2)],
    ['--workers 0', ['http://127.0.0.1:1/', '--workers', '0'], 'workers must be a whole number from 1 to 1000, got 0 [CB_INVALID_ARGUMENT]'],
    ['--workers 1.5', ['http://127.0.0.1:1/', '--workers', '1.5'], 'workers must be a whole number from 1 to 1000, got 1.5 [CB_INVALID_ARGUMENT]'],
    ['--workers abc', ['http://127.0.0.1:1/', '--workers', 'abc'], '--workers must be a number in plain decimal notation, got "abc" [CB_INVALID_ARGUMENT]'],
    ['--workers 0x10 (hex is a typo, not 16 workers)', ['http://127.0.0.1:1/', '--workers', '0x10'], '--workers must be a number in plain decimal notation, got "0x10" [CB_INVALID_ARGUMENT]'],
    ['--timeout 0', ['http://127.0.0.1:1/', '--timeout', '0'], `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 0 [CB_INVALID_ARGUMENT]`],
    ['--timeout 1000.5 (whole milliseconds only)', ['http://127.0.0.1:1/', '--timeout', '1000.5'], `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 1000.5 [CB_INVALID_ARGUMENT]`],
    [
      "--timeout 2147483648 (past Node's timer limit)",
      ['http://127.0.0.1:1/', '--timeout', String(MAX_TIMER_MS + 1)],
      `timeoutMs must be a whole number from 1 to ${MAX_TIMER_MS}, got 2147483648 [CB_INVALID_ARGUMENT]`,
    ],
    ['--keep-alive maybe', ['http://127.0.0.1:1/', '--keep-alive', 'maybe'], '--keep-alive expects on or off, got "maybe" [CB_INVALID_ARGUMENT]'],
    [
      '--impl nope',
      ['http://127.0.0.1:1/', '--impl', 'nope'],
      `unknown crawler "nope"; choose one of: ${crawlerSet().names.join(', ')} (or declare one with --crawler NAME=COMMAND) [CB_INVALID_ARGUMENT]`,
    ],
    [
      'a missing CA file',
      ['https://127.0.0.1:1/', '--ca', '/nonexistent/ca.pem'],
      'cannot read the CA file /nonexistent/ca.pem: no such file or directory (give the path of a PEM certificate such as fixtures/tls/ca.pem) [CB_BAD_INPUT_FILE]',
    ],
    ['a CA file that is not PEM', ['https://127.0.0.1:1/', '--ca', NOT_PEM], `the CA file ${NOT_PEM} holds no PEM certificate (-----BEGIN CERTIFICATE-----) [CB_BAD_INPUT_FILE]`],
    ['--ca with --insecure', ['https://127.0.0.1:1/', '--ca', FIXTURE_CA_PATH, '--insecure'], '--ca and --insecure exclude each other; pick one [CB_INVALID_ARGUMENT]'],
  ])('rejects %s with exit 2 and one line ending in its code', async (_what, args, message) => {
    const run = await runCrawl(args);
    expect(run.exitCode).toBe(2);
    expect(String(run.stdout)).toBe('');
    expectOneCleanLine(String(run.stderr));
    expect(String(run.stderr)).toMatch(/ \[CB_[A-Z_]+\]$/);
    expect(String(run.stderr)).toBe(`crawl: ${message}`);
  });

  it('accepts --timeout at the timer limit itself (2147483647 ms)', async () => {
    const site = await fixture();
    const run = await runCrawl([site.startUrl, '--json', '--timeout', String(MAX_TIMER_MS)]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    // A timer past the limit would fire after 1 ms and time every page out; at the limit none does.
    expect(visitsOf(JSON.parse(String(run.stdout)) as CrawlResult)).toEqual(expectedVisits(site.truth, site.origin));
  });

  it('rejects an unknown flag with exit 2 and one line (util.parseArgs: no crawlbench code)', async () => {
    const run = await runCrawl(['http://127.0.0.1:1/', '--bogus']);
    expect(run.exitCode).toBe(2);
    expect(String(run.stdout)).toBe('');
    expectOneCleanLine(String(run.stderr));
    expect(String(run.stderr)).toMatch(/^crawl: Unknown option '--bogus'\..* \(see --help\)$/);
  });

  it('exits 1 naming the reason when the start URL is unreachable', async () => {
    const port = await closedPort();
    const run = await runCrawl([`http://127.0.0.1:${port}/`, '--json']);
    expect(run.exitCode).toBe(1);
    expect(String(run.stdout)).toBe('');
    expectOneCleanLine(String(run.stderr));
    expect(String(run.stderr)).toBe(`crawl: cannot reach http://127.0.0.1:${port}/: connection refused (is the server running?) [CB_UNREACHABLE]`);
  });

  it('exits 1 with a TLS hint when the certificate is not trusted', async () => {
    const site = await fixture({ tls: true });
    const run = await runCrawl([site.startUrl]);
    expect(run.exitCode).toBe(1);
    expectOneCleanLine(String(run.stderr));
    expect(String(run.stderr)).toBe(`crawl: cannot reach ${site.startUrl}: TLS handshake failed (self-signed? pass --ca FILE or --insecure) [CB_UNREACHABLE]`);
  });

  it('on SIGINT stops the crawl, prints what finished and exits 130', async () => {
    const site = await fixture({ faults: true });
    // Interrupt only once the crawl is surely running: when the never-answering page is requested.
    let interrupt: () => void = () => {};
    const wire = await startCountingProxy(site.origin, (path) => {
      if (path === SPECIAL_PATHS.never) interrupt();
    });
    cleanups.push(() => wire.close());
    const running = runCrawl([`${wire.origin}/`, '--json', '--timeout', '60000']);
    interrupt = () => running.kill('SIGINT');
    const run = await running;
    expect(run.exitCode).toBe(130);
    const result = JSON.parse(String(run.stdout)) as CrawlResult;
    const never = result.pages.find((page) => page.url === `${wire.origin}${SPECIAL_PATHS.never}`);
    expect(never).toMatchObject({ status: 0, error: 'aborted' });
    expect(result.pages.length).toBeGreaterThan(0);
  });
});
