/** CPU time: user and system stacked, one stack per implementation, whiskers on user time. */
import type { ChartDataset } from 'chart.js';
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { barDataset, seriesWhiskers, type BarData } from './bar-charts.js';
import { axis, draw, withUnit, type ChartList } from './chart-kit.js';
import { byId, fade, workerLabel } from './dom.js';
import { whiskerTop, type Whiskers } from './whiskers.js';

export function drawCpu(charts: ChartList, model: ReportModel): void {
  const datasets: ChartDataset<'bar', BarData>[] = [];
  const whiskers: (Whiskers | null)[] = [];
  model.cpuUserMs.forEach((series, i) => {
    const system = model.cpuSystemMs[i];
    datasets.push({ ...barDataset(series, `${series.impl} user`), stack: series.impl });
    whiskers.push(seriesWhiskers(series));
    if (system === undefined) return;
    datasets.push({ ...barDataset(system, `${series.impl} system`), stack: series.impl, backgroundColor: fade(series.colour, 0.35) });
    whiskers.push(null);
  });
  draw(
    charts,
    byId(REPORT_IDS.chartCpu, HTMLCanvasElement),
    {
      type: 'bar',
      data: { labels: model.workers.map(workerLabel), datasets },
      options: {
        scales: {
          x: { stacked: true, title: { display: true, text: 'worker count' } },
          y: axis('CPU time, median (ms)', whiskerTop(whiskers), { stacked: true }),
        },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: withUnit('ms') } } },
      },
    },
    whiskers,
  );
}
