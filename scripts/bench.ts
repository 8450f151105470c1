/**
 * `npm run bench`: the main job. Parses flags, runs the bench session with progress on stderr,
 * prints the summary table on stdout, and exits 0 (all valid), 1 (invalid or failed runs, or a
 * regression against --baseline), 2 (bad input) or 130 (interrupted; resume with --resume).
 */
import { BENCH_USAGE, parseBenchArgs } from '../cli/parse-bench-args.js';
import { runBenchSession } from '../harness/bench/bench-session.js';
import { createBenchProgress } from '../cli/bench-progress.js';
import { consoleWriter } from '../harness/export/console.js';
import { assertComparedSomething } from '../harness/compare/compare-results.js';
import { formatComparisonText } from '../harness/compare/format-text.js';
import { crawlerSet } from '../crawlers/crawler-set.js';
import { runCli } from '../cli/run-cli.js';
import { runAbSession } from '../harness/ab/ab-session.js';
import { abHooks, reportAbOutcome } from '../cli/ab-bench-output.js';

await runCli('bench', async (argv) => {
  const { help, options } = parseBenchArgs(argv, (user) => crawlerSet(user).names, crawlerSet().js);
  if (help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const progress = createBenchProgress();
  if (options.ab !== undefined) {
    let ab: Awaited<ReturnType<typeof runAbSession>>;
    try {
      ab = await runAbSession({ ...options, ab: options.ab }, abHooks(progress), controller.signal);
    } finally {
      progress.stop();
    }
    return reportAbOutcome(ab);
  }
  let outcome: Awaited<ReturnType<typeof runBenchSession>>;
  try {
    outcome = await runBenchSession(options, progress, controller.signal);
  } finally {
    progress.stop();
  }
  if (!outcome.complete) {
    process.stderr.write(`bench: interrupted; ${outcome.results.configs.length} finished configurations are saved in ${outcome.dir}; finish with: npm run bench -- --resume ${outcome.dir}\n`);
    return 130;
  }
  if (outcome.alreadyComplete === true) {
    process.stderr.write(`bench: ${outcome.dir} is already complete; nothing was run or changed (its report: ${outcome.dir}/report.html)\n`);
    return outcome.allValid ? 0 : 1;
  }
  process.stdout.write(`${consoleWriter.render(outcome.results)}\n`);
  process.stdout.write(`\nresults: ${outcome.dir}/results.json\nreport:  ${outcome.reportPaths?.html ?? ''}\nsummary: ${outcome.reportPaths?.markdown ?? ''}\nlatest:  ${outcome.latestDir ?? ''}\n`);
  if (outcome.comparison) {
    process.stdout.write(`\n${formatComparisonText(outcome.comparison)}`);
    assertComparedSomething(outcome.comparison);
  }
  if (!outcome.allValid) {
    process.stderr.write('bench: some runs were invalid or failed (see the banner in the report); exit 1\n');
    return 1;
  }
  return outcome.comparison?.regressed ? 1 : 0;
});
