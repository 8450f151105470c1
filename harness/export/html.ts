/**
 * `report.html`: one self-contained file that works from file:// with no network at all. Chart.js
 * is inlined from the installed package; the results and the derived report model are embedded as
 * JSON and drawn by the inline page script (page/, typed and compiled by tsconfig.page.json, linked
 * by report-page-script.ts). Element ids come from report-ids.ts, which the page script imports too.
 *
 * A Content-Security-Policy pins the two inline scripts by hash and allows no fetch of any kind:
 * even if some text in a results file escaped its JSON block, the browser would refuse to run it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BenchResults } from '../results/results.js';
import { REPORT_PAGE_CSS } from './report-page-css.js';
import { buildReportModel } from './report-model.js';
import { REPORT_IDS as ID } from './report-ids.js';
import { readReportPageScript } from './report-page-script.js';
import type { ReportExtras, ResultsWriter } from './writer.js';

export const htmlWriter: ResultsWriter = {
  fileName: 'report.html',
  render(results: BenchResults, extras: ReportExtras = {}): string {
    const model = buildReportModel(results, extras.history ?? []);
    const scripts = [inlineScript(readChartJs()), inlineScript(readReportPageScript())];
    const csp = [
      "default-src 'none'",
      `script-src ${scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`).join(' ')}`,
      "style-src 'unsafe-inline'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>crawlbench report</title>
<style>${REPORT_PAGE_CSS}</style>
</head>
<body>
<header>
<h1 id="${ID.title}">crawlbench report</h1>
<p id="${ID.subtitle}"></p>
<p id="${ID.implLegend}" class="legend" aria-label="Implementation colours"></p>
</header>
<noscript><p class="banner">This report draws its tables and charts with JavaScript. Enable it, or read summary.md next to this file.</p></noscript>
<section id="${ID.banner}" class="banner" role="alert" hidden></section>
<main>
<section id="${ID.ab}" hidden>
<h2 id="${ID.abHeadline}">A/B gate</h2>
<p id="${ID.abSides}" class="caption"></p>
<ul id="${ID.abBehaviour}" class="banner" hidden></ul>
<div class="table-wrap"><table id="${ID.abTable}"><thead></thead><tbody></tbody></table></div>
<p id="${ID.abCriteria}" class="caption"></p>
<ul id="${ID.abNotes}" class="skipped"></ul>
<p class="caption">Base and head ran alternately, pair by pair; every chart below shows both, the base paler beside the head.</p>
</section>
<section>
<h2>Summary</h2>
<div class="table-wrap"><table id="${ID.summary}"><thead></thead><tbody></tbody></table></div>
<p id="${ID.summaryNote}" class="caption" hidden></p>
<p class="caption">One row per configuration. Figures are medians over valid runs, ± the relative margin of error of the mean at 95 % confidence. Wall time is the crawl itself (pool start-up excluded); process wall is spawn to exit. "vs bound" divides the median wall time by the lower bound: max(BFS levels × latency, ⌈pages ÷ workers⌉ × latency), where the levels count the start page. Memory sums every process of the crawler's tree; 1 MiB = 1,048,576 bytes.</p>
</section>
<section>
<h2>Crawl wall time</h2>
<p class="caption">Bar: median over valid runs. Whiskers: fastest to slowest valid run (min–max). Dashed line: the lower bound no crawler can beat at that worker count, max(levels, ⌈pages / W⌉) × latency. Dotted line: the schedule bound, the time a crawler that spends no CPU takes over the site's link graph with W slots. Each panel has its own scale.</p>
<div id="${ID.wallPanels}" class="panels"></div>
</section>
<section>
<h2>Start-up and crawl time</h2>
<p class="caption">One bar per crawler: the median crawl time (coloured) and, stacked on it, the median of each run's process wall time minus its crawl time (grey): process start-up and exit, which a whole-process timing such as the article's counts as crawl time. A crawler marked † reports no timer of its own, so its crawl time is its process wall and its start-up is inside the coloured bar. Each panel has its own scale.</p>
<div id="${ID.startupPanels}" class="panels wide"></div>
<p id="${ID.startupNote}" class="caption"></p>
<ul id="${ID.raceSkipped}" class="skipped" hidden></ul>
</section>
<div class="grid">
<section class="chart">
<h2>Peak memory: tree RSS</h2>
<div class="box"><canvas id="${ID.chartRss}" role="img" aria-label="Peak tree RSS by implementation and worker count"></canvas></div>
<p class="caption">Bar: median of each run's peak RSS summed over its process tree. Whiskers: min–max over valid runs.</p>
</section>
<section class="chart">
<h2>Peak memory: tree PSS</h2>
<div class="box"><canvas id="${ID.chartPss}" role="img" aria-label="Peak tree PSS by implementation and worker count"></canvas></div>
<p class="caption">PSS counts a page shared by n processes as 1/n in each, so it does not double-count shared code the way summed RSS does. Whiskers: min–max.</p>
</section>
<section class="chart">
<h2>Memory during one crawl</h2>
<label class="control">Worker count <select id="${ID.timelineWorkers}"></select></label>
<div class="box"><canvas id="${ID.chartTimeline}" role="img" aria-label="Tree memory over time during the median run"></canvas></div>
<p id="${ID.timelineNote}" class="caption"></p>
</section>
<section class="chart">
<h2>Throughput scaling</h2>
<div class="box"><canvas id="${ID.chartScaling}" role="img" aria-label="Pages per second against worker count"></canvas></div>
<p class="caption">Median pages per second at each worker count. Dashed: the throughput the lower bound allows.</p>
</section>
<section class="chart">
<h2>CPU time</h2>
<div class="box"><canvas id="${ID.chartCpu}" role="img" aria-label="User and system CPU time by implementation and worker count"></canvas></div>
<p class="caption">Median user (solid) and system (light) CPU time of the whole process tree, stacked per implementation. Whiskers: min–max of user time.</p>
</section>
</div>
<section id="${ID.trend}" hidden>
<h2>Trend across benches</h2>
<p class="caption">Medians from reports/history.jsonl, one point per bench (oldest left); wall time on a log scale. Line style marks the worker count.</p>
<div class="grid">
<div class="box tall"><canvas id="${ID.chartTrendWall}" role="img" aria-label="Median wall time across benches"></canvas></div>
<div class="box tall"><canvas id="${ID.chartTrendCpu}" role="img" aria-label="Median CPU time across benches"></canvas></div>
<div class="box tall"><canvas id="${ID.chartTrendRss}" role="img" aria-label="Median peak RSS across benches"></canvas></div>
</div>
</section>
<div class="grid">
<section id="${ID.notable}" hidden>
<h2>Edge cases checked in every run</h2>
<p class="caption">Pages of the fixture that are not a plain 200 page: redirects, error statuses, faults, and escaped URLs. Every valid run recorded each of them with exactly this status.</p>
<div class="table-wrap"><table id="${ID.notablePages}" class="paths"><thead><tr><th scope="col">Path</th><th scope="col">Status</th><th scope="col">Error</th></tr></thead><tbody></tbody></table></div>
</section>
<section><h2>Environment</h2><dl id="${ID.environment}"></dl></section>
<section><h2>Configuration</h2><dl id="${ID.config}"></dl></section>
</div>
</main>
<footer>Generated by crawlbench (npm run report). The complete results.json is embedded in this file as script#results.</footer>
<script type="application/json" id="${ID.results}">${embedJson(results)}</script>
<script type="application/json" id="${ID.reportModel}">${embedJson(model)}</script>
<script>${scripts[0]}</script>
<script>${scripts[1]}</script>
</body>
</html>
`;
  },
};

/**
 * JSON safe inside a `<script>` element: `<` becomes `\u003c` so no `</script>` or `<!--` in the
 * data can end or alter the element; U+2028/2029 are escaped because older JavaScript parsers
 * treat them as line ends. `JSON.parse(element.textContent)` returns the original value.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Script text that cannot end its `<script>` element early. `<\/` means the same as `</` inside
 * JavaScript strings, regular expressions and comments, the only places it can occur.
 */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Chart.js's UMD build (registers every chart type on a global `Chart`), read from the installed package. */
function readChartJs(): string {
  // The package's exports map does not list dist/chart.umd.min.js; resolve the main entry and look beside it.
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
}
