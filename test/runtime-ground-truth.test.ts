/**
 * Every installed runtime (Node majors, Bun, Deno from `npm run runtimes`) runs every JS model
 * exactly: the visited set equals the fixture's ground truth at W = 10 (and W = 50 for the promise
 * pool), over HTTP and HTTPS, measured the way a bench measures it (measureRun, a fresh process
 * under the runtime, Deno with its narrow permissions). Each run also reports the runtime's own
 * version, not the Node version it emulates.
 *
 * `.ci/run` installs the runtimes first, so CI covers all of them; elsewhere a missing runtime
 * fails the test naming `npm run runtimes`, unless none is installed at all (a clean clone), where
 * the block is skipped with that line.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_DEFAULTS } from '../crawlers/crawl-options.js';
import { DEFAULT_RUNTIME } from '../crawlers/runtime/default-runtime.js';
import { probeRuntime } from '../crawlers/runtime/probe-runtime.js';
import { resolveRuntime, runtimeNames, type Runtime } from '../crawlers/runtime/runtime-catalog.js';
import type { RuntimeInfo } from '../crawlers/runtime/runtime-info.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { expectedVisits } from '../fixtures/ground-truth.js';
import { measureRun } from '../harness/measure/measure-run.js';
import { createTreeSampler } from '../harness/measure/tree-sampler.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { visitsOf } from './helpers/visits.js';

const INSTALLABLE = runtimeNames().filter((name) => name !== DEFAULT_RUNTIME);
const installed = INSTALLABLE.filter((name) => {
  try {
    resolveRuntime(name);
    return true;
  } catch {
    return false;
  }
});

const CASES = [
  { impl: 'promise-pool', workers: 10 },
  { impl: 'promise-pool', workers: 50 },
  { impl: 'worker-threads', workers: 10 },
  { impl: 'child-processes', workers: 10 },
];

describe('the runtimes npm run runtimes installs', () => {
  it('are all installed, or none is (a clean clone: run `npm run runtimes`)', () => {
    if (installed.length > 0 || process.env.CI !== undefined) expect(installed).toEqual(INSTALLABLE);
  });
});

describe.skipIf(installed.length === 0).each(installed.flatMap((name) => [false, true].map((tls) => ({ name, tls }))))('$name, tls $tls', ({ name, tls }) => {
  const fixtures = fixtureServers();
  const sampler = createTreeSampler();
  let runtime: Runtime;
  let info: RuntimeInfo;
  let startUrl = '';
  let ca: string | undefined;
  let expected: ReturnType<typeof expectedVisits> = [];

  beforeAll(async () => {
    runtime = resolveRuntime(name);
    info = await probeRuntime(runtime);
    const site = await fixtures.start({ tls });
    startUrl = site.startUrl;
    expected = expectedVisits(site.truth, site.origin);
    ca = tls ? await readFile(FIXTURE_CA_PATH, 'utf8') : undefined;
  });
  afterAll(async () => {
    sampler.close();
    await fixtures.closeAll();
  });

  it('says what it is: its own version, engine and executable', () => {
    expect(info.name).toBe(name);
    expect(info.executable).toBe(runtime.executable);
    if (name === 'bun') expect(info).toMatchObject({ engine: 'JavaScriptCore' });
    else expect(info).toMatchObject({ engine: 'V8' });
    if (name.startsWith('node')) expect(info.version.split('.')[0]).toBe(name.slice(4));
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(CASES)(
    '$impl at $workers workers visits exactly the ground truth',
    async ({ impl, workers }) => {
      const measured = await measureRun({
        request: { impl, options: { ...CRAWL_DEFAULTS, startUrl, workers, timeoutMs: 30_000, ...(ca ? { ca } : {}) } },
        runtime,
        sampler,
        sampleIntervalMs: 25,
        timeoutMs: 120_000,
      });
      expect(measured.reason).toBeUndefined();
      expect(measured.state).toBe('finished');
      const result = measured.result;
      expect(result).toMatchObject({ impl, workers, startUrl });
      if (result === undefined) return;
      expect(visitsOf(result)).toEqual(expected);
      expect(result.stats.errors).toBe(0);
      expect(result.stats.maxInFlight).toBeLessThanOrEqual(workers);
      // The whole tree's CPU is counted, workers included, also where the runtime cannot read
      // /proc/self (Deno): a child-process crawl costs more than its coordinator alone.
      expect(measured.cpu?.userMs).toBeGreaterThan(0);
    },
    180_000,
  );
});
