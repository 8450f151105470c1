/**
 * The ids of the report's elements, shared by the page's markup (html.ts, Node) and the page's
 * script (page/, compiled for the browser by tsconfig.page.json), so a renamed id is a compile
 * error on both sides rather than a chart that silently never draws.
 *
 * Constants only: this module is compiled into both programs and inlined into report.html, so it
 * must import nothing and touch no API of either side.
 */
export const REPORT_IDS = {
  title: 'title',
  subtitle: 'subtitle',
  implLegend: 'impl-legend',
  banner: 'banner',
  /** The A/B gate's verdict (bench --against): hidden in any other report. */
  ab: 'ab',
  abHeadline: 'ab-headline',
  abSides: 'ab-sides',
  abBehaviour: 'ab-behaviour',
  abTable: 'ab-table',
  abCriteria: 'ab-criteria',
  abNotes: 'ab-notes',
  summary: 'summary',
  /** The summary table's footnote on crawl times measured as process wall. */
  summaryNote: 'summary-note',
  wallPanels: 'wall-panels',
  startupPanels: 'startup-panels',
  startupNote: 'startup-note',
  /** The skipped crawlers, one line each, under the race charts. */
  raceSkipped: 'race-skipped',
  chartRss: 'chart-rss',
  chartPss: 'chart-pss',
  timelineWorkers: 'timeline-workers',
  chartTimeline: 'chart-timeline',
  timelineNote: 'timeline-note',
  chartScaling: 'chart-scaling',
  chartCpu: 'chart-cpu',
  trend: 'trend',
  chartTrendWall: 'chart-trend-wall',
  chartTrendCpu: 'chart-trend-cpu',
  chartTrendRss: 'chart-trend-rss',
  notable: 'notable',
  notablePages: 'notable-pages',
  environment: 'environment',
  config: 'config',
  /** `<script type="application/json">` holding the complete results.json. */
  results: 'results',
  /** `<script type="application/json">` holding the ReportModel the page draws. */
  reportModel: 'report-model',
} as const;
