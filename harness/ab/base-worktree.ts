/**
 * The base build of an A/B bench: the ref checked out with `git worktree add` into a temporary
 * directory (`crawlbench-base-<pid>-XXXXXX` in os.tmpdir()), installed, built, and removed again.
 *
 * Installing reuses the head's node_modules (a symlink) when the base's package-lock.json equals
 * the head's byte for byte: the same lockfile is the same install, and `npm ci` would cost a
 * minute and the network for nothing. Otherwise `npm ci` runs in the worktree.
 *
 * The worktree is removed by the session's `finally` (errors, Ctrl-C); a bench killed with SIGKILL
 * cannot, so the next bench removes those whose owner pid is dead (the same pattern as
 * harness/measure/run-temp-dir.ts), then `git worktree prune` forgets them in the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseBuildError, InvalidArgumentError } from '../../common/errors.js';
import { killGroup, lastLine, tailOf } from '../../common/process-group.js';
import { processIsAlive } from '../measure/run-temp-dir.js';

/** NOTE: the owner's pid follows this prefix; sweepStaleBaseWorktrees reads it back. */
export const BASE_DIR_PREFIX = 'crawlbench-base-';
const OWNED_NAME = /^crawlbench-base-(\d+)-[A-Za-z0-9]{6}$/;

/** Where the base's crawl entry must be: the same path and request format as the head's (measure-run.ts). */
export const BASE_ENTRY = 'dist/harness/measure/run-crawl-entry.js';

export interface BaseWorktree {
  dir: string;
  ref: string;
  /** The full commit the ref named. */
  commit: string;
  install: 'linked' | 'npm ci';
  /** `<dir>/dist/harness/measure/run-crawl-entry.js`. */
  entryPath: string;
  /** Removes the worktree; safe to call twice. */
  remove(): void;
}

export interface PrepareBaseOptions {
  /** The git repository the ref is resolved in (the directory the bench runs in). */
  repoDir: string;
  /** The head's checkout: its package-lock.json and node_modules. */
  headRoot: string;
  ref: string;
  /** One line per step, for the user. */
  onStep?(text: string): void;
  signal?: AbortSignal;
}

/** The full commit `ref` names in `repoDir`. @throws InvalidArgumentError when it names none (exit 2). */
export async function resolveCommit(repoDir: string, ref: string): Promise<string> {
  const result = await run('git', ['-C', repoDir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoDir);
  if (result.code !== 0) {
    const why = lastLine(result.output);
    throw new InvalidArgumentError(
      `--against ${ref}: no such commit in ${repoDir}${why === '' ? '' : ` (${why})`}; give a branch, tag or commit of this repository (fetch it first, e.g. git fetch origin main)`,
    );
  }
  return result.output.trim();
}

/**
 * Checks the ref out, installs and builds it.
 * @throws BaseBuildError (exit 2) when the checkout, the install or the build fails, or the build has no crawl entry
 */
export async function prepareBaseWorktree(options: PrepareBaseOptions): Promise<BaseWorktree> {
  const { repoDir, headRoot, ref, signal } = options;
  const commit = await resolveCommit(repoDir, ref);
  const short = commit.slice(0, 7);
  const dir = mkdtempSync(join(tmpdir(), `${BASE_DIR_PREFIX}${process.pid}-`));
  const remove = (): void => removeWorktree(repoDir, dir);
  try {
    await step(['git', '-C', repoDir, 'worktree', 'add', '--detach', '--quiet', dir, commit], repoDir, `base ${short}: git worktree add`, signal);
    const install = sameLockfile(dir, headRoot) ? 'linked' : 'npm ci';
    if (install === 'linked') {
      options.onStep?.(`base ${short} (${ref}) in ${dir}: same package-lock.json as the head, node_modules linked`);
      symlinkSync(join(headRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    } else {
      options.onStep?.(`base ${short} (${ref}) in ${dir}: package-lock.json differs from the head's, running npm ci`);
      await step(['npm', 'ci', '--no-audit', '--no-fund'], dir, `base ${short}: npm ci`, signal);
    }
    options.onStep?.(`base ${short}: building (npm run build)`);
    await step(['npm', 'run', '-s', 'build'], dir, `base ${short}: npm run build`, signal);
    const entryPath = join(dir, BASE_ENTRY);
    if (!existsSync(entryPath)) {
      throw new BaseBuildError(`base ${short} (${ref}) built, but has no ${BASE_ENTRY}: it is older than the A/B gate can measure; compare against a more recent commit`);
    }
    return { dir, ref, commit, install, entryPath, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Removes base worktrees whose bench is gone (killed before its `finally`); returns their paths. */
export function sweepStaleBaseWorktrees(repoDir: string, options: { dir?: string; isAlive?: (pid: number) => boolean } = {}): string[] {
  const dir = options.dir ?? tmpdir();
  const isAlive = options.isAlive ?? processIsAlive;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const owner = OWNED_NAME.exec(name)?.[1];
    if (owner === undefined || isAlive(Number(owner))) continue;
    removeWorktree(repoDir, join(dir, name));
    removed.push(join(dir, name));
  }
  return removed;
}

function sameLockfile(dir: string, headRoot: string): boolean {
  const read = (root: string): Buffer | null => {
    try {
      return readFileSync(join(root, 'package-lock.json'));
    } catch {
      return null; // no lockfile: npm ci says what is wrong
    }
  };
  const [base, head] = [read(dir), read(headRoot)];
  return base !== null && head !== null && base.equals(head);
}

/**
 * The symlinked node_modules is unlinked first, so nothing can ever follow it into the head's
 * install; then the directory goes, and `git worktree prune` drops the repository's record of it
 * (a worktree of another repository, or one already gone, is simply not pruned here).
 */
function removeWorktree(repoDir: string, dir: string): void {
  const modules = join(dir, 'node_modules');
  try {
    if (lstatSync(modules).isSymbolicLink()) unlinkSync(modules);
  } catch {
    // ENOENT: never linked (npm ci, or the checkout failed first)
  }
  rmSync(dir, { recursive: true, force: true });
  // Synchronous, so it is done before the bench exits; a failure leaves a record for the next prune.
  spawnSync('git', ['-C', repoDir, 'worktree', 'prune'], { stdio: 'ignore', timeout: 30_000 });
}

/** Runs a command of the preparation; its failure is the base's, reported with its last output line. */
async function step(command: string[], cwd: string, what: string, signal?: AbortSignal): Promise<void> {
  const [file = '', ...args] = command;
  const result = await run(file, args, cwd, signal);
  if (signal?.aborted) throw new BaseBuildError(`${what}: interrupted`);
  if (result.code !== 0) {
    const why = result.error ?? (lastLine(result.output) || `exit ${String(result.code)}`);
    throw new BaseBuildError(`${what} failed: ${why}`);
  }
}

interface RunResult {
  code: number | null;
  output: string;
  error: string | null;
}

/**
 * A command in a process group of its own, stdout and stderr kept (their last few KiB). Ctrl-C
 * aborts `signal`, which kills the whole group: npm's children (tsc) included.
 */
function run(file: string, args: string[], cwd: string, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = tailOf(child.stdout);
    const err = tailOf(child.stderr);
    const abort = (): void => killGroup(child.pid, 'SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    let spawnError: string | null = null;
    child.once('error', (error) => {
      spawnError = `cannot run ${file}: ${error.message}`;
    });
    child.once('close', (code) => {
      signal?.removeEventListener('abort', abort);
      const stderr = err.text();
      resolve({ code: spawnError === null ? code : -1, output: code === 0 ? out.text() : `${out.text()}\n${stderr}`, error: spawnError });
    });
  });
}
