/**
 * The summary as an aligned plain-text table, printed to stdout at the end of a bench.
 */
import type { BenchResults } from '../results/results.js';
import { describeConfig } from './config-lines.js';
import { describeProcessTimed, describeServices, describeSkipped, listProcessTimed, listSkippedCrawlers } from './crawler-notes.js';
import { describeProblem, listRunProblems } from './run-problems.js';
import { buildSummaryTable, type SummaryColumn } from './summary-table.js';
import type { ResultsWriter } from './writer.js';

export const consoleWriter: ResultsWriter = {
  fileName: 'summary.txt',
  render(results: BenchResults): string {
    const table = buildSummaryTable(results);
    const { problems, headline } = listRunProblems(results);
    const config = describeConfig(results);
    const lines: string[] = [];
    lines.push(
      `crawlbench ${results.createdAt}: ${config
        .map((item) => `${item.label.toLowerCase()} ${item.value}`)
        .slice(0, 3)
        .join('; ')}`,
    );
    if (headline !== '') lines.push(`!! ${plain(headline)}`);
    lines.push('');
    const header = table.columns.map((column) => column.title);
    const body = table.rows.map((row) => row.cells.map(plain));
    const widths = table.columns.map((_column, i) => Math.max(width(header[i] ?? ''), ...body.map((cells) => width(cells[i] ?? ''))));
    const line = (cells: string[]): string =>
      cells
        .map((cell, i) => pad(cell, widths[i] ?? 0, table.columns[i]))
        .join('  ')
        .trimEnd();
    lines.push(line(header));
    lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const cells of body) lines.push(line(cells));
    const processTimed = describeProcessTimed(listProcessTimed(results));
    const skipped = listSkippedCrawlers(results);
    const services = describeServices(results);
    if (processTimed !== '' || skipped.length > 0 || services.length > 0) lines.push('');
    if (processTimed !== '') lines.push(plain(processTimed));
    for (const service of services) lines.push(plain(service));
    for (const crawler of skipped) lines.push(plain(describeSkipped(crawler)));
    if (problems.length > 0) {
      lines.push('');
      for (const problem of problems) lines.push(`!! ${plain(describeProblem(problem))}`);
    }
    return `${lines.join('\n')}\n`;
  },
};

function pad(text: string, size: number, column: SummaryColumn | undefined): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return column?.align === 'right' ? fill + text : text + fill;
}

/** Counted in code points: every glyph the table prints (—, ×, ±) is one column wide. */
function width(text: string): number {
  return [...text].length;
}

/**
 * Impl names and reasons come from results files; a control character in one (an ANSI escape from
 * a child's stderr, say) must not reach the user's terminal as a command.
 */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
