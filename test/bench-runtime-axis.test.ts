/**
 * `npm run bench -- --runtime ...`: runtime is an axis of the matrix. Only the measured crawl
 * processes run under the runtime (read from /proc while the bench runs: their executables); the
 * fixture server stays on the harness's Node. A runtime asked for but unknown or not installed
 * stops the bench with one line and exit 2 before anything is measured, and Deno's permission
 * refusal is reported as such, never as a network error of the site.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingToolError } from '../common/errors.js';
import { distPath, projectRoot } from '../common/project-root.js';
import { resolveRuntime } from '../crawlers/runtime/runtime-catalog.js';
import { runtimeCommand } from '../crawlers/runtime/runtime-command.js';
import type { BenchResults } from '../harness/results/results.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { descendantsOf } from './helpers/processes.js';
import { makeTempDir } from './helpers/temp-files.js';
import { type BenchCliRun, runBenchCli } from './helpers/cli-runners.js';

function installed(name: string): boolean {
  try {
    resolveRuntime(name);
    return true;
  } catch {
    return false;
  }
}

interface Seen {
  exe: string;
  cmdline: string;
}

/** The bench CLI, with the process tree below it watched every 20 ms while it runs. */
async function runBench(args: string[], cwd: string, watch: (pid: number) => void = () => undefined): Promise<BenchCliRun> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await runBenchCli(args, cwd, (child) => {
      timer = setInterval(() => watch(child.pid ?? -1), 20);
    });
  } finally {
    clearInterval(timer);
  }
}

describe.skipIf(!installed('bun') || !installed('deno'))('bench --runtime node,bun,deno', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let run: Awaited<ReturnType<typeof runBench>>;
  let results: BenchResults;
  const seen = new Map<number, Seen>();

  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-runtimes-');
    run = await runBench(
      ['--profile', 'quick', '--impl', 'promise-pool,child-processes', '--runtime', 'node,bun,deno', '--workers', '2', '--runs', '1', '--warmup', '0', '--out', join(temp.dir, 'out')],
      temp.dir,
      (pid) => {
        for (const entry of descendantsOf(pid)) {
          if (seen.has(entry.pid)) continue;
          try {
            seen.set(entry.pid, { exe: realpathSync(readlinkSync(`/proc/${entry.pid}/exe`)), cmdline: entry.cmdline });
          } catch {
            // gone before its exe could be read
          }
        }
      },
    );
    results = JSON.parse(await readFile(join(temp.dir, 'out', 'results.json'), 'utf8')) as BenchResults;
  }, 400_000);
  afterAll(() => temp?.remove());

  it('runs every model under every runtime, each configuration exact and labelled with its runtime', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(results.config.runtimes).toEqual(['node', 'bun', 'deno']);
    expect(results.configs.map((c) => `${c.impl}/${c.runtime}@${c.workers}`).sort()).toEqual(
      ['child-processes/bun@2', 'child-processes/deno@2', 'child-processes/node@2', 'promise-pool/bun@2', 'promise-pool/deno@2', 'promise-pool/node@2'].sort(),
    );
    for (const config of results.configs) {
      expect(config.state).toBe('ok');
      expect(config.runtimeInfo?.name).toBe(config.runtime);
    }
    const bun = results.configs.find((c) => c.runtime === 'bun')?.runtimeInfo;
    expect(bun).toMatchObject({ engine: 'JavaScriptCore', executable: resolveRuntime('bun').executable });
    expect(bun?.version).not.toBe(process.versions.node);
    expect(run.stdout).toMatch(/promise-pool\s+2\s+bun 1\.\d+\.\d+/);
  });

  it('keeps the fixture server on the harness Node and moves only the crawl processes', () => {
    const node = realpathSync(process.execPath);
    const fixture = [...seen.values()].filter((entry) => entry.cmdline.includes('scripts/serve.js'));
    expect(fixture.length).toBeGreaterThan(0);
    for (const entry of fixture) expect(entry.exe).toBe(node);
    const crawls = [...seen.values()].filter((entry) => entry.cmdline.includes('run-crawl-entry.js'));
    const exes = new Set(crawls.map((entry) => entry.exe));
    expect(exes).toEqual(new Set([node, realpathSync(resolveRuntime('bun').executable), realpathSync(resolveRuntime('deno').executable)]));
    // The child-processes workers run under their crawl's runtime too.
    const workers = [...seen.values()].filter((entry) => entry.cmdline.includes('child-process-entry.js'));
    expect(new Set(workers.map((entry) => entry.exe)).size).toBe(3);
  });
});

describe('a runtime that cannot be used', () => {
  it('bench --runtime with an unknown name: exit 2, one line listing the names, nothing written', async () => {
    const temp = await makeTempDir('crawlbench-runtimes-');
    try {
      const run = await runBench(['--profile', 'quick', '--runtime', 'node,nodejs', '--out', join(temp.dir, 'out')], temp.dir);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('unknown runtime "nodejs" in --runtime; choose one of: node, node22, node24, node26, bun, deno');
      expect(existsSync(join(temp.dir, 'out'))).toBe(false);
    } finally {
      await temp.remove();
    }
  });

  it('a known runtime that is not installed: MissingToolError naming npm run runtimes', async () => {
    // A checkout whose runtimes/ holds the manifest but no installed packages.
    const root = await mkdtemp(join(tmpdir(), 'crawlbench-no-runtimes-'));
    try {
      mkdirSync(join(root, 'runtimes'));
      cpSync(join(projectRoot(), 'runtimes', 'package.json'), join(root, 'runtimes', 'package.json'));
      expect(() => resolveRuntime('bun', root)).toThrow(MissingToolError);
      expect(() => resolveRuntime('node22', root)).toThrow(/runtime node22 is not installed; run `npm run runtimes`/);
      expect(resolveRuntime('node', root).executable).toBe(process.execPath);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!installed('deno'))('a crawl Deno is not allowed to make', () => {
  const fixtures = fixtureServers();
  afterAll(() => fixtures.closeAll());

  it('fails saying which permission it lacked, not "a network error occurred"', async () => {
    const site = await fixtures.start({ pages: 30 });
    const dir = await mkdtemp(join(tmpdir(), 'crawlbench-deno-'));
    try {
      const request = join(dir, 'request.json');
      await writeFile(request, JSON.stringify({ impl: 'promise-pool', options: { startUrl: site.startUrl, workers: 2 } }));
      // Granted a different port than the site's.
      const command = runtimeCommand(resolveRuntime('deno'), distPath('harness/measure/run-crawl-entry.js'), [request, join(dir, 'out.json')], {
        hosts: ['127.0.0.1:1'],
        readPaths: [projectRoot(), dir],
        writePaths: [dir],
        spawnsProcesses: false,
      });
      const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(command.file, command.args, { env: { ...process.env, ...command.env }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(/Requires net access to "127\.0\.0\.1:\d+"/);
      expect(outcome.stderr).not.toContain('network error');
      expect(existsSync(join(dir, 'out.json'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
