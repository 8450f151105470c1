/**
 * `npm run compare -- <baseline> <current>`: is the current bench slower or bigger than the
 * baseline, beyond noise? Exit 0 nothing regressed, 1 a regression, 2 bad input.
 */
import { assertComparedSomething, compareResults } from '../harness/compare/compare-results.js';
import { COMPARISON_FORMATS } from '../harness/compare/comparison-formats.js';
import { COMPARE_USAGE, parseCompareArgs } from '../cli/parse-compare-args.js';
import { loadResults } from '../harness/results/load-results.js';
import { runCli } from '../cli/run-cli.js';

await runCli('compare', async (argv) => {
  const args = parseCompareArgs(argv);
  if (args.help) {
    process.stdout.write(`${COMPARE_USAGE}\n`);
    return 0;
  }
  const [baseline, current] = await Promise.all([loadResults(args.baselinePath), loadResults(args.currentPath)]);
  const comparison = compareResults(baseline, current, args.options);
  assertComparedSomething(comparison);
  process.stdout.write(COMPARISON_FORMATS[args.format](comparison));
  return comparison.regressed ? 1 : 0;
});
