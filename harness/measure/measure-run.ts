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
import { spawnsProcesses, usesRedis } from '../../crawlers/registry.js';
import { startRedisServer } from '../../crawlers/distributed/redis-server.js';
import { createRedisClient } from '../../crawlers/distributed/redis-client.js';
import { readServiceFigures } from './service-figures.js';
import type { ServiceFigures } from '../results/results.js';
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
  /** The script to run for a JS crawler; the compiled run-crawl-entry.js unless a test substitutes its own (or an A/B bench runs the base's). */
  entryPath?: string;
  /** The checkout `entryPath` belongs to, which a runtime with permissions (Deno) must be allowed to read; this project's when absent. */
  entryRoot?: string;
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
  /** CPU the root spent booting and loading before it crawled, where it reports it (JS crawlers; an A/B base that predates the figure does not). */
  loadCpuMs: number | null;
  processWallMs: number;
  timeline: TimelinePoint[];
  peakRssBytes: number;
  peakPssBytes: number | null;
  maxPids: number;
  /** A service the crawl ran on (the distributed model's redis-server), measured on its own. */
  service?: ServiceFigures;
}

export async function measureRun(options: MeasureRunOptions): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), `crawlbench-run-${process.pid}-`)); // NOTE: the owner's pid, read by sweepStaleRunDirs (run-temp-dir.ts)
  try {
    return options.command === undefined ? await measureJs(dir, options) : await measureCommand(dir, options, options.command);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The distributed model's Redis, started here rather than by the crawl unless the bench gives one
 * (`redisUrl`): outside the measured tree, so its memory and CPU are reported on their own
 * (`service`) and never counted as the crawler's.
 */
async function measureJs(dir: string, options: MeasureRunOptions): Promise<MeasuredRun> {
  if (!usesRedis(options.request.impl) || options.request.options.redisUrl !== undefined) return measureJsRun(dir, options);
  const redis = await startRedisServer();
  let measured: MeasuredRun | undefined;
  try {
    measured = await measureJsRun(dir, { ...options, request: { ...options.request, options: { ...options.request.options, redisUrl: redis.url } } });
    const commands = await commandsProcessed(redis.url);
    return { ...measured, service: readServiceFigures('redis-server', redis.pid, commands, measured.result?.pages.length ?? null) };
  } finally {
    await redis.stop();
  }
}

/** The commands a Redis has processed since it started (INFO stats), or null when it cannot be asked. */
async function commandsProcessed(url: string): Promise<number | null> {
  const client = createRedisClient(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    const match = /^total_commands_processed:(\d+)/m.exec(await client.info('stats'));
    return match?.[1] === undefined ? null : Number(match[1]);
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

async function measureJsRun(dir: string, options: MeasureRunOptions): Promise<MeasuredRun> {
  const requestPath = join(dir, 'request.json');
  const outputPath = join(dir, 'report.json');
  writeFileSync(requestPath, JSON.stringify(options.request));
  // Always the compiled entry, also when this module runs from TypeScript source under vitest.
  const entry = options.entryPath ?? distPath('harness/measure/run-crawl-entry.js');
  const runtime = options.runtime ?? resolveRuntime(DEFAULT_RUNTIME);
  // Only the crawl and its workers move to the runtime: the fixture and this sampler stay on the
  // harness's Node. Under Deno: the fixture's host, the project's files, this run's folder.
  const command = runtimeCommand(runtime, entry, [requestPath, outputPath], {
    hosts: [new URL(options.request.options.startUrl).host, ...(options.request.options.redisUrl === undefined ? [] : [new URL(options.request.options.redisUrl).host])],
    readPaths: [...new Set([projectRoot(), options.entryRoot ?? projectRoot()]), dir],
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
    loadCpuMs: typeof report.loadCpuMs === 'number' ? report.loadCpuMs : null,
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
  return { processWallMs, timeline, peakRssBytes, peakPssBytes, maxPids, cpu: treeCpu, rootMaxRssBytes: null, loadCpuMs: null, durationSource: 'process' };
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
