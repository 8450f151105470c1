/**
 * Everything the HTML report draws, computed here (typed, tested) so the page's own script only
 * hands numbers to Chart.js and text to `textContent`. Memory is in MiB, times in ms (timeline
 * x-axis in seconds), arrays indexed like `workers`.
 */
import { median } from '../../common/quantile.js';
import type { BenchResults, ConfigResult, HistoryEntry, MetricName, RunResult } from '../results/results.js';
import { describeConfig, describeEnvironment, type LabelledValue } from './config-lines.js';
import { bytesToMib } from './format.js';
import { implColours } from './palette.js';
import { describeProblem, listRunProblems } from './run-problems.js';
import { describeProcessTimed, describeServices, describeSkipped, listProcessTimed, listSkippedCrawlers } from './crawler-notes.js';
import { buildStartupPanels, describeOrigins, type CrawlerOrigin, type StartupPanel } from './startup-model.js';
import { buildSummaryTable, byImplThenWorkers, sortConfigs, type SummaryTable } from './summary-table.js';
import { seriesOf } from '../results/config-identity.js';
import { buildAbReport, type AbReport } from './ab-verdict-table.js';

/** One implementation's values at each worker count (null: not run, failed, or not measured). */
export interface BarSeries {
  impl: string;
  colour: string;
  /** Median over valid runs. */
  values: (number | null)[];
  /** Smallest and largest valid run, drawn as whiskers. */
  min: (number | null)[];
  max: (number | null)[];
  /** The configuration ran (or its build failed) and no run was valid; false where it was skipped or not run. */
  failed: boolean[];
}

export interface TimelineSeries {
  impl: string;
  colour: string;
  /** The run shown: the valid run with the median crawl wall time. */
  runIndex: number;
  /** `[seconds since spawn, tree RSS MiB, tree PSS MiB or null]`. */
  points: [number, number, number | null][];
}

export interface TrendSeries {
  impl: string;
  workers: number;
  colour: string;
  /** One value per history entry; null where that bench lacks the configuration. */
  wallMs: (number | null)[];
  cpuMs: (number | null)[];
  peakRssMib: (number | null)[];
}

export interface ReportModel {
  title: string;
  subtitle: string;
  banner: { headline: string; items: string[] } | null;
  environment: LabelledValue[];
  config: LabelledValue[];
  table: SummaryTable;
  /** The charted crawlers: every implementation but those skipped at every worker count. */
  impls: { impl: string; colour: string; origin: CrawlerOrigin }[];
  workers: number[];
  /** `Skipped: rust (cargo not found; …)`, one per skipped crawler (not per worker count). */
  skipped: string[];
  /** The footnotes under the summary table: its `†` (crawl time measured as process wall) and any service a crawler ran on (its Redis); empty when none. */
  processTimedNote: string;
  wallMs: BarSeries[];
  /** Crawl time with process start-up and exit stacked on it, one panel per worker count. */
  startup: StartupPanel[];
  /** Which crawlers are native or the user's, for the start-up chart's caption. */
  originNote: string;
  lowerBoundMs: (number | null)[];
  /** The zero-CPU crawler's time over the link graph (schedule-bound.ts) at each worker count; null where not recorded. */
  scheduleBoundMs: (number | null)[];
  peakRssMib: BarSeries[];
  /** Null when no run measured PSS (not Linux). */
  peakPssMib: BarSeries[] | null;
  cpuUserMs: BarSeries[];
  cpuSystemMs: BarSeries[];
  pagesPerSec: BarSeries[];
  /** pages / lower bound: the throughput no crawler can beat at each worker count. */
  boundPagesPerSec: (number | null)[];
  timelines: { workers: number; series: TimelineSeries[] }[];
  /** Edge-case pages of the fixture (see harness/notable-pages.ts); shown as text, never markup. */
  notablePages: { url: string; status: string; error: string }[];
  /** Null with fewer than two history entries: one point is not a trend. */
  trend: { labels: [string, string][]; series: TrendSeries[] } | null;
  /** The A/B gate's verdict; null in any bench but `bench --against`. */
  ab: AbReport | null;
}

