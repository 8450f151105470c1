/**
 * Bars with whiskers: the dataset of one implementation's series, and the grouped bar chart of the
 * peak-memory panels (one group per worker count, one bar per implementation).
 */
import type { BarSeries, ReportModel } from '../report-model.js';
import { axis, draw, withUnit, type ChartList } from './chart-kit.js';
import { fade, workerLabel } from './dom.js';
import { whiskerTop, type Whiskers } from './whiskers.js';

export type BarData = (number | null)[];

/** How a bar of one series looks, and its values; a plain object, so any bar-like dataset can spread it. */
export interface BarLook {
  label: string;
  data: BarData;
  backgroundColor: string;
  borderColor: string;
  borderWidth: number;
}

/** A bar dataset of `series`. */
export function barDataset(series: BarSeries, label: string): BarLook {
  return {
    label,
    data: series.values,
    backgroundColor: fade(series.colour, 0.85),
    borderColor: series.colour,
    borderWidth: 1,
  };
}

/** The whiskers of `series` (min–max over valid runs, failed configurations marked). */
export function seriesWhiskers(series: BarSeries): Whiskers {
  return { min: series.min, max: series.max, failed: series.failed };
}

export function groupedBars(charts: ChartList, model: ReportModel, canvas: HTMLCanvasElement, seriesList: BarSeries[], yTitle: string, unit: string): void {
  const whiskers = seriesList.map(seriesWhiskers);
  draw(
    charts,
    canvas,
    {
      type: 'bar',
      data: {
        labels: model.workers.map(workerLabel),
        datasets: seriesList.map((series) => barDataset(series, series.impl)),
      },
      options: {
        scales: { x: { title: { display: true, text: 'worker count' } }, y: axis(yTitle, whiskerTop(whiskers)) },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: withUnit(unit) } } },
      },
    },
    whiskers,
  );
}
