/**
 * The "Start-up and crawl time" chart's figures: for each worker count, one bar per crawler (Node
 * models and native ports side by side), the median crawl time with, stacked on it, the median
 * process start-up and exit (processWallMs − durationMs of each run). The article's race timed
 * whole processes; this shows how much of such a figure is the runtime coming up and going down.
 *
 * NOTE: reads `RunResult.durationMs`, `processWallMs` and `durationSource` (results.ts).
 */
import { median } from '../../common/quantile.js';
import type { ConfigResult, RunResult } from '../results/results.js';

export type CrawlerOrigin = ConfigResult['origin'];

export interface StartupBar {
  impl: string;
  colour: string;
  origin: CrawlerOrigin;
  /** Median crawl time (`durationMs`) over the valid runs; null when none is valid. */
  crawlMs: number | null;
  /** Median over the valid runs of `processWallMs − durationMs`: spawn, start-up and exit. */
  startupExitMs: number | null;
  /** Median `processWallMs` over the same runs (not the sum of the two medians above). */
  processWallMs: number | null;
  /** Valid runs the figures are over. */
  runs: number;
  /** Of those, the runs timed spawn to exit (`durationSource: 'process'`): their start-up is inside the crawl time. */
  processTimedRuns: number;
  /** The configuration ran (or its build failed) and no run is valid. */
  failed: boolean;
}

export interface StartupPanel {
  workers: number;
  bars: StartupBar[];
}

/**
 * One panel per worker count that has a crawler, each bar in `impls` order. A skipped
 * configuration (no runs, by design) gets no bar at all; a failed one gets an empty, marked bar.
 */
export function buildStartupPanels(configs: readonly ConfigResult[], impls: readonly { impl: string; colour: string; origin: CrawlerOrigin }[], workers: readonly number[]): StartupPanel[] {
  return workers
    .map((w) => ({
      workers: w,
      bars: impls.flatMap(({ impl, colour, origin }): StartupBar[] => {
        const config = configs.find((c) => c.impl === impl && c.workers === w);
        if (config === undefined || config.state === 'skipped') return [];
        const runs = config.runs.filter((run): run is RunResult & { durationMs: number } => run.state === 'ok' && run.durationMs !== null);
        const of = (pick: (run: RunResult & { durationMs: number }) => number): number | null => (runs.length === 0 ? null : median(runs.map(pick)));
        return [
          {
            impl,
            colour,
            origin,
            crawlMs: of((run) => run.durationMs),
            startupExitMs: of((run) => run.processWallMs - run.durationMs),
            processWallMs: of((run) => run.processWallMs),
            runs: runs.length,
            processTimedRuns: runs.filter((run) => run.durationSource === 'process').length,
            failed: runs.length === 0,
          },
        ];
      }),
    }))
    .filter((panel) => panel.bars.length > 0);
}

/** Which charted crawlers are native ports and which the user's commands, for the chart's caption. */
export function describeOrigins(impls: readonly { impl: string; origin: CrawlerOrigin }[]): string {
  const named = (origin: CrawlerOrigin): string =>
    impls
      .filter((item) => item.origin === origin)
      .map((item) => item.impl)
      .join(', ');
  const parts = [named('native') === '' ? '' : `native ports: ${named('native')}`, named('user') === '' ? '' : `user crawlers: ${named('user')}`].filter((part) => part !== '');
  return parts.length === 0 ? 'Every crawler here is a Node model.' : `Hatched bars with a dark border are not Node models (${parts.join('; ')}); solid bars are the Node models.`;
}
