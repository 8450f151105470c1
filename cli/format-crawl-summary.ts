/**
 * The one-screen summary `npm run crawl` prints: pure formatting of a `CrawlResult`.
 */
import type { CrawlResult } from '../crawlers/contract.js';
import { formatMib, plural } from '../harness/export/format.js';

/**
 * @param peakRssBytes peak resident set size of the crawling process, in bytes
 * @param interrupted whether the crawl was stopped early (SIGINT)
 */
export function formatCrawlSummary(result: CrawlResult, peakRssBytes: number, interrupted = false): string {
  const { pages, stats } = result;
  const seconds = stats.durationMs / 1000;
  const pagesPerSecond = seconds > 0 ? pages.length / seconds : 0;
  const lines = [
    `crawl of ${result.startUrl} with ${result.impl}, ${plural(result.workers, 'worker')}${interrupted ? ' (interrupted: partial result)' : ''}`,
    row('pages', `${pages.length} (${stats.errors} with errors)`),
    row('statuses', tally(pages.map((page) => String(page.status))) || 'none'),
    row('errors', tally(pages.flatMap((page) => (page.error === undefined ? [] : [page.error]))) || 'none'),
    row('wall time', `${Math.round(stats.durationMs)} ms (${pagesPerSecond.toFixed(1)} pages/s)`),
    row('requests', `${stats.requests} (${Math.max(0, stats.requests - pages.length)} more than pages: retries)`),
    row('bytes', `${formatMib(stats.bytes)} decoded`),
    // Command crawlers do not report it (0): say nothing rather than a wrong "max 0".
    ...(stats.maxInFlight > 0 ? [row('in flight', `max ${stats.maxInFlight} of ${result.workers}`)] : []),
  ];
  if (stats.skippedLongUrls > 0) lines.push(row('long URLs', `${stats.skippedLongUrls} links longer than --max-url-length not followed`));
  if (stats.refusedByMaxPages > 0) lines.push(row('capped', `--max-pages reached: ${stats.refusedByMaxPages} links to further URLs were not followed`));
  if (stats.startupMs > 0 || stats.restarts > 0) lines.push(row('pool', `startup ${Math.round(stats.startupMs)} ms, ${stats.restarts} restarts`));
  // The distributed model's reclaims: what a lost worker or host cost, never hidden.
  if (stats.refetches !== undefined) {
    const hosts = plural(result.hosts ?? 1, 'host');
    lines.push(row('reclaims', `${hosts}, ${stats.refetches} re-fetched (${Math.round(stats.reclaimWaitMs ?? 0)} ms waited), ${stats.refusedCompletions ?? 0} late answers refused`));
  }
  lines.push(row('peak RSS', `${formatMib(peakRssBytes)} (the crawl process only; worker processes not counted)`));
  return `${lines.join('\n')}\n`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(10)} ${value}`;
}

/** `200 ×120, 404 ×1`, most frequent first, ties in natural order. */
function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'en', { numeric: true }))
    .map(([value, count]) => `${value} ×${count}`)
    .join(', ');
}
