/**
 * Runs a command crawler once, outside any measurement (`npm run crawl -- --impl go`): its own
 * process group, stopped with the group on abort, its result read and checked like the harness
 * reads it (command-result.ts). The harness measures the same launch itself (harness/measure/measure-run.ts).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrawlerFailedError } from '../../common/errors.js';
import type { CrawlOptions, CrawlResult } from '../contract.js';
import { prepareLaunch, type CommandCrawler, type CommandLaunch } from './command-crawler.js';
import { readCommandResult, type CommandExit } from './command-result.js';
import { killGroup, lastLine, tailOf } from '../../common/process-group.js';

export async function runCommandCrawler(crawler: CommandCrawler, options: CrawlOptions): Promise<CrawlResult> {
  const dir = mkdtempSync(join(tmpdir(), 'crawlbench-crawl-'));
  try {
    const caPath = options.ca === undefined ? '' : join(dir, 'ca.pem');
    if (options.ca !== undefined) writeFileSync(caPath, options.ca);
    const launch = prepareLaunch(crawler, options, caPath, dir);
    const startedMs = performance.now();
    const exit = await runLaunch(launch, options.signal);
    const wallMs = performance.now() - startedMs;
    if (options.signal?.aborted === true)
      return {
        impl: crawler.name,
        workers: options.workers,
        startUrl: options.startUrl,
        pages: [],
        stats: { requests: 0, bytes: 0, errors: 0, durationMs: wallMs, maxInFlight: 0, startupMs: 0, restarts: 0, refusedByMaxPages: 0, skippedLongUrls: 0 },
      };
    const output = readCommandResult(crawler, launch, exit, options, wallMs);
    if (!output.ok) throw new CrawlerFailedError(output.reason);
    return output.result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runLaunch(launch: CommandLaunch, signal: AbortSignal | undefined): Promise<CommandExit> {
  const stdoutFd = launch.stdoutPath === null ? null : openSync(launch.stdoutPath, 'w');
  try {
    // detached: the crawler leads its own process group, so one kill reaches all it started.
    const child = spawn(launch.file, launch.args, { cwd: launch.cwd, detached: true, stdio: ['ignore', stdoutFd ?? 'ignore', 'pipe'] });
    const stderr = tailOf(child.stderr);
    const onAbort = (): void => killGroup(child.pid);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<CommandExit>((resolve) => {
        child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error.message, stderrLine: '' }));
        child.once('close', (code, killedBy) => resolve({ code, signal: killedBy, spawnError: null, stderrLine: lastLine(stderr.text()) }));
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      killGroup(child.pid);
    }
  } finally {
    if (stdoutFd !== null) closeSync(stdoutFd);
  }
}
