/**
 * The conformance suite: every crawler of the set, JS models and the catalog's native crawlers
 * alike, against the fixture's ground truth at W = 1, 10 and 50, over HTTP and HTTPS, with
 * keep-alive off, and with the fault pages. Adding a crawler to the catalog adds it here; a native
 * crawler whose toolchain is missing is skipped, saying which tool to install.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlerSet } from '../crawlers/crawler-set.js';
import { ensureNativeBuilt, type BuildOutcome } from '../crawlers/external/native-build.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { runAnyCrawler } from '../crawlers/run-any-crawler.js';
import type { FixtureOptions } from '../fixtures/fixture-options.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { visitsOf } from './helpers/visits.js';

const set = crawlerSet();
const VARIANTS: Array<{ name: string; fixture: Partial<FixtureOptions>; timeoutMs?: number }> = [
  { name: 'HTTP', fixture: {} },
  { name: 'HTTPS', fixture: { tls: true } },
  { name: 'keep-alive off', fixture: { keepAlive: false } },
  // The fault pages cost a crawler its timeout; 1 s keeps them quick and still far above a page's
  // time. At W = 50 it grows with W: 50 cold threads or processes starting on 2 cores can hold a
  // plain page past 1 s, which would be the machine's doing, not the crawler's.
  { name: 'fault pages', fixture: { faults: true }, timeoutMs: 1000 },
];
const WORKERS = [1, 10, 50];

const builds = new Map<string, BuildOutcome>();
beforeAll(async () => {
  // A cold Rust build takes minutes on 2 cores; CI builds ahead with `npm run build:native`.
  for (const [name, crawler] of set.commands) if (crawler.spec !== undefined) builds.set(name, await ensureNativeBuilt(crawler.spec));
}, 20 * 60_000);

const fixtures = fixtureServers();
afterAll(() => fixtures.closeAll());

for (const impl of set.names) {
  describe(`${impl} crawls exactly the ground truth`, () => {
    for (const variant of VARIANTS) {
      for (const workers of WORKERS) {
        it(`${variant.name}, W = ${workers}`, async (context) => {
          const build = builds.get(impl);
          if (build !== undefined && build.state === 'skipped') {
            context.skip(`${impl}: ${build.reason}`);
            return;
          }
          expect(build?.state ?? 'ready', build?.state === 'failed' ? build.reason : '').toBe('ready');
          const server = await fixtures.start(variant.fixture);
          const result = await runAnyCrawler(
            set,
            impl,
            resolveCrawlOptions({
              startUrl: server.startUrl,
              workers,
              ...(variant.timeoutMs === undefined ? {} : { timeoutMs: variant.timeoutMs * Math.max(1, workers / 10) }),
              ...(variant.fixture.tls === true ? { ca: readFileSync(FIXTURE_CA_PATH, 'utf8') } : {}),
            }),
          );
          expect(visitsOf(result)).toEqual(expectedVisits(server.truth, server.origin));
          await server.close();
        });
      }
    }
  });
}