export function buildReportModel(results: BenchResults, history: HistoryEntry[] = []): ReportModel {
  // A chart's series is a crawler under a runtime (`promise-pool`, `promise-pool/bun`): each gets
  // its own bars at every worker count, the runtimes of one model side by side.
  const sorted = sortConfigs(results);
  const configs = sorted.map((c) => ({ ...c, impl: seriesOf(c) }));
  // Colours over every implementation in the order asked, skipped ones included, so a crawler
  // keeps its colour whether or not another was skipped in this bench.
  const seriesInOrder = results.config.impls.flatMap((impl) => {
    const series = [...new Set(sorted.filter((c) => c.impl === impl).map(seriesOf))];
    return series.length > 0 ? series : [impl];
  });
  const colours = implColours([...new Set([...seriesInOrder, ...configs.map((c) => c.impl)])]);
  const colourOf = (impl: string): string => colours.get(impl) ?? '#000000';
  // A skipped configuration has no runs by design: it gets no column, bar or "failed" mark.
  const ran = configs.filter((c) => c.state !== 'skipped');
  const allSkipped = (impl: string): boolean => configs.some((c) => c.impl === impl) && !ran.some((c) => c.impl === impl);
  const impls = [...colours.keys()].filter((impl) => !allSkipped(impl));
  const originOf = (impl: string): CrawlerOrigin => configs.find((c) => c.impl === impl)?.origin ?? 'js';
  const workers = [...new Set([...results.config.workers, ...ran.map((c) => c.workers)])].sort((a, b) => a - b);
  const find = (impl: string, w: number): ConfigResult | undefined => ran.find((c) => c.impl === impl && c.workers === w);
  const okRuns = (config: ConfigResult | undefined): RunResult[] => config?.runs.filter((run) => run.state === 'ok') ?? [];
  const isFailed = (config: ConfigResult | undefined): boolean => config !== undefined && okRuns(config).length === 0;
  const charted = impls.map((impl) => ({ impl, colour: colourOf(impl), origin: originOf(impl) }));

  const fromStats = (metric: MetricName, scale: (v: number) => number = (v) => v): BarSeries[] =>
    impls.map((impl) => {
      const stats = workers.map((w) => find(impl, w)?.stats[metric] ?? null);
      return {
        impl,
        colour: colourOf(impl),
        values: stats.map((s) => (s === null ? null : scale(s.median))),
        min: stats.map((s) => (s === null ? null : scale(s.min))),
        max: stats.map((s) => (s === null ? null : scale(s.max))),
        failed: workers.map((w) => isFailed(find(impl, w))),
      };
    });
  const fromRuns = (pick: (run: RunResult) => number | null): BarSeries[] =>
    impls.map((impl) => {
      const values = workers.map((w) =>
        okRuns(find(impl, w))
          .map(pick)
          .filter((v): v is number => v !== null),
      );
      return {
        impl,
        colour: colourOf(impl),
        values: values.map((v) => (v.length === 0 ? null : median(v))),
        min: values.map((v) => (v.length === 0 ? null : Math.min(...v))),
        max: values.map((v) => (v.length === 0 ? null : Math.max(...v))),
        failed: workers.map((w) => isFailed(find(impl, w))),
      };
    });

  const lowerBoundMs = workers.map((w) => {
    const bounds = ran.filter((c) => c.workers === w && c.lowerBoundMs > 0).map((c) => c.lowerBoundMs);
    return bounds.length === 0 ? null : Math.max(...bounds);
  });
  const pss = fromStats('peakPssBytes', bytesToMib);
  const { problems, headline } = listRunProblems(results);

  return {
    title: `crawlbench: ${results.config.profile} profile`,
    subtitle: `${results.config.pages} pages at ${results.config.latencyMs} ms latency, ${results.createdAt}`,
    banner: problems.length === 0 ? null : { headline, items: problems.map(describeProblem) },
    environment: describeEnvironment(results),
    config: describeConfig(results),
    table: buildSummaryTable(results, { detail: 'full' }),
    impls: charted,
    workers,
    skipped: listSkippedCrawlers(results).map(describeSkipped),
    processTimedNote: [describeProcessTimed(listProcessTimed(results)), ...describeServices(results)].filter((line) => line !== '').join(' '),
    wallMs: fromStats('durationMs'),
    startup: buildStartupPanels(ran, charted, workers),
    originNote: describeOrigins(charted),
    lowerBoundMs,
    scheduleBoundMs: workers.map((w) => {
      const bounds = ran.flatMap((c) => (c.workers === w && c.scheduleBoundMs !== undefined && c.scheduleBoundMs > 0 ? [c.scheduleBoundMs] : []));
      return bounds.length === 0 ? null : Math.max(...bounds);
    }),
    peakRssMib: fromStats('peakRssBytes', bytesToMib),
    peakPssMib: pss.some((series) => series.values.some((v) => v !== null)) ? pss : null,
    cpuUserMs: fromRuns((run) => run.cpuUserMs),
    cpuSystemMs: fromRuns((run) => run.cpuSystemMs),
    pagesPerSec: fromStats('pagesPerSec'),
    boundPagesPerSec: lowerBoundMs.map((bound) => (bound === null ? null : results.config.pages / (bound / 1000))),
    timelines: workers.map((w) => ({
      workers: w,
      series: impls.flatMap((impl): TimelineSeries[] => {
        const run = medianRun(okRuns(find(impl, w)));
        return run === undefined
          ? []
          : [
              {
                impl,
                colour: colourOf(impl),
                runIndex: run.index,
                points: run.timeline.map((p) => [round(p.tMs / 1000, 3), round(bytesToMib(p.rssBytes), 2), p.pssBytes === null ? null : round(bytesToMib(p.pssBytes), 2)]),
              },
            ];
      }),
    })),
    notablePages: (results.notablePages ?? []).map((page) => ({ url: page.url, status: page.status === 0 ? 'no response' : String(page.status), error: page.error ?? '' })),
    trend: buildTrend(comparableHistory(history, results), impls, colourOf),
    ab: buildAbReport(results),
  };
}

