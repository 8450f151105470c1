/**
 * Turns `npm run bench` arguments into BenchOptions, validating every flag once so a typo fails
 * before the fixture or any crawl is started.
 */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../common/errors.js';
import { PROFILES, resolveBenchOptions, type BenchInput, type BenchOptions } from '../harness/bench/bench-options.js';
import { numberFlag, onOffFlag, userCrawlersOf } from './flag-values.js';
import type { ProfileName } from '../harness/results/results.js';
import { runtimeNames } from '../crawlers/runtime/runtime-catalog.js';
import { runsByDefault } from '../crawlers/registry.js';
import { CRAWL_DEFAULTS } from '../crawlers/crawl-options.js';
import { AB_DEFAULTS } from '../harness/ab/ab-options.js';

export const BENCH_USAGE = `usage: npm run bench -- [flags]

Races every crawler implementation against the local fixture site at each worker count, in fresh
processes, and writes results.json, report.html and summary.md to reports/<timestamp>/ (and
reports/latest/). Every run is checked against the fixture's ground truth.

flags:
  --impl LIST          implementations, comma-separated: the Node models, the native
                       crawlers (go, rust, elixir, ...; built on first use, skipped when
                       their toolchain is missing) and your --crawler names
                       [default: all but distributed, which runs when named]
  --runtime LIST       runtimes of the Node models, comma-separated: node (the one
                       running the bench), node22, node24, node26, bun, deno; all but
                       node need \`npm run runtimes\` first               [default node]
  --workers LIST       worker counts, comma-separated, e.g. 1,10,50   [profile; seed: 10,50]
  --crawler NAME=CMD   race your own crawler: CMD is a command template with {url},
                       {workers}, {timeoutMs}, {retries}, {maxPages}, {maxBodyBytes}, {ca},
                       {out} (see README, "The crawler protocol"); repeatable
  --crawler-config F   crawlers from a JSON file {"version":1,"crawlers":{"NAME":"CMD"}}
  --runs N             measured runs per configuration          [profile; seed: 5]
  --warmup N           unmeasured warm-up runs per configuration [profile; seed: 1]
  --profile NAME       seed (the article's race: 127 pages, 50 ms, W 10/50), quick
                       (127 pages, 5 ms, W 1/10, for CI), large (20 000 pages, 0 ms,
                       W 1/10/50), race (the same as seed)       [default seed]
  --pages N            fixture size (visited URLs)              [profile]
  --latency MS         fixture time to first byte               [profile]
  --jitter MS          ± random extra latency                   [default 0]
  --connect-latency MS extra delay on each new connection       [default 0]
  --tls                serve and crawl over HTTPS
  --keep-alive on|off  connection reuse, server and crawler     [default on]
  --hosts N            distributed: spread its workers over N hosts (groups of worker
                       processes here), at most W                 [default ${CRAWL_DEFAULTS.hosts}]
  --seed N             fixture seed                             [default 1]
  --sample-ms MS       process-tree sampling interval           [default 25]
  --timeout S          kill a run after S seconds               [profile; seed: 120]
  --out DIR            write results here                       [default reports/<timestamp>]
  --resume DIR         finish an interrupted bench in DIR (its recorded config is used)
  --baseline FILE      compare with a results.json (or report dir) at the end; exit like compare
  --against REF        A/B gate: check REF out in a temporary worktree, build it, and run
                       it and this checkout alternately (ABBA pairs) for every configuration,
                       JS models only; --runs is then pairs per configuration [default ${AB_DEFAULTS.pairs}];
                       writes ab-summary.md beside the report (README "The interleaved gate")
  --calibrate          with --against: an A/A round first (this checkout against itself);
                       each metric's threshold widens to the noise band it measured
  --accept-behaviour-change
                       with --against: report changed pages, requests, bytes or validity
                       without failing
  --confirm on|off     with --against: re-run flagged configurations before failing [on]
  --help               this text

exit status: 0 every run valid (and no regression), 1 an invalid or failed run or a regression
(with --against: a confirmed regression, a behaviour change, or invalid head runs), 2 bad flags
or files (or a base that does not build), 130 interrupted (finished configurations are kept; use --resume)`;

/** Flags whose values a bench records in its config, so `--resume` cannot take them. */
const RECORDED_FLAGS = [
  'impl',
  'runtime',
  'workers',
  'runs',
  'warmup',
  'profile',
  'pages',
  'latency',
  'jitter',
  'connect-latency',
  'tls',
  'keep-alive',
  'hosts',
  'seed',
  'sample-ms',
  'timeout',
  'crawler',
  'crawler-config',
] as const;

export interface BenchArgs {
  help: boolean;
  options: BenchOptions;
}

/**
 * @param knownImpls every crawler name, given the user's command crawlers (name → command)
 * @param jsImpls the JS models: what `--against` runs without `--impl`
 */
