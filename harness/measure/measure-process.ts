/**
 * Measures one process from outside, whatever it runs: spawned in a process group of its own,
 * its tree sampled by a `TreeSampler` until it exits, spawn-to-exit wall time, killed with its
 * group on timeout or abort, and the CPU of the whole tree once it is reaped.
 *
 * The tree's CPU comes from this process's own `cutime`/`cstime` (/proc/self/stat): when the
 * kernel reaps a child it adds the child's CPU, and that of every descendant the child reaped, to
 * its parent's. The measured run is the only child that exits during the window (the fixture
 * server lives for the whole bench), so the difference is the run's tree CPU, to the 10 ms tick.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { killGroup, lastLine, tailOf } from '../../common/process-group.js';
import type { TimelinePoint } from '../results/results.js';
import { readStatFields } from './process-tree.js';
import type { TreeSampler } from './tree-sampler.js';

export interface ProcessLaunch {
  file: string;
  args: string[];
  cwd?: string;
  /** Set on top of this process's environment (undefined: removed); the environment as it is when absent. */
  env?: Record<string, string | undefined>;
  /** Where stdout goes; null: ignored. */
  stdoutPath: string | null;
}

export interface MeasureWindow {
  sampler: TreeSampler;
  /** Time between two samples of the tree. @default 25 */
  sampleIntervalMs: number;
  /** The run is killed with its whole process group after this long. */
  timeoutMs: number;
  /** Aborting kills the run's process group at once (Ctrl-C of the bench). */
  signal?: AbortSignal;
}

export interface MeasuredProcess {
  processWallMs: number;
  timeline: TimelinePoint[];
  peakRssBytes: number;
  peakPssBytes: number | null;
  maxPids: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the harness killed it (timeout, interrupt); null when it ended by itself. */
  killedFor: string | null;
  /** The spawn itself failed (command not found, not executable). */
  spawnError: string | null;
  /** Last line of its stderr, for a failure's reason. */
  stderrLine: string;
  /** CPU of the reaped tree (see the header); null off Linux. */
  treeCpu: { userMs: number; systemMs: number } | null;
}

/**
 * /proc reports CPU times in USER_HZ ticks, which the kernel fixes at 100 per second for user
 * space on every mainstream architecture (whatever CONFIG_HZ is).
 */
export const USER_HZ = 100;

/** How long a run stopped with SIGTERM may take to exit before its group is killed. */
export const STOP_GRACE_MS = 1000;

export async function measureProcess(launch: ProcessLaunch, window: MeasureWindow): Promise<MeasuredProcess> {
  const cpuBefore = readStatFields('self');
  const stdoutFd = launch.stdoutPath === null ? null : openSync(launch.stdoutPath, 'w');
  const started = performance.now();
  // detached: the run leads its own process group, so one kill(-pid) reaches every descendant
  // even if the crawler has lost track of them.
  const child = spawn(launch.file, launch.args, {
    cwd: launch.cwd,
    env: launch.env === undefined ? process.env : { ...process.env, ...launch.env },
    detached: true,
    stdio: ['ignore', stdoutFd ?? 'ignore', 'pipe'],
  });
  if (stdoutFd !== null) closeSync(stdoutFd);
  const stderr = tailOf(child.stderr);
  // Held in an object: TypeScript cannot see that the callbacks below assign it.
  const end: { code: number | null; signal: NodeJS.Signals | null; atMs: number; spawnError: string | null } = { code: null, signal: null, atMs: -1, spawnError: null };
  const exited = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      Object.assign(end, { code, signal, atMs: performance.now() });
      resolve();
    });
    child.once('error', (error) => {
      Object.assign(end, { spawnError: error.message, atMs: performance.now() });
      resolve();
    });
  });

  let killedFor: string | null = null;
  let graceTimer: NodeJS.Timeout | undefined;
  // SIGTERM first, so a crawl can shut its workers down (run-crawl-entry aborts its pool on it),
  // then SIGKILL for the whole group once the grace is over.
  const killTree = (why: string): void => {
    if (killedFor !== null) return;
    killedFor = why;
    killGroup(child.pid, 'SIGTERM');
    graceTimer = setTimeout(() => killGroup(child.pid), STOP_GRACE_MS);
  };
  const timer = setTimeout(() => killTree(`timed out after ${window.timeoutMs} ms; killed with its process tree`), window.timeoutMs);
  const onAbort = (): void => killTree('interrupted');
  window.signal?.addEventListener('abort', onAbort, { once: true });

  const timeline: TimelinePoint[] = [];
  let peakRssBytes = 0;
  let peakPssBytes: number | null = null;
  let maxPids = 0;
  try {
    while (end.atMs < 0 && child.pid !== undefined) {
      const tickStart = performance.now();
      const sample = await window.sampler.sample(child.pid);
      if (end.atMs >= 0) break;
      if (sample.pids.length > 0) {
        timeline.push({ tMs: tickStart - started, rssBytes: sample.rssBytes, pssBytes: sample.pssBytes, pids: sample.pids.length });
        peakRssBytes = Math.max(peakRssBytes, sample.rssBytes);
        if (sample.pssBytes !== null) peakPssBytes = Math.max(peakPssBytes ?? 0, sample.pssBytes);
        maxPids = Math.max(maxPids, sample.pids.length);
      }
      const wait = window.sampleIntervalMs - (performance.now() - tickStart);
      await Promise.race([exited, delay(Math.max(0, wait))]);
    }
    await exited;
  } finally {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    window.signal?.removeEventListener('abort', onAbort);
    // Whatever happened, nothing of this run outlives it.
    killGroup(child.pid);
  }
  const cpuAfter = readStatFields('self');
  const treeCpu =
    cpuBefore && cpuAfter
      ? { userMs: ((cpuAfter.childUserTicks - cpuBefore.childUserTicks) * 1000) / USER_HZ, systemMs: ((cpuAfter.childSystemTicks - cpuBefore.childSystemTicks) * 1000) / USER_HZ }
      : null;
  return {
    processWallMs: end.atMs - started,
    timeline,
    peakRssBytes,
    peakPssBytes,
    maxPids,
    code: end.code,
    signal: end.signal,
    killedFor,
    spawnError: end.spawnError,
    stderrLine: lastLine(stderr.text()),
    treeCpu,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
