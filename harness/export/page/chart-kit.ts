/**
 * What every chart of the report shares: the number format, tooltip labels, axes, legend lines,
 * and `draw`, which adds the whiskers and keeps the chart for print resizing.
 */
import type { Chart as ChartInstance, ChartConfiguration, ChartType, LegendItem, ScaleOptions } from 'chart.js';
import { whiskersPlugin, type Whiskers } from './whiskers.js';

export const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Every chart drawn so far, resized before printing. */
export type ChartList = Pick<ChartInstance, 'resize'>[];

/** A tooltip line `label: 1,234 ms`, or `n/a` where the value is missing. */
export function withUnit(unit: string): (item: { dataset: { label?: string | undefined }; parsed: unknown }) => string {
  return (item) => {
    const parsed: unknown = item.parsed;
    const y = typeof parsed === 'object' && parsed !== null && 'y' in parsed ? parsed.y : null;
    return `${item.dataset.label || ''}: ${typeof y === 'number' ? `${number.format(y)} ${unit}` : 'n/a'}`;
  };
}

/**
 * Legend entries drawn as short lines in their dataset's dash pattern and width, so dashed and
 * dotted series are told apart. A point style of `line` strokes one open line, where a zero-height
 * box (what this was before) is a closed rectangle whose way back along the same pixels fills the
 * gaps of the dash, so a dashed series showed solid. With point styles Chart.js takes the legend's
 * style from the series' points, which have no dash, so the line's own dash and width are copied
 * back onto each entry.
 */
export const lineLegend = {
  usePointStyle: true,
  pointStyle: 'line',
  pointStyleWidth: 30,
  generateLabels(chart: ChartInstance): LegendItem[] {
    return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
      const line: { borderDash?: unknown; borderWidth?: unknown } | undefined = item.datasetIndex === undefined ? undefined : chart.getDatasetMeta(item.datasetIndex).dataset?.options;
      if (line === undefined) return item;
      const dash = Array.isArray(line.borderDash) ? line.borderDash.filter((n): n is number => typeof n === 'number') : [];
      return { ...item, lineDash: dash, lineWidth: typeof line.borderWidth === 'number' ? line.borderWidth : item.lineWidth };
    });
  },
} as const;

/** Log axes label only 1, 2 and 5 × 10^n; Chart.js's default can print two ticks as the same rounded number. */
export function logTick(value: number | string): string {
  const v = Number(value);
  const mantissa = v / 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5].indexOf(Math.round(mantissa * 1000) / 1000) === -1 ? '' : number.format(v);
}

type LinearAxis = ScaleOptions<'linear'>;

/** A titled value axis from zero; `top` (the highest whisker) keeps whiskers inside the chart. */
export function axis(title: string, top?: number, extra: LinearAxis = {}): LinearAxis {
  const scale: LinearAxis = { title: { display: true, text: title }, beginAtZero: true };
  if (top !== undefined) scale.suggestedMax = top;
  return Object.assign(scale, extra);
}

/** Draws a chart on `canvas` with whiskers for its datasets (one entry per dataset, or none). */
export function draw<T extends ChartType, D, L>(
  charts: ChartList,
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<T, D, L>,
  whiskers: readonly (Whiskers | null)[] = [],
): ChartInstance<T, D, L> {
  config.plugins = (config.plugins || []).concat([whiskersPlugin<T>(whiskers)]);
  const chart = new Chart(canvas, config);
  charts.push(chart);
  return chart;
}
