/**
 * Runs one crawl in a fresh process and measures it from outside (measure-process.ts): a JS
 * crawler in `node dist/harness/measure/run-crawl-entry.js`, a command crawler (native or the
 * user's) as its own command, with nothing in between, so each process's memory is its own.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExit } from '../../common/process-group.js';
import { distPath, projectRoot } from '../../common/project-root.js';
import { spawnsProcesses } from '../../crawlers/registry.js';
import { resolveRuntime, type Runtime } from '../../crawlers/runtime/runtime-catalog.js';
import { DEFAULT_RUNTIME } from '../../crawlers/runtime/default-runtime.js';
import { runtimeCommand } from '../../crawlers/runtime/runtime-command.js';
import type { CrawlResult } from '../../crawlers/contract.js';
import { prepareLaunch, type CommandCrawler } from '../../crawlers/external/command-crawler.js';
import { readCommandResult } from '../../crawlers/external/command-result.js';
import type { TimelinePoint } from '../results/results.js';
import { measureProcess, type MeasuredProcess, type MeasureWindow } from './measure-process.js';
import type { CrawlReport, CrawlRequest } from './run-crawl-entry.js';

export interface MeasureRunOptions extends MeasureWindow {
  request: CrawlRequest;
  /** Set for a command crawler: the request's options are passed through its template. */
  command?: { crawler: CommandCrawler; caPath: string };
  /** The script to run for a JS crawler; the compiled run-crawl-entry.js unless a test substitutes its own. */
  entryPath?: string;
  /** The runtime a JS crawler runs under; the harness's own Node when absent. */
  runtime?: Runtime;
}

export interface MeasuredRun {
  /** `finished`: a result was read. `failed`: timeout, crash, abort, or no usable result. */
  state: 'finished' | 'failed';
  reason?: string;
  result?: CrawlResult;
  /** Whether `result.stats.durationMs` is the crawler's own timer (else its process wall time). */
  durationSource: 'crawler' | 'process';
  /** User and system CPU of the whole tree; null where it cannot be known. */
  cpu: { userMs: number; systemMs: number } | null;
  /** The root process's own peak RSS, where it reports one (JS crawlers). */
  rootMaxRssBytes: number | null;
  processWallMs: number;
  timeline: TimelinePoint[];
  peakRssBytes: number;
  peakPssBytes: number | null;
  maxPids: number;
}

export async function measureRun(options: MeasureRunOptions): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), `crawlbench-run-${process.pid}-`)); // NOTE: the owner's pid, read by sweepStaleRunDirs (run-temp-dir.ts)
  try {
    return options.command === undefined ? await measureJs(dir, options) : await measureCommand(dir, options, options.command);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureJs(dir: string, options: MeasureRunOptions): Promise<MeasuredRun> {
  const requestPath = join(dir, 'request.json');
  const outputPath = join(dir, 'report.json');
  writeFileSync(requestPath, JSON.stringify(options.request));
  // Always the compiled entry, also when this module runs from TypeScript source under vitest.
  const entry = options.entryPath ?? distPath('harness/measure/run-crawl-entry.js');
  const runtime = options.runtime ?? resolveRuntime(DEFAULT_RUNTIME);
  // Only the crawl and its workers move to the runtime: the fixture and this sampler stay on the
  // harness's Node. Under Deno: the fixture's host, the project's files, this run's folder.
  const command = runtimeCommand(runtime, entry, [requestPath, outputPath], {
    hosts: [new URL(options.request.options.startUrl).host],
    readPaths: [projectRoot(), dir],
    writePaths: [dir],
    spawnsProcesses: spawnsProcesses(options.request.impl),
  });
  const measured = await measureProcess({ file: command.file, args: command.args, env: command.env, stdoutPath: null }, options);
  const base = baseOf(measured);
  if (measured.killedFor !== null) return { ...base, state: 'failed', reason: measured.killedFor };
  const report = readJson<CrawlReport>(outputPath);
  if (report === undefined || measured.code !== 0) return { ...base, state: 'failed', reason: `crawl process ${failureOf(measured)}` };
  return {
    ...base,
    state: 'finished',
    result: report.result,
    durationSource: 'crawler',
    // The root's own resourceUsage plus the children it reaped: finer than ticks. Where the root
    // could not read its children's CPU (Deno grants /proc/self only with --allow-all), the
    // harness's own count of the reaped tree, to the tick.
    cpu:
      report.childUserCpuMs === null || report.childSystemCpuMs === null
        ? (measured.treeCpu ?? { userMs: report.userCpuMs, systemMs: report.systemCpuMs })
        : { userMs: report.userCpuMs + report.childUserCpuMs, systemMs: report.systemCpuMs + report.childSystemCpuMs },
    rootMaxRssBytes: report.maxRssBytes,
  };
}

async function measureCommand(dir: string, options: MeasureRunOptions, command: NonNullable<MeasureRunOptions['command']>): Promise<MeasuredRun> {
  const { crawler, caPath } = command;
  const launch = prepareLaunch(crawler, options.request.options, caPath, dir);
  const measured = await measureProcess(launch, options);
  const base = baseOf(measured);
  if (measured.killedFor !== null) return { ...base, state: 'failed', reason: measured.killedFor };
  const output = readCommandResult(crawler, launch, measured, options.request.options, measured.processWallMs);
  if (!output.ok) return { ...base, state: 'failed', reason: output.reason };
  return { ...base, state: 'finished', result: output.result, durationSource: output.reportedDuration ? 'crawler' : 'process' };
}

function baseOf(measured: MeasuredProcess): Omit<MeasuredRun, 'state'> {
  const { processWallMs, timeline, peakRssBytes, peakPssBytes, maxPids, treeCpu } = measured;
  return { processWallMs, timeline, peakRssBytes, peakPssBytes, maxPids, cpu: treeCpu, rootMaxRssBytes: null, durationSource: 'process' };
}

function failureOf(measured: MeasuredProcess): string {
  return `${describeExit(measured)}${measured.stderrLine === '' ? '' : `: ${measured.stderrLine}`}`;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined; // no report: the run failed before writing it
  }
}
