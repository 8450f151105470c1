/**
 * Memory during one crawl: tree RSS (solid) and PSS (dashed) of the median run of each
 * implementation, one worker count at a time, chosen with a select.
 */
import type { Chart as ChartInstance, ChartDataset } from 'chart.js';
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { axis, draw, lineLegend, withUnit, type ChartList } from './chart-kit.js';
import { byId, el, workerLabel } from './dom.js';

type Point = { x: number; y: number | null };

export function drawTimeline(charts: ChartList, model: ReportModel): void {
  const select = byId(REPORT_IDS.timelineWorkers, HTMLSelectElement);
  let chart: ChartInstance<'line', Point[]> | null = null;
  const show = (index: number): void => {
    const entry = model.timelines[index];
    if (entry === undefined) return;
    const datasets: ChartDataset<'line', Point[]>[] = [];
    entry.series.forEach((series) => {
      datasets.push({
        label: `${series.impl} RSS`,
        borderColor: series.colour,
        backgroundColor: series.colour,
        data: series.points.map((p) => ({ x: p[0], y: p[1] })),
        pointRadius: 0,
        borderWidth: 2,
      });
      if (series.points.some((p) => p[2] !== null)) {
        datasets.push({
          label: `${series.impl} PSS`,
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderDash: [5, 4],
          data: series.points.map((p) => ({ x: p[0], y: p[2] })),
          pointRadius: 0,
          borderWidth: 1.5,
          // PSS is read every 250 ms, RSS every 25 ms: the points between two PSS readings are null,
          // and without spanning them no two PSS points are adjacent, so no line is drawn at all.
          spanGaps: true,
        });
      }
    });
    const note = entry.series.map((s) => `${s.impl} run ${s.runIndex}`).join(', ');
    byId(REPORT_IDS.timelineNote, HTMLElement).textContent =
      entry.series.length === 0 ? `No valid run at ${workerLabel(entry.workers)}.` : `Runs shown (the valid run with the median wall time): ${note}. Solid: RSS; dashed: PSS.`;
    if (chart !== null) {
      chart.data.datasets = datasets;
      chart.update();
      return;
    }
    chart = draw(charts, byId(REPORT_IDS.chartTimeline, HTMLCanvasElement), {
      type: 'line',
      data: { datasets },
      options: {
        scales: { x: { type: 'linear', title: { display: true, text: 'time since spawn (s)' }, beginAtZero: true }, y: axis('tree memory (MiB)') },
        plugins: { legend: { position: 'bottom', labels: lineLegend }, tooltip: { callbacks: { label: withUnit('MiB') } } },
      },
    });
  };
  let fullest = 0;
  model.timelines.forEach((entry, i) => {
    const option = el('option', workerLabel(entry.workers));
    option.value = String(i);
    select.appendChild(option);
    if (entry.series.length >= (model.timelines[fullest]?.series.length ?? 0)) fullest = i;
  });
  if (model.timelines.length > 0) {
    select.value = String(fullest);
    show(fullest);
    select.addEventListener('change', () => show(Number(select.value)));
  }
}