export function parseBenchArgs(argv: readonly string[], knownImpls: (userCrawlers: Record<string, string>) => string[], jsImpls: readonly string[] = []): BenchArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      impl: { type: 'string' },
      runtime: { type: 'string' },
      workers: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      profile: { type: 'string' },
      pages: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'connect-latency': { type: 'string' },
      tls: { type: 'boolean' },
      'keep-alive': { type: 'string' },
      hosts: { type: 'string' },
      seed: { type: 'string' },
      'sample-ms': { type: 'string' },
      timeout: { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'string' },
      baseline: { type: 'string' },
      crawler: { type: 'string', multiple: true },
      'crawler-config': { type: 'string' },
      against: { type: 'string' },
      calibrate: { type: 'boolean' },
      'accept-behaviour-change': { type: 'boolean' },
      confirm: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  // Help wins over every other flag, so `--help --profile huge` prints help instead of an error.
  if (values.help === true) return { help: true, options: resolveBenchOptions({}, knownImpls({})) };
  if (positionals.length > 0) throw new InvalidArgumentError(`unexpected argument "${positionals[0]}" (bench takes only flags; see --help)`);
  const input: BenchInput = {};
  const userCrawlers = userCrawlersOf(values.crawler ?? [], values['crawler-config']);
  if (Object.keys(userCrawlers).length > 0) input.crawlers = userCrawlers;
  if (values.profile !== undefined) {
    if (!Object.hasOwn(PROFILES, values.profile)) throw new InvalidArgumentError(`unknown --profile "${values.profile}"; choose one of: ${Object.keys(PROFILES).join(', ')}`);
    input.profile = values.profile as ProfileName;
  }
  if (values.impl !== undefined) input.impls = list('--impl', values.impl);
  if (values.runtime !== undefined) input.runtimes = list('--runtime', values.runtime).map(checkRuntimeName);
  if (values.workers !== undefined) input.workers = list('--workers', values.workers).map((w) => numberFlag('--workers', w) ?? Number.NaN);
  input.runs = numberFlag('--runs', values.runs);
  input.warmup = numberFlag('--warmup', values.warmup);
  input.pages = numberFlag('--pages', values.pages);
  input.latencyMs = numberFlag('--latency', values.latency);
  input.jitterMs = numberFlag('--jitter', values.jitter);
  input.connectLatencyMs = numberFlag('--connect-latency', values['connect-latency']);
  if (values.tls !== undefined) input.tls = values.tls;
  input.keepAlive = onOffFlag('--keep-alive', values['keep-alive']);
  input.hosts = numberFlag('--hosts', values.hosts);
  input.seed = numberFlag('--seed', values.seed);
  input.sampleIntervalMs = numberFlag('--sample-ms', values['sample-ms']);
  input.runTimeoutS = numberFlag('--timeout', values.timeout);
  if (values.out !== undefined) input.outDir = values.out;
  if (values.resume !== undefined) input.resumeDir = values.resume;
  if (values.baseline !== undefined) input.baselinePath = values.baseline;
  if (input.resumeDir !== undefined && input.outDir !== undefined) throw new InvalidArgumentError('--resume writes into the directory it resumes; drop --out');
  if (input.resumeDir !== undefined) {
    // A resumed bench runs with its recorded configuration; a flag that would change it is refused
    // rather than silently ignored.
    const conflicting = RECORDED_FLAGS.filter((flag) => values[flag] !== undefined).map((flag) => `--${flag}`);
    if (conflicting.length > 0) throw new InvalidArgumentError(`--resume runs the bench with its recorded configuration; drop ${conflicting.join(', ')}`);
  }
  if (input.resumeDir !== undefined && Object.keys(userCrawlers).length > 0) throw new InvalidArgumentError('--resume runs the crawlers recorded in the bench; drop --crawler and --crawler-config');
  const confirm = onOffFlag('--confirm', values.confirm);
  if (values.against !== undefined) {
    input.ab = { againstRef: values.against, calibrate: values.calibrate === true, acceptBehaviourChange: values['accept-behaviour-change'] === true, confirm: confirm ?? AB_DEFAULTS.confirm };
    input.impls ??= [...jsImpls];
  } else {
    const abOnly = (['calibrate', 'accept-behaviour-change', 'confirm'] as const).filter((flag) => values[flag] !== undefined).map((flag) => `--${flag}`);
    if (abOnly.length > 0) throw new InvalidArgumentError(`${abOnly.join(', ')} ${abOnly.length === 1 ? 'makes' : 'make'} sense only with --against REF (the interleaved A/B gate)`);
  }
  const known = knownImpls(userCrawlers);
  return { help: false, options: resolveBenchOptions(input, known, known.filter(runsByDefault)) };
}

function checkRuntimeName(name: string): string {
  const names = runtimeNames();
  if (!names.includes(name)) throw new InvalidArgumentError(`unknown runtime "${name}" in --runtime; choose one of: ${names.join(', ')}`);
  return name;
}

function list(flag: string, text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError(`${flag} needs a comma-separated list`);
  return items;
}
