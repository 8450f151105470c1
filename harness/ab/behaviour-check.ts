/**
 * The gate's first layer: the two builds must crawl the same way. On the deterministic fixture a
 * crawl's pages, requests and bytes are exact counts, the same in every run of the same code, so
 * any difference between the sides is a change of behaviour, never noise; so is a difference in
 * which runs were valid. It is reported as such, before any timing is looked at.
 */
import type { BehaviourChange, BehaviourCounter } from '../results/ab-section.js';
import { sameConfig } from '../results/config-identity.js';
import type { ConfigResult, RunResult } from '../results/results.js';

const COUNTERS: readonly Exclude<BehaviourCounter, 'validity'>[] = ['pages', 'requests', 'bytes'];

/** Every counter that differs between the base and head configuration of the same identity. */
export function behaviourChanges(configs: readonly ConfigResult[]): BehaviourChange[] {
  const changes: BehaviourChange[] = [];
  for (const base of configs.filter((config) => config.side === 'base')) {
    const head = configs.find((config) => config.side === 'head' && sameConfig({ ...config, side: 'base' }, base));
    if (head === undefined) continue;
    const id = { impl: base.impl, workers: base.workers, runtime: base.runtime };
    const validity = [describeValidity(base.runs), describeValidity(head.runs)] as const;
    if (validity[0] !== validity[1]) changes.push({ ...id, counter: 'validity', base: validity[0], head: validity[1] });
    for (const counter of COUNTERS) {
      // The values taken, not how often: one failed run is a validity change, not a count change too.
      const [before, after] = [counterValues(base.runs, counter), counterValues(head.runs, counter)];
      if ([...before.keys()].join() !== [...after.keys()].join()) changes.push({ ...id, counter, base: describeCounter(before), head: describeCounter(after) });
    }
  }
  return changes;
}

/** `10 ok`, `9 ok, 1 invalid`: the runs of a side by state, in a fixed order. */
function describeValidity(runs: readonly RunResult[]): string {
  const states = (['ok', 'invalid', 'failed'] as const).map((state) => [state, runs.filter((run) => run.state === state).length] as const);
  return states
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
}

/** The distinct values a counter took over the runs that finished (a failed run reports none), ascending, with how many runs gave each. */
function counterValues(runs: readonly RunResult[], counter: Exclude<BehaviourCounter, 'validity'>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const run of runs) {
    const value = run[counter];
    if (run.state !== 'failed' && value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return new Map([...counts.entries()].sort(([a], [b]) => a - b));
}

/** `127 (10 runs)`, `130 (9 runs), 131 (1 run)`, `none`. */
function describeCounter(counts: ReadonlyMap<number, number>): string {
  if (counts.size === 0) return 'none';
  return [...counts.entries()].map(([value, count]) => `${value} (${count} ${count === 1 ? 'run' : 'runs'})`).join(', ');
}
