/**
 * Crawl wall time: one panel per worker count, each with its own scale, so that 50 workers' ~0.3 s
 * bars are as readable as 1 worker's ~10 s ones. Each implementation's bar sits in its own column;
 * the lower bound is a dashed line across the panel.
 */
import type { ChartDataset } from 'chart.js';
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { barDataset, type BarData } from './bar-charts.js';
import { axis, draw, lineLegend, withUnit, type ChartList } from './chart-kit.js';
import { byId, el, workerLabel } from './dom.js';
import { whiskerTop, type Whiskers } from './whiskers.js';

export function drawWallTime(charts: ChartList, model: ReportModel): void {
  const panels = byId(REPORT_IDS.wallPanels, HTMLElement);
  model.workers.forEach((w, i) => {
    // Only the crawlers run at this worker count get a column: the native ports run at 10 and 50
    // workers only, and a skipped crawler is not in model.wallMs at all.
    const present = model.impls.filter((item) => model.wallMs.some((series) => series.impl === item.impl && (series.values[i] !== null || series.failed[i] === true)));
    if (present.length === 0) return;
    const box = el('div', null, 'box panel');
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Crawl wall time at ${workerLabel(w)}`);
    box.appendChild(canvas);
    panels.appendChild(box);
    const inColumn = <T>(impl: string, value: T, other: T): T[] => present.map((item) => (item.impl === impl ? value : other));
    const shown = model.wallMs.filter((series) => present.some((item) => item.impl === series.impl));
    const whiskers: (Whiskers | null)[] = shown.map((series) => ({
      min: inColumn(series.impl, series.min[i] ?? null, null),
      max: inColumn(series.impl, series.max[i] ?? null, null),
      failed: inColumn(series.impl, series.failed[i] === true, false),
    }));
    const datasets: ChartDataset<'bar' | 'line', BarData>[] = shown.map((series) => ({
      ...barDataset(series, series.impl),
      data: inColumn(series.impl, series.values[i] ?? null, null),
      skipNull: true,
    }));
    // Each bound is a flat line across the panel: dashed the level bound, dotted the schedule bound.
    for (const [label, value, dash] of [
      ['lower bound', model.lowerBoundMs[i] ?? null, [6, 4]],
      ['schedule bound', model.scheduleBoundMs[i] ?? null, [2, 3]],
    ] as const) {
      if (value === null) continue;
      datasets.push({ type: 'line', label, data: present.map(() => value), borderColor: '#222', borderDash: [...dash], borderWidth: 1.5, pointRadius: 0, fill: false });
      whiskers.push(null);
    }
    draw(
      charts,
      canvas,
      {
        type: 'bar',
        data: { labels: present.map((item) => item.impl), datasets },
        options: {
          datasets: { bar: { grouped: false } },
          scales: { x: { ticks: { autoSkip: false } }, y: axis('crawl wall time (ms)', whiskerTop(whiskers)) },
          plugins: {
            title: { display: true, text: workerLabel(w) },
            legend: { labels: { filter: (item) => item.text === 'lower bound' || item.text === 'schedule bound', ...lineLegend } },
            tooltip: { callbacks: { label: withUnit('ms') } },
          },
        },
      },
      whiskers,
    );
  });
}
