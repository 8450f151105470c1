/**
 * The metrics the A/B gate judges, in the order of its layers: CPU per page first, because the
 * tree's CPU divided by the pages it crawled is what start-up, the neighbours' load and the fixture
 * move least (it counts work, not waiting); then peak memory; crawl wall time last, as a ratio to
 * the site's lower bound, since it is the metric a busy machine moves most.
 *
 * NOTE: the keys are `AbMetricName` in harness/results/ab-section.ts.
 */
import type { AbMetricName } from '../results/ab-section.js';
import type { ConfigResult, RunResult } from '../results/results.js';

export interface AbMetric {
  /** Column and flag name. */
  label: string;
  /**
   * The smallest change, in percent, that may fail the gate, however significant: the gate's
   * floor before an A/A calibration widens it. CPU and memory of an exact, deterministic crawl
   * move 1–2 % between interleaved runs; wall time at 5 ms latency several times that.
   */
  floorPct: number;
  /** The run's value, or null when it was not measured (PSS off Linux, CPU of a failed run). */
  value(run: RunResult, config: Pick<ConfigResult, 'lowerBoundMs'>): number | null;
  /** How a value reads in the report. */
  unit: 'ms/page' | 'bytes' | 'bound';
}

export const AB_METRICS: Readonly<Record<AbMetricName, AbMetric>> = {
  cpuPerPage: {
    // The tree's whole CPU over the pages, load included, unlike results' `cpuPerPageMs`: a base
    // built before that figure existed does not report its load CPU, and a slower start-up is a
    // regression the gate should see too.
    label: 'CPU/page',
    floorPct: 3,
    value: (run) => (run.cpuMs === null || run.pages === null || run.pages === 0 ? null : run.cpuMs / run.pages),
    unit: 'ms/page',
  },
  peakRssBytes: { label: 'peak RSS', floorPct: 3, value: (run) => run.peakRssBytes, unit: 'bytes' },
  peakPssBytes: { label: 'peak PSS', floorPct: 3, value: (run) => run.peakPssBytes, unit: 'bytes' },
  wallVsBound: {
    label: 'wall ÷ bound',
    floorPct: 5,
    // Both sides crawl the same site, so the ratio of two such values is the ratio of their wall
    // times; dividing by the bound only makes the figure readable. At latency 0 there is no bound.
    value: (run, config) => (run.durationMs === null ? null : config.lowerBoundMs > 0 ? run.durationMs / config.lowerBoundMs : run.durationMs),
    unit: 'bound',
  },
};

/** The layers in the order they are judged and shown. */
export const AB_METRIC_ORDER: readonly AbMetricName[] = ['cpuPerPage', 'peakRssBytes', 'peakPssBytes', 'wallVsBound'];

/** Every metric's floor, for the gate's settings. */
export function defaultFloors(): Record<AbMetricName, number> {
  return Object.fromEntries(AB_METRIC_ORDER.map((metric) => [metric, AB_METRICS[metric].floorPct])) as Record<AbMetricName, number>;
}
