/**
 * The comparison as GitHub-flavoured Markdown, for a PR comment or `$GITHUB_STEP_SUMMARY`.
 */
import { escapeMarkdown } from '../export/markdown.js';
import type { Comparison, Verdict } from './compare-results.js';
import { describeBench, describeConfigChange, describeCriteria, describeSummary, formatChangePct, formatInterval, formatMetricName, formatMetricValue, formatPValue } from './format-values.js';

export function formatComparisonMarkdown(comparison: Comparison): string {
  const level = Math.round(comparison.options.confidenceLevel * 100);
  const title = comparison.regressed ? '❌ Performance regression' : '✅ No performance regression';
  const lines = [`### ${title}`, '', `**${describeSummary(comparison)}** — baseline ${code(describeBench(comparison.baseline))}, current ${code(describeBench(comparison.current))}`, ''];
  for (const change of comparison.configChanges) {
    lines.push(`- ${change.change === 'failed' ? '🔴 **' : ''}${escapeMarkdown(describeConfigChange(change))}${change.change === 'failed' ? '**' : ''}`);
  }
  if (comparison.configChanges.length > 0) lines.push('');
  if (comparison.rows.length > 0) {
    lines.push(`| impl | workers | metric | baseline | current | change | ${level} % CI | p | verdict |`, '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const row of comparison.rows) {
      lines.push(
        `| ${[
          escapeMarkdown(row.impl),
          String(row.workers),
          formatMetricName(row.metric),
          formatMetricValue(row.metric, row.baseline.median),
          formatMetricValue(row.metric, row.current.median),
          formatChangePct(row.changePct),
          formatInterval(row.ciPct),
          escapeMarkdown(formatPValue(row.pValue)),
          verdictCell(row.verdict),
        ].join(' | ')} |`,
      );
    }
    lines.push('');
  }
  lines.push(`<sub>${escapeMarkdown(describeCriteria(comparison))}.</sub>`);
  if (comparison.notes.length > 0) {
    lines.push('', ...comparison.notes.map((note) => `- ⚠️ ${escapeMarkdown(note)}`));
  }
  return `${lines.join('\n')}\n`;
}

function verdictCell(verdict: Verdict): string {
  if (verdict === 'regression') return '🔴 **regression**';
  if (verdict === 'improvement') return '🟢 improvement';
  return 'no change';
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}
