/**
 * `npm run bench -- --against REF` end to end, on a tiny configuration (no timing asserted): in a
 * throw-away git repository holding a copy of this checkout in one commit, the bench checks that
 * commit out in a temporary worktree, shares node_modules (same lockfile), builds it, and runs it
 * and this checkout alternately, ABBA, against one fixture server, into one results file with both
 * sides; exit 0, worktree gone. A ref that names nothing and a base that does not build are exit 2.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleBaseWorktrees } from '../harness/ab/base-worktree.js';
import type { BenchResults } from '../harness/results/results.js';
import { descendantsOf } from './helpers/processes.js';
import { makeTempDir } from './helpers/temp-files.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'dist/scripts/bench.js');
const TINY = ['--impl', 'promise-pool', '--workers', '1', '--runs', '3', '--warmup', '1', '--pages', '30', '--latency', '0'];

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
  /** Every descendant seen while it ran: pid → command line. */
  seen: Map<number, string>;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=crawlbench test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A new repository in `dir` whose one commit is this checkout's files as they are now (tracked and untracked, not ignored). */
function commitCopyOfCheckout(dir: string): string {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  for (const file of files) {
    if (file === '' || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return git(dir, 'rev-parse', 'HEAD');
}

function runBench(args: string[], cwd: string): Promise<BenchRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BENCH, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CRAWLBENCH_DEBUG: '' } });
    const seen = new Map<number, string>();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const poll = setInterval(() => {
      for (const entry of descendantsOf(child.pid ?? -1)) if (!seen.has(entry.pid)) seen.set(entry.pid, entry.cmdline);
    }, 40);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, pid: child.pid ?? -1, seen });
    });
  });
}

describe('bench --against: base and head interleaved in one bench', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let commit: string;
  let run: BenchRun;
  let results: BenchResults;
  const out = () => join(temp.dir, 'out');

  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-ab-e2e-');
    const repo = join(temp.dir, 'repo');
    mkdirSync(repo);
    commit = commitCopyOfCheckout(repo);
    run = await runBench(['--against', 'HEAD', ...TINY, '--out', out()], repo);
    results = JSON.parse(readFileSync(join(out(), 'results.json'), 'utf8')) as BenchResults;
  }, 400_000);
  afterAll(() => temp?.remove());

  it('exits 0 and says where the A/B summary is', () => {
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('A/B gate passed');
    expect(existsSync(join(out(), 'ab-summary.md'))).toBe(true);
    expect(readFileSync(join(out(), 'ab-summary.md'), 'utf8')).toContain(`base ${commit.slice(0, 7)} (HEAD, node\\_modules shared)`);
  });

  it('holds both sides in one results file, each with its runs', () => {
    expect(results.configs.map((c) => `${c.impl}@${c.workers} ${c.side}`)).toEqual(['promise-pool@1 base', 'promise-pool@1 head']);
    for (const config of results.configs) {
      expect(config.state).toBe('ok');
      expect(config.runs.map((r) => r.index)).toEqual([1, 2, 3]);
    }
    expect(results.ab?.base).toEqual({ ref: 'HEAD', commit, install: 'linked' });
    expect(results.ab?.verdict).toMatchObject({ outcome: 'pass', exitCode: 0, behaviourChanges: [] });
  });

  it('runs base and head alternately, ABBA, warm-ups first', () => {
    const gate = results.ab?.rounds.find((round) => round.purpose === 'gate');
    expect(gate?.order.map((r) => `${r.mode === 'warmup' ? 'w' : ''}${r.side}${r.index}`)).toEqual(['wbase1', 'whead1', 'base1', 'head1', 'head2', 'base2', 'base3', 'head3']);
    // The progress lines say the same, in the order the runs ended.
    const lines = run.stderr.split('\n').filter((line) => /W=1 run \d/.test(line));
    expect(lines.map((line) => /\((base|head)\) W=1 run (\d)/.exec(line)?.slice(1).join(''))).toEqual(['base1', 'head1', 'head2', 'base2', 'base3', 'head3']);
  });

  it('starts one fixture server for both sides, and runs each side from its own build', () => {
    const commands = [...run.seen.values()];
    expect(commands.filter((c) => c.includes('dist/scripts/serve.js'))).toHaveLength(1);
    const crawls = commands.filter((c) => c.includes('run-crawl-entry.js'));
    expect(crawls.some((c) => c.includes(join(ROOT, 'dist/harness/measure/run-crawl-entry.js')))).toBe(true);
    expect(crawls.some((c) => c.includes(join(tmpdir(), `crawlbench-base-${run.pid}-`)))).toBe(true);
  });

  it('removes its base worktree', () => {
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`crawlbench-base-${run.pid}-`))).toEqual([]);
    expect(git(join(temp.dir, 'repo'), 'worktree', 'list').split('\n')).toHaveLength(1);
  });
});

