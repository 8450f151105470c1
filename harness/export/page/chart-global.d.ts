/**
 * Chart.js reaches the page as its UMD build, inlined before the page script (html.ts), which
 * registers every chart type and sets a global `Chart`. Its own types describe that global.
 */
import type { Chart as ChartClass } from 'chart.js';

declare global {
  const Chart: typeof ChartClass;
}
