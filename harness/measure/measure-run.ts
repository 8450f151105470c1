/**
 * Runs one crawl in a fresh `node` process and measures it from outside: the process-tree
 * timeline from a `TreeSampler`, spawn-to-exit wall time, and the report the entry writes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distPath } from '../../common/project-root.js';
import type { TimelinePoint } from '../results/results.js';
import type { CrawlReport, CrawlRequest } from './run-crawl-entry.js';
import type { TreeSampler } from './tree-sampler.js';

export interface MeasureRunOptions {
  request: CrawlRequest;
  sampler: TreeSampler;
  /** Time between two samples of the tree. @default 25 */
  sampleIntervalMs: number;
  /** The run is killed with its whole process tree after this long. */
  timeoutMs: number;
  /** Aborting kills the run's process tree at once (Ctrl-C of the bench). */
  signal?: AbortSignal;
  /** The script to run; the compiled run-crawl-entry.js unless a test substitutes its own. */
  entryPath?: string;
}

export interface MeasuredRun {
  /** `finished`: the entry wrote its report. `failed`: timeout, crash, abort or no report. */
  state: 'finished' | 'failed';
  reason?: string;
  report?: CrawlReport;
  processWallMs: number;
  timeline: TimelinePoint[];
  peakRssBytes: number;
  peakPssBytes: number | null;
  maxPids: number;
}

const STDERR_KEPT_BYTES = 2000;

export async function measureRun(options: MeasureRunOptions): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), 'crawlbench-run-'));
  try {
    return await measureIn(dir, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureIn(dir: string, options: MeasureRunOptions): Promise<MeasuredRun> {
  const requestPath = join(dir, 'request.json');
  const outputPath = join(dir, 'report.json');
  writeFileSync(requestPath, JSON.stringify(options.request));
  // Always the compiled entry, also when this module runs from TypeScript source under vitest.
  const entry = options.entryPath ?? distPath('harness/measure/run-crawl-entry.js');
  const started = performance.now();
  // detached: the run leads its own process group, so one kill(-pid) reaches every descendant
  // even if the crawler has lost track of them.
  const child = spawn(process.execPath, [entry, requestPath, outputPath], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT_BYTES);
  });
  // Held in an object: TypeScript cannot see that the callbacks below assign it.
  const end: { code: number | null; signal: NodeJS.Signals | null; atMs: number } = { code: null, signal: null, atMs: -1 };
  const exited = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      Object.assign(end, { code, signal, atMs: performance.now() });
      resolve();
    });
    child.once('error', (error) => {
      stderr += error.message;
      end.atMs = performance.now();
      resolve();
    });
  });

  let killedFor: string | null = null;
  const killTree = (why: string) => {
    killedFor ??= why;
    killGroup(child.pid);
  };
  const timer = setTimeout(() => killTree(`timed out after ${options.timeoutMs} ms; killed with its process tree`), options.timeoutMs);
  const onAbort = () => killTree('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const timeline: TimelinePoint[] = [];
  let peakRssBytes = 0;
  let peakPssBytes: number | null = null;
  let maxPids = 0;
  try {
    while (end.atMs < 0 && child.pid !== undefined) {
      const tickStart = performance.now();
      const sample = await options.sampler.sample(child.pid);
      if (end.atMs >= 0) break;
      if (sample.pids.length > 0) {
        timeline.push({ tMs: tickStart - started, rssBytes: sample.rssBytes, pssBytes: sample.pssBytes, pids: sample.pids.length });
        peakRssBytes = Math.max(peakRssBytes, sample.rssBytes);
        if (sample.pssBytes !== null) peakPssBytes = Math.max(peakPssBytes ?? 0, sample.pssBytes);
        maxPids = Math.max(maxPids, sample.pids.length);
      }
      const wait = options.sampleIntervalMs - (performance.now() - tickStart);
      await Promise.race([exited, delay(Math.max(0, wait))]);
    }
    await exited;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Whatever happened, nothing of this run outlives it.
    killGroup(child.pid);
  }

  const processWallMs = end.atMs - started;
  const base = { processWallMs, timeline, peakRssBytes, peakPssBytes, maxPids };
  if (killedFor !== null) return { ...base, state: 'failed', reason: killedFor };
  const report = readReport(outputPath);
  if (!report || end.code !== 0) {
    const how = end.signal ? `killed by ${end.signal}` : `exited with code ${String(end.code)}`;
    const lastLine = stderr.trim().split('\n').at(-1) ?? '';
    return { ...base, state: 'failed', reason: `crawl process ${how}${lastLine ? `: ${lastLine}` : ''}` };
  }
  return { ...base, state: 'finished', report };
}

function readReport(path: string): CrawlReport | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CrawlReport;
  } catch {
    return undefined; // no report: the run failed before writing it
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
