/**
 * The report page's entry, run once after Chart.js's UMD build (html.ts inlines both). It reads
 * the model that harness/export/report-model.ts computed and only draws; it is exercised in a real
 * browser by test/report-browser.test.ts.
 */
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { groupedBars } from './bar-charts.js';
import type { ChartList } from './chart-kit.js';
import { drawCpu } from './cpu-chart.js';
import { byId, el } from './dom.js';
import { drawScaling } from './scaling-chart.js';
import { drawStartup } from './startup-chart.js';
import { fillText } from './text-sections.js';
import { drawTimeline } from './timeline-chart.js';
import { drawTrends } from './trend-charts.js';
import { drawWallTime } from './wall-time-chart.js';

function main(): void {
  // The model is our own output (report-model.ts), embedded by html.ts: its shape is that type's.
  const model = JSON.parse(byId(REPORT_IDS.reportModel, HTMLScriptElement).textContent ?? '') as ReportModel;
  const charts: ChartList = [];
  fillText(model);

  // No animation: print and screenshots must capture the charts fully drawn.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222';

  drawWallTime(charts, model);
  drawStartup(charts, model);
  groupedBars(charts, model, byId(REPORT_IDS.chartRss, HTMLCanvasElement), model.peakRssMib, 'peak tree RSS (MiB)', 'MiB');
  if (model.peakPssMib) {
    groupedBars(charts, model, byId(REPORT_IDS.chartPss, HTMLCanvasElement), model.peakPssMib, 'peak tree PSS (MiB)', 'MiB');
  } else {
    byId(REPORT_IDS.chartPss, HTMLCanvasElement).parentElement?.replaceWith(el('p', 'PSS was not measured (it needs Linux /proc/<pid>/smaps_rollup).', 'caption'));
  }
  drawTimeline(charts, model);
  drawScaling(charts, model);
  drawCpu(charts, model);
  drawTrends(charts, model);

  // Print layout differs from the screen's; resize so printed charts fill their boxes.
  window.addEventListener('beforeprint', () => {
    for (const chart of charts) chart.resize();
  });
  document.documentElement.dataset.ready = 'true';
}

main();
