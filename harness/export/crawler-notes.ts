/**
 * What a reader must know about the crawlers before trusting a figure, beyond failed runs
 * (run-problems.ts): which crawlers were skipped (not run at all, e.g. their toolchain is
 * missing), and whose crawl time is its process's wall time because it reports no timer of its
 * own. Listed once here for the HTML, Markdown and console formats.
 *
 * NOTE: reads `ConfigResult.state`/`reason` and `RunResult.durationSource` (results.ts).
 */
import type { BenchResults, ConfigResult } from '../results/results.js';
import { configKey } from '../results/config-identity.js';
import { MISSING } from './format.js';
import { serviceMedians } from './service-medians.js';
import { oneLine } from './run-problems.js';
import { byImplThenWorkers, isProcessTimed, PROCESS_WALL_MARK, sortConfigs } from './summary-table.js';

export interface SkippedCrawler {
  impl: string;
  origin: ConfigResult['origin'];
  /** The distinct reasons over its worker counts, one line. */
  reason: string;
}

/** One entry per skipped crawler (not one per worker count), in the bench's implementation order. */
export function listSkippedCrawlers(results: BenchResults): SkippedCrawler[] {
  const byImpl = new Map<string, { origin: ConfigResult['origin']; reasons: Set<string> }>();
  for (const config of results.configs) {
    if (config.state !== 'skipped') continue;
    const entry = byImpl.get(config.impl) ?? { origin: config.origin, reasons: new Set<string>() };
    entry.reasons.add(oneLine(config.reason ?? 'no reason recorded'));
    byImpl.set(config.impl, entry);
  }
  return inImplOrder(results, [...byImpl.keys()]).map((impl) => {
    const entry = byImpl.get(impl);
    return { impl, origin: entry?.origin ?? 'native', reason: [...(entry?.reasons ?? [])].join('; ') };
  });
}

/** `Skipped: rust (cargo not found; install Rust with rustup …)`. */
export function describeSkipped(skipped: SkippedCrawler): string {
  return `Skipped: ${skipped.impl} (${skipped.reason})`;
}

/** Crawlers with at least one configuration timed by process wall, in implementation order. */
export function listProcessTimed(results: BenchResults): string[] {
  return inImplOrder(results, [...new Set(results.configs.filter(isProcessTimed).map((config) => config.impl))]);
}

/** The footnote for {@link PROCESS_WALL_MARK}; empty when no crawler needs it. */
export function describeProcessTimed(impls: readonly string[]): string {
  if (impls.length === 0) return '';
  return `${PROCESS_WALL_MARK} ${impls.join(', ')}: crawl time is the process's wall time (spawn to exit, start-up included), as the crawler reports no timer of its own.`;
}

/**
 * `distributed@10: its redis-server ran outside the crawler's tree (its own row in the table):
 * 14.2 commands per page (median over the valid runs)`, one per configuration that ran on a service.
 */
export function describeServices(results: BenchResults): string[] {
  return sortConfigs(results).flatMap((config) => {
    const service = serviceMedians(config);
    if (service === null) return [];
    const commands = service.commandsPerPage === null ? MISSING : service.commandsPerPage.toFixed(1);
    return [`${configKey(config)}: its ${service.name} ran outside the crawler's tree (its own row in the table): ${commands} commands per page (median over the valid runs).`];
  });
}

function inImplOrder(results: BenchResults, impls: string[]): string[] {
  const order = byImplThenWorkers(results.config.impls);
  return impls
    .map((impl) => ({ impl, workers: 0 }))
    .sort(order)
    .map((entry) => entry.impl);
}
