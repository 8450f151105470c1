/**
 * What one run of a command crawler produced, judged the same way whoever ran it (the harness's
 * measured run or `npm run crawl`): a command that could not start, a non-zero exit with its last
 * stderr line, or the result document read and checked by crawler-output.ts.
 */
import { readFileSync } from 'node:fs';
import { describeExit } from '../../common/process-group.js';
import type { CommandCrawler, CommandLaunch } from './command-crawler.js';
import { readCrawlerOutput, type CrawlerOutput } from './crawler-output.js';

/** How the command ended, as both runners observe it. */
export interface CommandExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The spawn itself failed (not found, not executable); null when it started. */
  spawnError: string | null;
  /** Last non-empty line of its stderr. */
  stderrLine: string;
}

/** @param wallMs spawn to exit, the crawl time when the crawler reports none */
export function readCommandResult(crawler: CommandCrawler, launch: CommandLaunch, exit: CommandExit, crawl: { workers: number; startUrl: string }, wallMs: number): CrawlerOutput {
  if (exit.spawnError !== null) return { ok: false, reason: `cannot run ${launch.file}: ${exit.spawnError}` };
  if (exit.code !== 0) return { ok: false, reason: `${crawler.name} ${describeExit(exit)}${exit.stderrLine === '' ? '' : `: ${exit.stderrLine}`}` };
  let text = '';
  try {
    text = readFileSync(launch.resultPath, 'utf8');
  } catch {
    // No {out} file: judged below as "printed no JSON".
  }
  const output = readCrawlerOutput(text, crawler.name, crawl.workers, crawl.startUrl, wallMs);
  return output.ok ? output : { ok: false, reason: `${crawler.name} ${output.reason}` };
}
