/**
 * Start-up and crawl time: one panel per worker count, one horizontal bar per crawler (Node models
 * and native ports side by side), the median crawl time with the median process start-up and exit
 * stacked on it (report-model.ts / startup-model.ts compute both). Native and user crawlers are
 * hatched with a dark border; a † marks a crawl time that is the process's own wall.
 */
import type { Chart as ChartInstance, LegendItem, TooltipItem } from 'chart.js';
import type { ReportModel } from '../report-model.js';
import type { StartupBar } from '../startup-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { axis, draw, number, type ChartList } from './chart-kit.js';
import { byId, el, fade, workerLabel } from './dom.js';

const STARTUP_GREY = '#c4c4c4';
const NEUTRAL = '#8a8a8a';
const BAR_PX = 34;
/** A panel with fewer crawlers than the fullest keeps thin bars rather than fat ones. */
const MAX_BAR_PX = 24;

export function drawStartup(charts: ChartList, model: ReportModel): void {
  const panels = byId(REPORT_IDS.startupPanels, HTMLElement);
  // Every panel as tall as the fullest, so bars and legends line up across a row of panels.
  const rows = Math.max(0, ...model.startup.map((panel) => panel.bars.length));
  model.startup.forEach((panel) => {
    const bars = panel.bars;
    const box = el('div', null, 'box panel');
    // Room for the title, the axis and a three-line legend, then one row per bar.
    box.style.height = `${130 + BAR_PX * rows}px`;
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Crawl time and process start-up at ${workerLabel(panel.workers)}`);
    box.appendChild(canvas);
    panels.appendChild(box);
    const border = bars.map((bar) => (bar.origin === 'js' ? bar.colour : '#222'));
    const borderWidth = bars.map((bar) => (bar.origin === 'js' ? 1 : 2));
    const hasCommands = bars.some((bar) => bar.origin !== 'js');
    draw(charts, canvas, {
      type: 'bar',
      data: {
        labels: bars.map(barLabel),
        datasets: [
          {
            label: 'crawl time',
            data: bars.map((bar) => bar.crawlMs),
            stack: 'time',
            backgroundColor: bars.map((bar) => (bar.origin === 'js' ? fade(bar.colour, 0.85) : hatch(bar.colour))),
            borderColor: border,
            borderWidth,
            maxBarThickness: MAX_BAR_PX,
          },
          {
            label: 'process start-up and exit',
            data: bars.map((bar) => bar.startupExitMs),
            stack: 'time',
            backgroundColor: STARTUP_GREY,
            borderColor: border,
            borderWidth,
            maxBarThickness: MAX_BAR_PX,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: axis('time, median (ms)', undefined, { stacked: true }),
          y: { stacked: true, ticks: { autoSkip: false } },
        },
        plugins: {
          title: { display: true, text: workerLabel(panel.workers) },
          legend: {
            position: 'bottom',
            labels: { generateLabels: (chart: ChartInstance) => legendItems(chart, hasCommands) },
            // The hatch entry explains a look and belongs to no dataset: clicking it does nothing.
            onClick: (_event, item, legend) => {
              if (item.datasetIndex === undefined) return;
              legend.chart.setDatasetVisibility(item.datasetIndex, !legend.chart.isDatasetVisible(item.datasetIndex));
              legend.chart.update();
            },
          },
          tooltip: {
            callbacks: {
              label: (item: TooltipItem<'bar'>) => tooltipLine(bars[item.dataIndex], item.datasetIndex),
              footer: (items: TooltipItem<'bar'>[]) => tooltipFooter(bars[items[0]?.dataIndex ?? -1]),
            },
          },
        },
      },
    });
  });
  byId(REPORT_IDS.startupNote, HTMLElement).textContent = model.originNote;
}

function barLabel(bar: StartupBar): string {
  const origin = bar.origin === 'js' ? '' : ` (${bar.origin})`;
  return bar.impl + origin + (bar.processTimedRuns > 0 ? ' \u2020' : '') + (bar.failed ? ' \u2715 failed' : '');
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${number.format(value)} ms`;
}

function tooltipLine(bar: StartupBar | undefined, datasetIndex: number): string {
  if (bar === undefined) return '';
  if (datasetIndex === 1) return `process start-up and exit: ${ms(bar.startupExitMs)}`;
  const source = bar.processTimedRuns === 0 ? '' : ` (\u2020 process wall, start-up included: ${bar.processTimedRuns} of ${bar.runs} runs timed spawn to exit, the crawler reports no timer)`;
  return `crawl time: ${ms(bar.crawlMs)}${source}`;
}

function tooltipFooter(bar: StartupBar | undefined): string {
  if (bar === undefined) return '';
  return `process wall (median): ${ms(bar.processWallMs)}, over ${bar.runs}${bar.runs === 1 ? ' valid run' : ' valid runs'}`;
}

function legendItems(chart: ChartInstance, hasCommands: boolean): LegendItem[] {
  const items: LegendItem[] = [
    { text: 'crawl time (the crawler\u2019s colour)', fillStyle: NEUTRAL, strokeStyle: '#555', lineWidth: 1, datasetIndex: 0, hidden: !chart.isDatasetVisible(0) },
    { text: 'process start-up and exit', fillStyle: STARTUP_GREY, strokeStyle: '#555', lineWidth: 1, datasetIndex: 1, hidden: !chart.isDatasetVisible(1) },
  ];
  if (hasCommands) items.push({ text: 'native or user crawler', fillStyle: hatch(NEUTRAL), strokeStyle: '#222', lineWidth: 2 });
  return items;
}

/** `colour` with white diagonal stripes, as a canvas pattern (the flat colour where no 2D context exists). */
function hatch(colour: string): CanvasPattern | string {
  const size = 8;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  const flat = fade(colour, 0.85);
  if (ctx === null) return flat;
  ctx.fillStyle = flat;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = 'rgba(255,255,255,0.8)';
  ctx.lineWidth = 2;
  ctx.beginPath();
  // One diagonal and its two wrapped ends, so the stripes join across tiles.
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-2, 2);
  ctx.lineTo(2, -2);
  ctx.moveTo(size - 2, size + 2);
  ctx.lineTo(size + 2, size - 2);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? flat;
}
