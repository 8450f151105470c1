/**
 * The process the harness measures: runs one crawl and writes what it saw to a file.
 *
 * Usage (by the harness, not by people): node dist/harness/measure/run-crawl-entry.js <request.json> <output.json>
 * It runs compiled JS with plain `node`, so its RSS and start-up are the crawler's own.
 * The output goes to a file rather than stdout so a 100 000-page result never races process exit.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CrawlOptions, CrawlResult } from '../../crawlers/contract.js';
import { resolveCrawlOptions } from '../../crawlers/crawl-options.js';
import { loadCrawler } from '../../crawlers/registry.js';
import { readStatFields } from './process-tree.js';

/** What the harness asks for. NOTE: written by harness/measure-run.ts. */
export interface CrawlRequest {
  impl: string;
  options: Omit<CrawlOptions, 'signal'>;
}

/** What the entry reports. NOTE: read by harness/measure-run.ts. */
export interface CrawlReport {
  result: CrawlResult;
  /** This process's own CPU, from `process.resourceUsage()`. */
  userCpuMs: number;
  systemCpuMs: number;
  /**
   * CPU this process had spent before the crawl began: the runtime's boot, this entry and the
   * model's modules. What the crawl itself costs is the tree's CPU minus this (issue 14's "CPU
   * per page").
   */
  loadCpuMs: number;
  /** Peak RSS of this process alone (`maxRSS` is in KiB; converted here). */
  maxRssBytes: number;
  /**
   * CPU of the child processes this one has reaped (Linux `cutime`/`cstime`), so the CPU of a
   * child-process crawl is exact although the children are gone by the time the root exits.
   * null off Linux.
   */
  childUserCpuMs: number | null;
  childSystemCpuMs: number | null;
}

async function main(): Promise<void> {
  const [requestPath, outputPath] = process.argv.slice(2);
  if (!requestPath || !outputPath) throw new Error('usage: run-crawl-entry.js <request.json> <output.json>');
  const request = JSON.parse(readFileSync(requestPath, 'utf8')) as CrawlRequest;
  const controller = new AbortController();
  // The harness stops a run (timeout, Ctrl-C) with SIGTERM and a grace period before SIGKILL:
  // abort, so the pool shuts its workers down within it.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => controller.abort());
  const crawl = await loadCrawler(request.impl);
  // Here, once the model is loaded and before it crawls: everything after this is the crawl's.
  const loaded = process.resourceUsage();
  const result = await crawl({ ...resolveCrawlOptions(request.options), signal: controller.signal });
  const usage = process.resourceUsage();
  const children = childrenCpuMs();
  const report: CrawlReport = {
    result,
    userCpuMs: usage.userCPUTime / 1000,
    systemCpuMs: usage.systemCPUTime / 1000,
    loadCpuMs: (loaded.userCPUTime + loaded.systemCPUTime) / 1000,
    maxRssBytes: usage.maxRSS * 1024,
    childUserCpuMs: children?.userMs ?? null,
    childSystemCpuMs: children?.systemMs ?? null,
  };
  writeFileSync(`${outputPath}.tmp`, JSON.stringify(report));
  renameSync(`${outputPath}.tmp`, outputPath);
}

/**
 * /proc reports CPU times in USER_HZ ticks, which the kernel fixes at 100 per second for user
 * space on every mainstream architecture (whatever CONFIG_HZ is). Hard-coded rather than asked of
 * `getconf CLK_TCK`: spawning a process here would land inside the very run being measured.
 */
const USER_HZ = 100;

function childrenCpuMs(): { userMs: number; systemMs: number } | null {
  const stat = readStatFields('self');
  if (!stat) return null;
  return { userMs: (stat.childUserTicks * 1000) / USER_HZ, systemMs: (stat.childSystemTicks * 1000) / USER_HZ };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`run-crawl-entry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
