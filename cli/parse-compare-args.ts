/**
 * Turns `npm run compare` arguments into paths, CompareOptions and a format, validating every
 * flag once so a typo fails before any file is read.
 */
import { parseNumber } from '../common/check-number.js';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../common/errors.js';
import type { MetricName } from '../harness/results/results.js';
import { COMPARISON_FORMATS, type ComparisonFormatName } from '../harness/compare/comparison-formats.js';
import { COMPARE_LIMITS, resolveCompareOptions, type CompareOptions, type PerMetric } from '../harness/compare/compare-options.js';
import { COMPARE_METRICS, resolveMetricName } from '../harness/compare/compare-metrics.js';

export const COMPARE_USAGE = `usage: npm run compare -- <baseline> <current> [flags]

Compares two bench results (results.json files or report directories) metric by metric.
A change is a regression only when the two-sided Mann-Whitney U test on the runs gives
p < alpha AND the medians moved more than the threshold the wrong way.

flags:
  --threshold T    smallest change that counts, e.g. 10% (all metrics) or wall=10%,rss=5%
                   (unnamed = all others)                                  [default 10%]
  --alpha A        significance level, e.g. 0.05 or wall=0.05,rss=0.01    [default 0.05]
  --metric LIST    wall, cpu, rss, pss, startup, process, throughput       [default wall,cpu,rss]
  --format F       text (aligned table), md (GitHub Markdown), json        [default text]
  --resamples N    bootstrap resamples for the confidence interval         [default 5000]
  --seed N         bootstrap seed (same seed, same output)                 [default 1]
  --help           this text

exit status: 0 nothing regressed, 1 a regression, 2 bad input or results not comparable`;

export interface CompareArgs {
  help: boolean;
  baselinePath: string;
  currentPath: string;
  format: ComparisonFormatName;
  options: CompareOptions;
}

export function parseCompareArgs(argv: readonly string[]): CompareArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      threshold: { type: 'string' },
      alpha: { type: 'string' },
      metric: { type: 'string' },
      format: { type: 'string', default: 'text' },
      resamples: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true, baselinePath: '', currentPath: '', format: 'text', options: {} };
  const [baselinePath, currentPath, ...extra] = positionals;
  if (baselinePath === undefined || currentPath === undefined || extra.length > 0) {
    throw new InvalidArgumentError(`expected two results files, <baseline> <current>, got ${positionals.length} (see --help)`);
  }
  const format = values.format;
  if (!isFormatName(format)) throw new InvalidArgumentError(`unknown --format "${format}"; use text, md or json`);

  const options: CompareOptions = {};
  if (values.metric !== undefined) options.metrics = splitList(values.metric, '--metric').map(resolveMetricName);
  if (values.threshold !== undefined) options.thresholdPct = parsePerMetric(values.threshold, '--threshold', parsePercent);
  if (values.alpha !== undefined) options.alpha = parsePerMetric(values.alpha, '--alpha', parseAlpha);
  if (values.resamples !== undefined) options.resamples = parseNumber('--resamples', values.resamples, COMPARE_LIMITS.resamples);
  if (values.seed !== undefined) options.seed = parseNumber('--seed', values.seed, COMPARE_LIMITS.seed);
  // Validated here, once, so a bad value is reported before the files are read.
  resolveCompareOptions(options);
  return { help: false, baselinePath, currentPath, format, options };
}

function isFormatName(name: string): name is ComparisonFormatName {
  return Object.hasOwn(COMPARISON_FORMATS, name);
}

function splitList(text: string, flag: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new InvalidArgumentError(`${flag} has an empty entry in "${text}"`);
  return items;
}

/** `10%`, or `wall=10%,rss=5%`, or `5%,rss=10%` (the unnamed value applies to every other metric). */
function parsePerMetric(text: string, flag: string, parse: (value: string, flag: string) => number): PerMetric<number> {
  let fallback: number | undefined;
  const named: Partial<Record<MetricName, number>> = {};
  for (const item of splitList(text, flag)) {
    const equals = item.indexOf('=');
    if (equals === -1) {
      if (fallback !== undefined) throw new InvalidArgumentError(`${flag} has two values for all metrics in "${text}"`);
      fallback = parse(item, flag);
    } else {
      named[resolveMetricName(item.slice(0, equals))] = parse(item.slice(equals + 1), flag);
    }
  }
  if (Object.keys(named).length === 0 && fallback !== undefined) return fallback;
  if (fallback === undefined) return named;
  const full: Partial<Record<MetricName, number>> = {};
  for (const metric of Object.keys(COMPARE_METRICS) as MetricName[]) {
    full[metric] = named[metric] ?? fallback;
  }
  return full;
}

/** Plain decimal notation only (see common/check-number.ts), with an optional `%`. */
const DECIMAL_PERCENT = /^(?:\d+(?:\.\d*)?|\.\d+)%?$/;

function parsePercent(text: string, flag: string): number {
  if (!DECIMAL_PERCENT.test(text)) throw new InvalidArgumentError(`${flag} wants a percentage ≥ 0 like 10%, got "${text}"`);
  return Number(text.replace(/%$/, ''));
}

function parseAlpha(text: string, flag: string): number {
  const value = DECIMAL_PERCENT.test(text) ? (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)) : Number.NaN;
  if (!(value > 0 && value < 1)) {
    throw new InvalidArgumentError(`${flag} wants a probability between 0 and 1 like 0.05, got "${text}"`);
  }
  return value;
}
