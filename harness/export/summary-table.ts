/**
 * The summary table, built once from results and printed by the console, Markdown and HTML
 * formats, so the three never disagree on a figure.
 */
import type { BenchResults, ConfigResult, ConfigState, MetricName } from '../results/results.js';
import { MISSING, formatMib, formatMs, formatNumber, formatRatio, formatRme } from './format.js';
import { serviceMedians, type ServiceMedians } from './service-medians.js';

export interface SummaryColumn {
  title: string;
  /** Numbers are right-aligned in the console and Markdown. */
  align: 'left' | 'right';
}

export interface SummaryRow {
  impl: string;
  workers: number;
  /** The runtime's name; null for a command crawler. */
  runtime: string | null;
  /** The configuration's state (see `ConfigState` in results.ts). */
  state: ConfigState;
  validRuns: number;
  totalRuns: number;
  /** One text cell per column, in column order. */
  cells: string[];
}

export interface SummaryTable {
  columns: SummaryColumn[];
  rows: SummaryRow[];
}

export interface SummaryTableOptions {
  /**
   * `compact`: the margin of error on wall time only, fit for a terminal.
   * `full`: a margin on every metric, plus process wall time and the lower bound (HTML report).
   * @default 'compact'
   */
  detail?: 'compact' | 'full';
}

interface ColumnSpec extends SummaryColumn {
  cell(config: ConfigResult, row: Pick<SummaryRow, 'validRuns' | 'totalRuns' | 'state'>): string;
  /** Only in the `full` table. */
  fullOnly?: boolean;
  /**
   * The cell of a service's row (the distributed model's Redis, under its crawler's row), for the
   * few columns a service has a figure for; the others show nothing.
   */
  service?(service: ServiceMedians, crawler: SummaryRow): string;
}

/** Appended to a crawl time measured as process wall time (spawn to exit); crawler-notes.ts words the footnote. */
export const PROCESS_WALL_MARK = '†';

/** Whether any valid run of `config` was timed spawn to exit (`durationSource: 'process'`: the crawler reports no timer). */
export function isProcessTimed(config: ConfigResult): boolean {
  return config.runs.some((run) => run.state === 'ok' && run.durationSource === 'process');
}

const STATE_TEXT: Record<SummaryRow['state'], string> = { ok: 'ok', partial: 'runs excluded', failed: 'FAILED', skipped: 'skipped' };

