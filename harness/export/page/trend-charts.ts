/**
 * Trends across benches (reports/history.jsonl): one line per configuration, the line style
 * marking the worker count. Wall times span 1 to 50 workers, two orders of magnitude: only that
 * chart needs a log axis.
 */
import type { ReportModel, TrendSeries } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { axis, draw, lineLegend, logTick, withUnit, type ChartList } from './chart-kit.js';
import { byId } from './dom.js';

interface TrendSpec {
  canvasId: string;
  metric: 'wallMs' | 'cpuMs' | 'peakRssMib';
  title: string;
  unit: string;
  log: boolean;
}

const SPECS: TrendSpec[] = [
  { canvasId: REPORT_IDS.chartTrendWall, metric: 'wallMs', title: 'Median crawl wall time', unit: 'ms', log: true },
  { canvasId: REPORT_IDS.chartTrendCpu, metric: 'cpuMs', title: 'Median CPU time (user + sys)', unit: 'ms', log: false },
  { canvasId: REPORT_IDS.chartTrendRss, metric: 'peakRssMib', title: 'Median peak tree RSS', unit: 'MiB', log: false },
];

const DASHES = [[], [6, 3], [2, 3], [10, 3, 2, 3]];

export function drawTrends(charts: ChartList, model: ReportModel): void {
  const trend = model.trend;
  if (trend === null) return;
  byId(REPORT_IDS.trend, HTMLElement).hidden = false;
  const dashOf = (series: TrendSeries): number[] => DASHES[model.workers.indexOf(series.workers) % DASHES.length] || [];
  SPECS.forEach((spec) => {
    draw(charts, byId(spec.canvasId, HTMLCanvasElement), {
      type: 'line',
      data: {
        labels: trend.labels,
        datasets: trend.series.map((series) => ({
          label: `${series.impl}@${series.workers}`,
          data: series[spec.metric],
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderDash: dashOf(series),
          pointRadius: 2,
          borderWidth: 1.5,
        })),
      },
      options: {
        scales: {
          x: { title: { display: true, text: 'bench (date, commit)' }, ticks: { maxRotation: 0, autoSkip: true } },
          y: spec.log ? { type: 'logarithmic', title: { display: true, text: `${spec.unit} (log scale)` }, ticks: { callback: logTick } } : axis(spec.unit),
        },
        plugins: {
          title: { display: true, text: spec.title },
          legend: { position: 'bottom', labels: lineLegend },
          tooltip: { callbacks: { label: withUnit(spec.unit) } },
        },
      },
    });
  });
}
