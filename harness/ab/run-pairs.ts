/**
 * One round of an A/B bench: for every configuration, the base and head builds run alternately
 * against the same fixture server, sampled by the same sampler, each run in a fresh process.
 *
 * Pairing is ABBA: pair 1 runs base then head, pair 2 head then base, and so on. Pair i is base
 * run i with head run i, measured back to back, so whatever the machine was doing at that moment
 * (a neighbour's build, a thermal limit) weighs on both halves of the pair and cancels in its
 * ratio. Alternating which side goes first cancels what ordering itself does (the second run of a
 * pair meets warmer file caches) and, over each block of two pairs, any drift that is linear in
 * time: the ratio of an AB pair is pushed up by the drift exactly as much as that of the BA pair
 * after it is pushed down. Randomized pairs would cancel both only on average, so a short bench
 * could be unlucky; ABBA cancels them by construction (as in crossover designs, where the
 * balanced AB/BA sequence is standard: Jones & Kenward, "Design and Analysis of Cross-Over Trials").
 *
 * A plain loop rather than tinybench: tinybench repeats one task, and a pair is two.
 */
import type { AbRoundPurpose, AbRunRef, Side } from '../results/ab-section.js';
import type { AbRound, BenchConfig, ConfigResult, RunResult } from '../results/results.js';
import type { PlannedConfig } from '../bench/bench-options.js';
import { configResultOf, crawlOptionsOf, toRunResult, type BenchDeps, type BenchEvents, type BenchTarget } from '../bench/run-bench.js';
import { measureRun } from '../measure/measure-run.js';

/** Where a side's crawl entry is; the head's own compiled entry when both are absent. */
export interface SideBuild {
  entryPath?: string;
  /** The checkout the entry belongs to (readable under Deno). */
  entryRoot?: string;
}

export interface RoundPlan {
  purpose: AbRoundPurpose;
  configs: readonly PlannedConfig[];
  builds: Readonly<Record<Side, SideBuild>>;
}

/** The order of the two runs of pair (or warm-up) i, 1-based: ABBA. */
export function pairOrder(i: number): [Side, Side] {
  return i % 2 === 1 ? ['base', 'head'] : ['head', 'base'];
}

/**
 * Runs a round and returns it, or null when interrupted. `onConfig` gets each configuration's two
 * sides as soon as they are measured (the gate round stores them as the plain bench does).
 */
export async function runRound(
  plan: RoundPlan,
  config: BenchConfig,
  target: BenchTarget,
  deps: BenchDeps,
  events: BenchEvents = {},
  signal?: AbortSignal,
  onConfig?: (sides: [ConfigResult, ConfigResult]) => Promise<void>,
): Promise<AbRound | null> {
  const order: AbRunRef[] = [];
  const configs: ConfigResult[] = [];
  const measure = deps.measure ?? measureRun;
  for (const planned of plan.configs) {
    const prepared = planned.runtime === null ? undefined : target.runtimes.get(planned.runtime);
    if (planned.runtime !== null && prepared === undefined) throw new Error(`runtime ${planned.runtime} was not prepared`);
    const options = crawlOptionsOf(config, target, planned.workers);
    const runs: Record<Side, RunResult[]> = { base: [], head: [] };
    const schedule = [
      ...Array.from({ length: config.warmup }, (_, i) => pairOrder(i + 1).map((side) => ({ side, mode: 'warmup' as const, index: i + 1 }))),
      ...Array.from({ length: config.runs }, (_, i) => pairOrder(i + 1).map((side) => ({ side, mode: 'run' as const, index: i + 1 }))),
    ].flat();
    for (const { side, mode, index } of schedule) {
      const event = { ...planned, side, mode, index };
      events.onRunStart?.(event);
      const build = plan.builds[side];
      const measured = await measure({
        request: { impl: planned.impl, options },
        ...(prepared ? { runtime: prepared.runtime } : {}),
        ...(build.entryPath === undefined ? {} : { entryPath: build.entryPath }),
        ...(build.entryRoot === undefined ? {} : { entryRoot: build.entryRoot }),
        sampler: deps.sampler,
        sampleIntervalMs: config.sampleIntervalMs,
        timeoutMs: config.runTimeoutMs,
        ...(signal ? { signal } : {}),
      });
      if (signal?.aborted) return null;
      const run = toRunResult(index, measured, target);
      if (mode === 'run') runs[side].push(run);
      order.push({ impl: planned.impl, workers: planned.workers, runtime: planned.runtime, side, mode, index });
      events.onRunEnd?.({ ...event, run });
    }
    const context = { origin: 'js' as const, info: prepared?.info ?? null, config, bfsDepth: target.bfsDepth };
    const sides: [ConfigResult, ConfigResult] = [
      { ...configResultOf(planned, runs.base, context), side: 'base' },
      { ...configResultOf(planned, runs.head, context), side: 'head' },
    ];
    configs.push(...sides);
    await onConfig?.(sides);
  }
  return { purpose: plan.purpose, order, configs };
}

/**
 * One crawl by the head whose result is thrown away, before the first round. The fixture answers
 * its 503-once page with a 503 only to the first request it ever gets for it, and renders each
 * page into its cache on first use, so the first crawl of a fixture's life makes one request more
 * than every later one: left in a round, that run's side would differ from the other side's in
 * `requests` and read as a change of behaviour.
 */
export async function primeFixture(planned: PlannedConfig, config: BenchConfig, target: BenchTarget, deps: BenchDeps, signal?: AbortSignal): Promise<void> {
  const prepared = planned.runtime === null ? undefined : target.runtimes.get(planned.runtime);
  await (deps.measure ?? measureRun)({
    request: { impl: planned.impl, options: crawlOptionsOf(config, target, planned.workers) },
    ...(prepared ? { runtime: prepared.runtime } : {}),
    sampler: deps.sampler,
    sampleIntervalMs: config.sampleIntervalMs,
    timeoutMs: config.runTimeoutMs,
    ...(signal ? { signal } : {}),
  });
}
