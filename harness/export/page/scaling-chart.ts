/** Throughput scaling: median pages/s against worker count, and the throughput the lower bound allows. */
import type { ChartDataset } from 'chart.js';
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { axis, draw, lineLegend, withUnit, type ChartList } from './chart-kit.js';
import { byId } from './dom.js';

export function drawScaling(charts: ChartList, model: ReportModel): void {
  const datasets: ChartDataset<'line', (number | null)[]>[] = model.pagesPerSec.map((series) => ({
    label: series.impl,
    data: series.values,
    borderColor: series.colour,
    backgroundColor: series.colour,
    pointRadius: 4,
    borderWidth: 2,
    spanGaps: false,
  }));
  datasets.push({
    label: 'upper bound (pages \u00f7 lower bound)',
    data: model.boundPagesPerSec,
    borderColor: '#666',
    backgroundColor: '#666',
    borderDash: [6, 4],
    pointRadius: 0,
    borderWidth: 1.5,
  });
  draw(charts, byId(REPORT_IDS.chartScaling, HTMLCanvasElement), {
    type: 'line',
    data: { labels: model.workers.map(String), datasets },
    options: {
      scales: { x: { title: { display: true, text: 'workers' } }, y: axis('throughput (pages/s)') },
      plugins: { legend: { position: 'bottom', labels: lineLegend }, tooltip: { callbacks: { label: withUnit('pages/s') } } },
    },
  });
}