export function buildSummaryTable(results: BenchResults, options: SummaryTableOptions = {}): SummaryTable {
  const full = (options.detail ?? 'compact') === 'full';
  const median = (config: ConfigResult, metric: MetricName): number | null => config.stats[metric]?.median ?? null;
  const withMargin = (config: ConfigResult, metric: MetricName, text: string, always: boolean): string => {
    const stats = config.stats[metric];
    // A margin on an all-zero metric (the promise pool's start-up) says nothing, and one run has
    // none at all: describeSamples stores its rme as 0, which would print as "± 0.0 %".
    const margin = (always || full) && stats !== undefined && stats !== null && stats.n > 1 && stats.mean !== 0 ? formatRme(stats.rme) : '';
    return margin === '' || text === MISSING ? text : `${text} ${margin}`;
  };
  const specs: ColumnSpec[] = [
    // An A/B bench's rows say which build ran them.
    {
      title: 'Implementation',
      align: 'left',
      cell: (c) => (c.side === undefined ? c.impl : `${c.impl} (${c.side})`),
      service: (service, crawler) => `${crawler.impl}: ${service.name}`,
    },
    { title: 'Workers', align: 'right', cell: (c) => String(c.workers), service: (_service, crawler) => String(crawler.workers) },
    { title: 'Runtime', align: 'left', cell: runtimeText },
    { title: 'Wall time (median)', align: 'right', cell: (c) => withMargin(c, 'durationMs', wallText(c, formatMs(median(c, 'durationMs'))), true) },
    { title: 'Lower bound', align: 'right', cell: (c) => (c.lowerBoundMs > 0 ? formatMs(c.lowerBoundMs) : MISSING), fullOnly: true },
    { title: 'vs bound', align: 'right', cell: (c) => formatRatio(c.ratioToLowerBound) },
    { title: 'vs schedule', align: 'right', cell: (c) => formatRatio(c.ratioToScheduleBound ?? null) },
    { title: 'Process wall', align: 'right', cell: (c) => withMargin(c, 'processWallMs', formatMs(median(c, 'processWallMs')), false), fullOnly: true },
    { title: 'Start-up', align: 'right', cell: (c) => withMargin(c, 'startupMs', formatMs(median(c, 'startupMs')), false) },
    { title: 'CPU (user+sys)', align: 'right', cell: (c) => withMargin(c, 'cpuMs', formatMs(median(c, 'cpuMs')), false), service: (service) => formatMs(service.cpuMs) },
    { title: 'CPU/page', align: 'right', cell: (c) => withMargin(c, 'cpuPerPageMs', formatMs(median(c, 'cpuPerPageMs')), false) },
    { title: 'Peak RSS', align: 'right', cell: (c) => withMargin(c, 'peakRssBytes', formatMib(median(c, 'peakRssBytes')), false), service: (service) => formatMib(service.peakRssBytes) },
    { title: 'Peak PSS', align: 'right', cell: (c) => withMargin(c, 'peakPssBytes', formatMib(median(c, 'peakPssBytes')), false), service: (service) => formatMib(service.pssBytes) },
    { title: 'Pages/s', align: 'right', cell: (c) => withMargin(c, 'pagesPerSec', formatCount(median(c, 'pagesPerSec')), false) },
    { title: 'Valid runs', align: 'right', cell: (_c, row) => `${row.validRuns}/${row.totalRuns}`, service: (_service, crawler) => `${crawler.validRuns}/${crawler.totalRuns}` },
    {
      title: 'State',
      align: 'left',
      cell: (c, row) => ((row.state === 'skipped' || c.runs.length === 0) && c.reason !== null ? `${STATE_TEXT[row.state]}: ${c.reason}` : STATE_TEXT[row.state]),
      service: () => 'service, outside the crawler’s tree',
    },
  ];
  const columns = specs.filter((spec) => full || spec.fullOnly !== true);
  const rows = sortConfigs(results).flatMap((config): SummaryRow[] => {
    const validRuns = config.runs.filter((run) => run.state === 'ok').length;
    const totalRuns = config.runs.length;
    const row = { validRuns, totalRuns, state: config.state };
    const crawler = { impl: config.impl, workers: config.workers, runtime: config.runtime, ...row, cells: columns.map((spec) => spec.cell(config, row)) };
    const service = serviceMedians(config);
    if (service === null) return [crawler];
    // The service in a row of its own under the crawler's, so its memory and CPU are never read as the crawler's.
    return [crawler, { ...crawler, runtime: null, cells: columns.map((spec) => spec.service?.(service, crawler) ?? MISSING) }];
  });
  return { columns: columns.map(({ title, align }) => ({ title, align })), rows };
}

/** `2,512 ms †` where the crawl time is the process's wall, so no reader takes it for the crawl alone. */
function wallText(config: ConfigResult, text: string): string {
  return text !== MISSING && isProcessTimed(config) ? `${text} ${PROCESS_WALL_MARK}` : text;
}

function formatCount(value: number | null): string {
  return value === null ? MISSING : formatNumber(value);
}

/** `bun 1.4.5`: the runtime and the exact version it reported; a dash for a command crawler. */
function runtimeText(config: ConfigResult): string {
  if (config.runtime === null) return MISSING;
  const version = config.runtimeInfo?.version;
  return version === undefined || config.runtime.endsWith(version) ? config.runtime : `${config.runtime} ${version}`;
}

/**
 * Implementations in the order the bench was asked to run them, then by worker count, then
 * runtimes in the order asked, so the runtimes of one model and worker count sit together.
 */
export function sortConfigs(results: BenchResults): ConfigResult[] {
  const byImpl = byImplThenWorkers(results.config.impls);
  const runtimes = results.config.runtimes;
  const rank = (runtime: string | null): number => (runtime === null ? -1 : runtimes.indexOf(runtime));
  return [...results.configs].sort((a, b) => byImpl(a, b) || rank(a.runtime) - rank(b.runtime));
}

/** Orders rows by `order` of implementations (unknown ones last, by name), then by workers. */
export function byImplThenWorkers(order: readonly string[]): (a: { impl: string; workers: number }, b: { impl: string; workers: number }) => number {
  const rank = (impl: string): number => {
    const index = order.indexOf(impl);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return (a, b) => rank(a.impl) - rank(b.impl) || a.impl.localeCompare(b.impl) || a.workers - b.workers;
}
