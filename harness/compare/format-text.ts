/**
 * The comparison as an aligned terminal table (the default of `npm run compare`).
 */
import type { Comparison } from './compare-results.js';
import {
  describeBench,
  describeConfigChange,
  describeCriteria,
  describeSummary,
  formatChangePct,
  formatInterval,
  formatMetricName,
  formatMetricValue,
  formatPValue,
  verdictWord,
} from './format-values.js';

export function formatComparisonText(comparison: Comparison): string {
  const level = Math.round(comparison.options.confidenceLevel * 100);
  const header = ['impl', 'workers', 'metric', 'baseline', 'current', 'change', `${level} % CI`, 'p', 'verdict'];
  const rightAligned = [false, true, false, true, true, true, true, true, false];
  const body = comparison.rows.map((row) => [
    row.impl,
    String(row.workers),
    formatMetricName(row.metric),
    formatMetricValue(row.metric, row.baseline.median),
    formatMetricValue(row.metric, row.current.median),
    formatChangePct(row.changePct),
    formatInterval(row.ciPct),
    formatPValue(row.pValue),
    verdictWord(row.verdict),
  ]);
  const lines = [
    `baseline: ${describeBench(comparison.baseline)}`,
    `current:  ${describeBench(comparison.current)}`,
    describeCriteria(comparison),
    '',
    ...(body.length > 0 ? alignTable([header, ...body], rightAligned) : ['(no configuration and metric present in both benches)']),
    '',
    `${comparison.regressed ? 'REGRESSED' : 'OK'}: ${describeSummary(comparison)}`,
  ];
  for (const change of comparison.configChanges) lines.push(`  - ${describeConfigChange(change)}`);
  for (const note of comparison.notes) lines.push(`  - note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function alignTable(rows: readonly string[][], rightAligned: readonly boolean[]): string[] {
  const widths = rightAligned.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
