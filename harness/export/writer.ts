/**
 * The one interface every report format implements (hyperfine's `src/export/` shape: one file per
 * format, each a pure function from results to text, so each gets a golden test).
 */
import type { BenchResults, HistoryEntry } from '../results/results.js';

/** Context a format may use beyond the results themselves. */
export interface ReportExtras {
  /** Earlier benches from `reports/history.jsonl`, oldest first; formats that draw trends use it. */
  history?: HistoryEntry[];
}

export interface ResultsWriter {
  /** The file this format is written to inside a report directory, e.g. `summary.md`. */
  fileName: string;
  /** The whole file's text. Pure: same results in, same text out. */
  render(results: BenchResults, extras?: ReportExtras): string;
}
