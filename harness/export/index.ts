/**
 * What the bench and the scripts import to write reports, listed by name. The screenshot helper
 * (screenshot-report.ts) is left out on purpose: it loads playwright-core, a dev dependency.
 */
export { consoleWriter } from './console.js';
export { htmlWriter } from './html.js';
export { markdownWriter } from './markdown.js';
export { listRunProblems, describeProblem, type RunProblem, type ProblemSummary } from './run-problems.js';
export { buildSummaryTable, type SummaryTable, type SummaryRow, type SummaryColumn } from './summary-table.js';
export { writeReport, type WrittenReport } from './write-report.js';
export type { ResultsWriter, ReportExtras } from './writer.js';
export { loadResults, RESULTS_FILE_NAME } from '../load-results.js';
export { loadHistory } from '../load-history.js';
