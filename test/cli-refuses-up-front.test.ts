/**
 * What cannot work is refused at the door with one line and exit 2, before anything is measured,
 * written or started: `report --out /proc/x` (it used to hang until killed), `bench --out reports`
 * (it used to fail after the whole bench, at the copy to latest/), and thread or process pools
 * larger than this machine's memory (1000 child processes want ~17 GB).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPoolMemory, machineMemory } from '../crawlers/supervised/pool-memory-check.js';
import { MAX_WORKERS } from '../crawlers/crawl-options.js';
import { makeSampleResults } from './helpers/sample-results.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { startCountingProxy } from './helpers/counting-proxy.js';
import { tempDirs, writeResultsFile } from './helpers/temp-files.js';

const script = (name: string): string => fileURLToPath(new URL(`../dist/scripts/${name}.js`, import.meta.url));
/** The smallest real bench: one configuration, one run. */
const TINY = ['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '1', '--warmup', '0'];
/** Long enough for a refusal, far too short for a bench or a hang. */
const REFUSAL_MS = 15_000;

const temp = tempDirs('crawlbench-refuse-');
const servers = fixtureServers();
afterEach(async () => {
  await servers.closeAll();
  await temp.removeAll();
});

async function run(name: string, args: string[], cwd: string): Promise<{ exitCode: number; stderr: string; ms: number }> {
  const startedMs = performance.now();
  const result = await execa(process.execPath, [script(name), ...args], { cwd, reject: false, timeout: REFUSAL_MS, env: { CRAWLBENCH_DEBUG: '' } });
  return { exitCode: result.exitCode ?? -1, stderr: String(result.stderr), ms: performance.now() - startedMs };
}

function expectOneLine(stderr: string, line: string): void {
  expect(stderr.trim().split('\n')).toEqual([line]);
}

describe('report --out on a pseudo file system', () => {
  it.each([
    ['/proc/x', '/proc'],
    ['/sys/x', '/sys'],
  ])('refuses %s at once instead of hanging', async (out, kind) => {
    const dir = await temp.make();
    const input = await writeResultsFile(dir, 'results.json', makeSampleResults());
    const report = await run('report', [input, '--out', out], dir);
    expect(report.exitCode).toBe(2);
    expectOneLine(report.stderr, `report: cannot write to ${out}: it is on a pseudo file system (${kind}) that holds no files (give a directory on a disk with --out) [CB_UNWRITABLE_OUTPUT]`);
  });
});

describe('bench --out', () => {
  it('refuses the reports directory itself before measuring anything', async () => {
    const dir = await temp.make();
    const bench = await run('bench', [...TINY, '--out', 'reports'], dir);
    expect(bench.exitCode).toBe(2);
    expectOneLine(
      bench.stderr,
      'bench: --out reports holds reports/latest, which the bench fills with a copy of --out at the end: a directory cannot be copied into itself; give a directory of its own, such as --out reports/my-bench [CB_INVALID_ARGUMENT]',
    );
    // Nothing was measured or written: no results, no history, not even the directory.
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a pseudo file system before measuring anything', async () => {
    const dir = await temp.make();
    const bench = await run('bench', [...TINY, '--out', '/proc/x'], dir);
    expect(bench.exitCode).toBe(2);
    expectOneLine(bench.stderr, 'bench: cannot write to /proc/x: it is on a pseudo file system (/proc) that holds no files (give a directory on a disk with --out) [CB_UNWRITABLE_OUTPUT]');
    expect(await readdir(dir)).toEqual([]);
  });
});

/** Whether this machine can hold the largest pool the flags allow; on a smaller one it is refused. */
function largestPoolFits(): boolean {
  try {
    checkPoolMemory('child-processes', MAX_WORKERS, machineMemory());
    return true;
  } catch {
    return false;
  }
}

// On this project's 24 GiB machines 1000 processes (~16.6 GiB) exceed half the memory; a machine
// with more than ~33 GiB can hold them, and then there is nothing to refuse.
describe.skipIf(largestPoolFits())(`child-processes --workers ${MAX_WORKERS}`, () => {
  it('is refused by crawl with the estimate, before any worker starts or any page is requested', async () => {
    const site = await servers.start();
    const proxy = await startCountingProxy(site.origin);
    const dir = await temp.make();
    const crawl = await run('crawl', [`${proxy.origin}/`, '--impl', 'child-processes', '--workers', String(MAX_WORKERS)], dir);
    await proxy.close();
    expect(crawl.exitCode).toBe(2);
    expect(crawl.stderr.trim().split('\n')).toHaveLength(1);
    expect(crawl.stderr).toMatch(/^crawl: child-processes with 1000 workers needs about 16\.6 GiB \(17 MiB per process\); .* use --workers \d+ or fewer \[CB_INVALID_ARGUMENT\]$/m);
    expect(proxy.requestedPaths).toEqual([]);
    // Starting 1000 processes takes minutes on 2 cores; a refusal takes a node start-up.
    expect(crawl.ms).toBeLessThan(REFUSAL_MS);
  });

  it('is refused by bench before its fixture starts or anything is written', async () => {
    const dir = await temp.make();
    const bench = await run('bench', ['--profile', 'quick', '--impl', 'promise-pool,child-processes', '--workers', `1,${MAX_WORKERS}`, '--out', 'b'], dir);
    expect(bench.exitCode).toBe(2);
    expect(bench.stderr.trim().split('\n')).toHaveLength(1);
    expect(bench.stderr).toMatch(/^bench: child-processes with 1000 workers needs about 16\.6 GiB/);
    expect(existsSync(join(dir, 'b'))).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
