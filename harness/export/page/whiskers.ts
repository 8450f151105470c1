/**
 * Min–max whiskers over bars, and a cross where a configuration failed (it has no bar to draw):
 * a Chart.js plugin made per chart, given one entry per dataset (null: that dataset has none).
 */
import type { Chart as ChartInstance, ChartType, Plugin } from 'chart.js';

/** One dataset's whiskers, indexed like its data. */
export interface Whiskers {
  min: (number | null)[];
  max: (number | null)[];
  failed: boolean[];
}

/**
 * The largest whisker end, for the value axis's `suggestedMax`: Chart.js sizes an axis from the
 * data (the bars, the medians) alone, so a slow run's whisker would otherwise run past the top.
 */
export function whiskerTop(byDataset: readonly (Whiskers | null)[]): number | undefined {
  const ends = byDataset.flatMap((whiskers) => whiskers?.max ?? []).filter((v): v is number => v !== null && Number.isFinite(v));
  return ends.length === 0 ? undefined : Math.max(...ends);
}

export function whiskersPlugin<T extends ChartType>(byDataset: readonly (Whiskers | null)[]): Plugin<T> {
  return {
    id: 'whiskers',
    afterDatasetsDraw(chart: ChartInstance<T>) {
      const ctx = chart.ctx;
      const y = chart.scales.y;
      if (y === undefined) return;
      byDataset.forEach((whiskers, i) => {
        if (whiskers === null || !chart.isDatasetVisible(i)) return;
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          if (!Number.isFinite(bar.x)) return;
          ctx.save();
          const max = whiskers.max[j] ?? null;
          const min = whiskers.min[j] ?? null;
          if (min !== null && max !== null) {
            const top = y.getPixelForValue(max);
            const bottom = y.getPixelForValue(min);
            const { width } = bar.getProps(['width']);
            const half = Math.max(3, Math.min(7, Number(width) / 4));
            ctx.strokeStyle = '#111';
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(bar.x, top);
            ctx.lineTo(bar.x, bottom);
            ctx.moveTo(bar.x - half, top);
            ctx.lineTo(bar.x + half, top);
            ctx.moveTo(bar.x - half, bottom);
            ctx.lineTo(bar.x + half, bottom);
            ctx.stroke();
          }
          if (whiskers.failed[j] === true) {
            ctx.fillStyle = '#b00020';
            ctx.font = `bold 12px ${Chart.defaults.font.family}`;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText('\u2715 failed', bar.x, y.bottom - 2);
          }
          ctx.restore();
        });
      });
    },
  };
}
