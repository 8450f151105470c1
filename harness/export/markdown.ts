/**
 * `summary.md`: the summary for a GitHub step summary or a pull-request comment.
 */
import type { BenchResults } from '../results/results.js';
import { describeConfig, describeEnvironment, type LabelledValue } from './config-lines.js';
import { describeProcessTimed, describeServices, describeSkipped, listProcessTimed, listSkippedCrawlers } from './crawler-notes.js';
import { describeProblem, listRunProblems } from './run-problems.js';
import { buildSummaryTable } from './summary-table.js';
import type { ResultsWriter } from './writer.js';

export const markdownWriter: ResultsWriter = {
  fileName: 'summary.md',
  render(results: BenchResults): string {
    const table = buildSummaryTable(results);
    const { problems, headline } = listRunProblems(results);
    const lines: string[] = [];
    lines.push(`## crawlbench: ${escapeMarkdown(results.config.profile)} profile, ${escapeMarkdown(results.createdAt)}`, '');
    if (headline !== '') {
      lines.push(`> [!WARNING]`, `> **${escapeMarkdown(headline)}**`, '');
    }
    // Above the table: a reader comparing with the article must see which crawler is absent, and why.
    const skipped = listSkippedCrawlers(results);
    if (skipped.length > 0) {
      for (const crawler of skipped) lines.push(`- ${escapeMarkdown(describeSkipped(crawler))}`);
      lines.push('');
    }
    lines.push(`| ${table.columns.map((column) => escapeMarkdown(column.title)).join(' | ')} |`);
    lines.push(`|${table.columns.map((column) => (column.align === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`);
    for (const row of table.rows) lines.push(`| ${row.cells.map(escapeMarkdown).join(' | ')} |`);
    lines.push('');
    lines.push(
      'Wall time is the crawl itself (pool start-up excluded), median of the valid runs ± the relative margin of error of the mean at 95 % confidence. ' +
        '"vs bound" divides it by the fastest any crawler could be on this site (max of BFS levels × latency, the start page counted, and ⌈pages / workers⌉ × latency); ' +
        '"vs schedule" by the time a crawler that spends no CPU takes over the site\'s link graph with the same workers. ' +
        "Memory is the sum over the crawler's process tree; 1 MiB = 1,048,576 bytes.",
      '',
    );
    const processTimed = describeProcessTimed(listProcessTimed(results));
    if (processTimed !== '') lines.push(escapeMarkdown(processTimed), '');
    const services = describeServices(results);
    for (const service of services) lines.push(`- ${escapeMarkdown(service)}`);
    if (services.length > 0) lines.push('');
    if (problems.length > 0) {
      lines.push('### Excluded runs', '');
      for (const problem of problems) lines.push(`- ${escapeMarkdown(describeProblem(problem))}`);
      lines.push('');
    }
    lines.push('<details><summary>Environment and configuration</summary>', '');
    lines.push(...definitionList([...describeEnvironment(results), ...describeConfig(results)]));
    lines.push('', '</details>', '');
    return lines.join('\n');
  },
};

function definitionList(items: LabelledValue[]): string[] {
  return items.map((item) => `- **${escapeMarkdown(item.label)}**: ${escapeMarkdown(item.value)}`);
}

/**
 * Text from a results file (impl names, failure reasons) is shown as text: HTML is entity-escaped
 * so GitHub renders `</script><img …>` literally, and Markdown punctuation is backslash-escaped so
 * it can neither format nor break a table cell. Newlines would end a table row, so they go too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&');
}
