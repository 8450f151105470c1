/**
 * A bench killed with SIGKILL cannot remove the temporary directory of the run it was measuring;
 * the next bench removes every run directory whose owner is dead, and none whose owner lives.
 * Real processes, real directories: benches run with TMPDIR pointed at a directory of the test.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { processIsAlive, sweepStaleRunDirs } from '../harness/measure/run-temp-dir.js';
import { eventually } from './helpers/eventually.js';
import { descendantsOf, isRunning } from './helpers/processes.js';
import { tempDirs } from './helpers/temp-files.js';

const BENCH = fileURLToPath(new URL('../dist/scripts/bench.js', import.meta.url));
const TINY = ['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '1', '--warmup', '0'];
const DAY_MS = 24 * 60 * 60 * 1000;

const temp = tempDirs('crawlbench-sweep-');
afterEach(temp.removeAll);

/** The pid of a process that has run and exited (reaped), so nothing owns it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  const pid = child.pid ?? 0;
  expect(processIsAlive(pid)).toBe(false);
  return pid;
}

async function makeDirs(parent: string, names: string[]): Promise<void> {
  for (const name of names) await mkdir(join(parent, name, 'inner'), { recursive: true });
}

describe('sweepStaleRunDirs', () => {
  it('removes the run directories of dead owners and keeps those of living ones', async () => {
    const tmp = await temp.make();
    const dead = await deadPid();
    const mine = `crawlbench-run-${process.pid}-abc123`;
    // pid 1 lives; as another user's process it may answer EPERM, which still means alive.
    const init = 'crawlbench-run-1-def456';
    const deadOwned = `crawlbench-run-${dead}-ghi789`;
    const unrelated = ['crawlbench-runner', `crawlbench-run-${dead}`, 'other-dir'];
    await makeDirs(tmp, [mine, init, deadOwned, ...unrelated]);

    expect(sweepStaleRunDirs({ dir: tmp })).toEqual([join(tmp, deadOwned)]);
    expect(readdirSync(tmp).sort()).toEqual([init, mine, ...unrelated].sort());
  });

  it('removes a directory without an owner pid only once it is older than the given age', async () => {
    const tmp = await temp.make();
    await makeDirs(tmp, ['crawlbench-run-Old123', 'crawlbench-run-New456']);
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
    await utimes(join(tmp, 'crawlbench-run-Old123'), twoDaysAgo, twoDaysAgo);

    // Without an age its owner cannot be known: kept.
    expect(sweepStaleRunDirs({ dir: tmp })).toEqual([]);
    expect(sweepStaleRunDirs({ dir: tmp, unownedOlderThanMs: DAY_MS })).toEqual([join(tmp, 'crawlbench-run-Old123')]);
    expect(readdirSync(tmp)).toEqual(['crawlbench-run-New456']);
  });
});

describe('a bench killed with SIGKILL', () => {
  it('leaves its run directory, which the next bench removes, leaving a living owner’s alone', async () => {
    const tmp = await temp.make();
    const work = await temp.make();
    const env = { ...process.env, TMPDIR: tmp };
    const living = `crawlbench-run-${process.pid}-keep00`;
    await makeDirs(tmp, [living]);

    const killed = spawn(process.execPath, [BENCH, ...TINY, '--latency', '50', '--out', join(work, 'a')], { cwd: work, env, stdio: 'ignore' });
    const pid = killed.pid ?? 0;
    const prefix = `crawlbench-run-${pid}-`;
    const ownDirs = (): string[] => readdirSync(tmp).filter((name) => name.startsWith(prefix));
    await eventually('the bench to start measuring a run', () => ownDirs().length > 0, 30_000);
    const children = descendantsOf(pid).map((entry) => entry.pid);
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    process.kill(pid, 'SIGKILL');
    await exited;
    // The run it was measuring and its fixture finish on their own once orphaned.
    await eventually('the killed bench’s children to exit', () => children.every((child) => !isRunning(child)), 30_000);
    const [left] = ownDirs();
    expect(left).toBeDefined();
    expect(existsSync(join(tmp, left ?? ''))).toBe(true);

    const next = await execa(process.execPath, [BENCH, ...TINY, '--out', join(work, 'b')], { cwd: work, env, reject: false });
    expect(next.exitCode).toBe(0);
    expect(ownDirs()).toEqual([]);
    // The living owner's directory stays; the next bench removed its own run directory itself.
    expect(readdirSync(tmp)).toEqual([living]);
  });
});
