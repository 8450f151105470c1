/**
 * `npm run report -- <results.json|dir> [--history FILE] [--out DIR]`: rebuilds report.html and
 * summary.md from a bench's results (and ab-summary.md from an A/B bench's). Exit 0 written, 2 bad input.
 */
import { statSync } from 'node:fs';
import { writeReport } from '../harness/export/write-report.js';
import { REPORT_USAGE, parseReportArgs } from '../cli/parse-report-args.js';
import { loadHistory } from '../harness/results/load-history.js';
import { loadResults } from '../harness/results/load-results.js';
import { runCli } from '../cli/run-cli.js';
import { checkOutputPath } from '../common/check-output-path.js';
import { writeAbSummary } from '../harness/export/ab-summary.js';

await runCli('report', async (argv) => {
  const args = parseReportArgs(argv, (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false);
  if (args.help) {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  checkOutputPath(args.outDir, '--out');
  const results = await loadResults(args.input);
  const history = args.historyFile === null ? [] : await loadHistory(args.historyFile);
  const written = await writeReport(args.outDir, results, history);
  process.stdout.write(`${written.html}\n${written.markdown}\n`);
  if (results.ab !== undefined) process.stdout.write(`${await writeAbSummary(args.outDir, results)}\n`);
  return 0;
});