describe('bench --against: a base that cannot be measured is exit 2, never a regression', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let repo: string;

  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-ab-e2e-');
    repo = join(temp.dir, 'repo');
    mkdirSync(repo);
    git(temp.dir, 'init', '-q', repo);
    // The head's own lockfile, so node_modules is shared, and a build that fails at once.
    copyFileSync(join(ROOT, 'package-lock.json'), join(repo, 'package-lock.json'));
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'broken-base', private: true, scripts: { build: 'echo "error TS2322: broken on purpose" && exit 1' } }));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'broken');
  });
  afterAll(() => temp?.remove());

  it('reports a base whose build fails as a base build failure (exit 2)', async () => {
    const run = await runBench(['--against', 'HEAD', ...TINY, '--out', join(temp.dir, 'out')], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/npm run build failed: error TS2322: broken on purpose \[CB_BASE_BUILD\]/);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`crawlbench-base-${run.pid}-`))).toEqual([]);
  }, 120_000);

  it('refuses a ref that names no commit (exit 2)', async () => {
    const run = await runBench(['--against', 'no-such-branch', ...TINY, '--out', join(temp.dir, 'out2')], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--against no-such-branch: no such commit .* \[CB_INVALID_ARGUMENT\]/);
  }, 120_000);

  it('refuses native crawlers with a clear line (exit 2)', async () => {
    const run = await runBench(['--against', 'HEAD', '--impl', 'go', '--out', join(temp.dir, 'out3')], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--against compares the JS models only.*drop go from --impl/);
  }, 120_000);
});

describe('the base worktrees of killed benches', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('crawlbench-ab-sweep-');
  });
  afterAll(() => temp?.remove());

  it('are removed when their owner pid is dead, through their node_modules link but never into its target', () => {
    const head = join(temp.dir, 'head-node_modules');
    mkdirSync(head);
    writeFileSync(join(head, 'keep.txt'), 'the head install');
    for (const name of ['crawlbench-base-111-aaaaaa', 'crawlbench-base-222-bbbbbb', 'crawlbench-run-111-cccccc', 'crawlbench-base-x']) {
      mkdirSync(join(temp.dir, name));
      writeFileSync(join(temp.dir, name, 'package.json'), '{}');
    }
    symlinkSync(head, join(temp.dir, 'crawlbench-base-111-aaaaaa', 'node_modules'), 'dir');
    const removed = sweepStaleBaseWorktrees(temp.dir, { dir: temp.dir, isAlive: (pid) => pid === 222 });
    expect(removed).toEqual([join(temp.dir, 'crawlbench-base-111-aaaaaa')]);
    expect(readdirSync(temp.dir).sort()).toEqual(['crawlbench-base-222-bbbbbb', 'crawlbench-base-x', 'crawlbench-run-111-cccccc', 'head-node_modules']);
    expect(readFileSync(join(head, 'keep.txt'), 'utf8')).toBe('the head install');
  });
});