/**
 * The history entries measured on the same fixture as `results`: a trend across profiles (a
 * quick bench at 5 ms beside a seed bench at 50 ms) would chart the profile, not the code.
 */
export function comparableHistory(history: HistoryEntry[], results: BenchResults): HistoryEntry[] {
  const { profile, pages, latencyMs } = results.config;
  return history.filter((entry) => entry.config.profile === profile && entry.config.pages === pages && entry.config.latencyMs === latencyMs);
}

function buildTrend(history: HistoryEntry[], impls: string[], colourOf: (impl: string) => string): ReportModel['trend'] {
  if (history.length < 2) return null;
  const keys = [...new Set(history.flatMap((entry) => Object.keys(entry.medians)))].map((key) => {
    const at = key.lastIndexOf('@');
    return { key, impl: at === -1 ? key : key.slice(0, at), workers: at === -1 ? 0 : Number(key.slice(at + 1)) };
  });
  keys.sort(byImplThenWorkers(impls));
  const column = (key: string, metric: MetricName): (number | null)[] => history.map((entry) => (Object.hasOwn(entry.medians, key) ? (entry.medians[key]?.[metric] ?? null) : null));
  return {
    // Two-line tick labels (Chart.js draws an array as lines): date, then commit.
    labels: history.map((entry) => [entry.createdAt.slice(0, 16).replace('T', ' '), entry.gitCommit === null ? '' : entry.gitCommit.slice(0, 7)]),
    series: keys.map(({ key, impl, workers }) => ({
      impl,
      workers,
      colour: colourOf(impl),
      wallMs: column(key, 'durationMs'),
      cpuMs: column(key, 'cpuMs'),
      peakRssMib: column(key, 'peakRssBytes').map((v) => (v === null ? null : round(bytesToMib(v), 2))),
    })),
  };
}

/** The valid run with the median crawl wall time (the lower of the two middles), the one a reader should picture. */
export function medianRun(runs: RunResult[]): RunResult | undefined {
  const timed = runs.filter((run) => run.durationMs !== null).sort((a, b) => (a.durationMs ?? 0) - (b.durationMs ?? 0));
  return timed[Math.floor((timed.length - 1) / 2)];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
