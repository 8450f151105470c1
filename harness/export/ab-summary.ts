/**
 * The A/B gate's summary: `ab-summary.md` beside the report, fit for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`, and the same content as plain text for the console.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.js';
import { alignTable } from '../compare/format-text.js';
import type { AbRow } from '../results/ab-section.js';
import type { BenchResults } from '../results/results.js';
import { buildAbReport } from './ab-verdict-table.js';
import { escapeMarkdown } from './markdown.js';

export const AB_SUMMARY_FILE = 'ab-summary.md';

const ICONS: Record<string, string> = { pass: '✅', regression: '❌', 'behaviour changed': '❌', invalid: '❌' };

export function renderAbMarkdown(results: BenchResults): string {
  const report = buildAbReport(results);
  if (report === null) return '';
  const lines = [`### ${ICONS[report.outcome ?? ''] ?? '⚠️'} ${escapeMarkdown(report.headline)}`, '', escapeMarkdown(report.sides), ''];
  if (report.behaviour.length > 0) {
    lines.push('**Behaviour changed** (pages, requests, bytes and validity must be identical between the sides):', '');
    for (const line of report.behaviour) lines.push(`- 🔴 ${escapeMarkdown(line)}`);
    lines.push('');
  }
  const { columns, rows } = report.table;
  if (rows.length > 0) {
    lines.push(`| ${columns.map((column) => escapeMarkdown(column.title)).join(' | ')} |`);
    lines.push(`|${columns.map((column) => (column.align === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`);
    for (const row of rows) lines.push(`| ${row.cells.map((cell, i) => (i === row.cells.length - 1 ? finalCell(row.final) : escapeMarkdown(cell))).join(' | ')} |`);
    lines.push('');
  }
  lines.push(`<sub>${escapeMarkdown(report.criteria)}</sub>`);
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `- ⚠️ ${escapeMarkdown(note)}`));
  return `${lines.join('\n')}\n`;
}

export function renderAbText(results: BenchResults): string {
  const report = buildAbReport(results);
  if (report === null) return '';
  const { columns, rows } = report.table;
  const lines = [`${report.headline}`, report.sides, ''];
  for (const line of report.behaviour) lines.push(`  BEHAVIOUR CHANGED: ${line}`);
  if (report.behaviour.length > 0) lines.push('');
  if (rows.length > 0) {
    lines.push(
      ...alignTable(
        [columns.map((column) => column.title), ...rows.map((row) => row.cells)],
        columns.map((column) => column.align === 'right'),
      ),
      '',
    );
  }
  lines.push(report.criteria);
  for (const note of report.notes) lines.push(`  - note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** Writes ab-summary.md into a report directory and returns its path. */
export async function writeAbSummary(dir: string, results: BenchResults): Promise<string> {
  const path = join(dir, AB_SUMMARY_FILE);
  await writeFileAtomic(path, renderAbMarkdown(results));
  return path;
}

function finalCell(final: AbRow['final']): string {
  if (final === 'regression') return '🔴 **regression**';
  if (final === 'improvement') return '🟢 improvement';
  if (final === 'unconfirmed') return 'unconfirmed (noise)';
  return final;
}
